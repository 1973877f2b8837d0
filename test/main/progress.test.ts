// The progress line `claimlens analyse` draws on a terminal, scans' OCR pages included.
import { describe, expect, it } from 'vitest';
import { Progress } from '../../main/cli/progress';

function terminal(isTTY = true) {
  const lines: string[] = [];
  return {
    stream: { isTTY, columns: 100, write: (text: string) => lines.push(text) },
    last: () => lines.at(-1) ?? '',
    count: () => lines.length,
  };
}

describe('Progress', () => {
  it('names the file being read and counts the files done', () => {
    const t = terminal();
    const progress = new Progress(3, t.stream);
    progress.started('brochures/a.pdf');
    expect(t.last()).toBe('\r\x1b[K[0/3] brochures/a.pdf');
    progress.finished();
    expect(t.last()).toBe('\r\x1b[K[1/3] brochures/a.pdf');
  });

  it("counts a scan's pages as OCR reads them, from every worker", () => {
    const t = terminal();
    const progress = new Progress(2, t.stream);
    progress.started('scan.pdf');
    progress.ocrPage('scan.pdf');
    expect(t.last()).toBe('\r\x1b[K[0/2] scan.pdf (OCR: 1 page read)');
    progress.ocrPage('scan.pdf');
    expect(t.last()).toBe('\r\x1b[K[0/2] scan.pdf (OCR: 2 pages read)');
    progress.started('text.pdf');
    expect(t.last()).toBe('\r\x1b[K[0/2] text.pdf');
  });

  it('shortens a long path from the left to fit the terminal', () => {
    const t = terminal();
    const progress = new Progress(1, t.stream);
    progress.started(`${'deep/'.repeat(40)}brochure.pdf`);
    expect(t.last().startsWith('\r\x1b[K[0/1] ...')).toBe(true);
    expect(t.last().endsWith('/brochure.pdf')).toBe(true);
    expect(t.last().length).toBeLessThanOrEqual(100);
  });

  it('draws nothing when standard error is not a terminal', () => {
    const t = terminal(false);
    const progress = new Progress(1, t.stream);
    progress.started('a.pdf');
    progress.ocrPage('a.pdf');
    progress.finished();
    progress.done();
    expect(t.count()).toBe(0);
  });
});
