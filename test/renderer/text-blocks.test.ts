// The text view's layout of a page with no geometry (renderer/viewer/text-blocks.ts): paragraphs
// at blank lines, tab-separated lines as table rows, and a span cut where marks start and end,
// every piece keeping its offsets in the page text (where findings point).
import { describe, expect, it } from 'vitest';
import { assignToBlocks, piecesOf, textBlocks, type Span } from '../../renderer/viewer/text-blocks';

const TEXT =
  'Orbis OC-7\n\nRuns face recognition.\nSecond line.\n\n\nFeature\tSupport\nLPR\tYes\nTail';

function texts(blocks: ReturnType<typeof textBlocks>): unknown[] {
  const at = (s: Span): string => TEXT.slice(s.start, s.end);
  return blocks.map((b) =>
    b.kind === 'paragraph' ? at(b.span) : b.rows.map((row) => row.map(at)),
  );
}

describe('text blocks', () => {
  it('makes paragraphs of blank-line runs and tables of tab-separated lines', () => {
    expect(texts(textBlocks(TEXT))).toEqual([
      'Orbis OC-7',
      'Runs face recognition.\nSecond line.',
      [
        ['Feature', 'Support'],
        ['LPR', 'Yes'],
      ],
      'Tail',
    ]);
  });

  it('keeps an empty cell, and shows nothing for a blank page', () => {
    expect(textBlocks('a\t\tb')).toEqual([
      {
        kind: 'table',
        rows: [
          [
            { start: 0, end: 1 },
            { start: 2, end: 2 },
            { start: 3, end: 4 },
          ],
        ],
      },
    ]);
    expect(textBlocks(' \n\n ')).toEqual([]);
  });
});

describe('pieces', () => {
  it('cuts a span where marks start and end, longest mark outermost', () => {
    const long = { start: 2, end: 10, id: 'long' };
    const short = { start: 5, end: 8, id: 'short' };
    const outside = { start: 20, end: 25, id: 'outside' };
    const pieces = piecesOf({ start: 0, end: 12 }, [short, long, outside]);
    expect(pieces.map((p) => [p.start, p.end, p.marks.map((m) => m.id)])).toEqual([
      [0, 2, []],
      [2, 5, ['long']],
      [5, 8, ['long', 'short']],
      [8, 10, ['long']],
      [10, 12, []],
    ]);
  });

  it('clips a mark that runs past the span (a finding across table cells)', () => {
    const across = { start: 3, end: 9 };
    expect(piecesOf({ start: 5, end: 7 }, [across]).map((p) => [p.start, p.end])).toEqual([[5, 7]]);
  });
});

describe('marks by block', () => {
  it('gives each block the marks over it, and each mark where its first shown piece starts', () => {
    const blocks = textBlocks(TEXT);
    // 'Second line.' and the blank lines after it into the table's first cell, and one in a cell.
    const across = { start: TEXT.indexOf('line.'), end: TEXT.indexOf('Feature') + 4 };
    const inCell = { start: TEXT.indexOf('Yes'), end: TEXT.indexOf('Yes') + 3 };
    // A mark that starts in the break between two paragraphs is first shown where text resumes.
    const fromBreak = { start: TEXT.indexOf('\n\nRuns'), end: TEXT.indexOf('Runs') + 4 };
    const { perBlock, firstAt } = assignToBlocks(blocks, [across, inCell, fromBreak]);
    expect(perBlock).toEqual([[], [across, fromBreak], [across, inCell], []]);
    expect(firstAt.get(across)).toBe(across.start);
    expect(firstAt.get(inCell)).toBe(inCell.start);
    expect(firstAt.get(fromBreak)).toBe(TEXT.indexOf('Runs'));
  });
});
