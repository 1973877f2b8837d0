// Export from the app, end to end in the Chromium host: the sample opens, a finding is confirmed
// with a note, Export… saves an annotated PDF copy (whose first bytes are the original, built by
// the renderer: main never runs pdf-lib's parser on it) and a CSV with the note into the export
// folder; the copy's highlights are read back with pdf.js; screenshots land in test/.output.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPdf } from '../../main/extract/pdfjs';
import { reviewedSample, screenshot, type RunningApp } from './harness';

const SAMPLE = 'sentinel-vision-brochure.pdf';
const NOTE = 'Same wording as the 2023 brochure, page 2.';
const running: RunningApp[] = [];

/** Each /Highlight annotation's text on the copy, as pdf.js reads it (type 9 is Highlight). */
async function highlightTexts(bytes: Uint8Array): Promise<string[]> {
  const task = openPdf(new Uint8Array(bytes));
  try {
    const pdf = await task.promise;
    const texts: string[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const annotations = (await (await pdf.getPage(n)).getAnnotations()) as {
        annotationType: number;
        contentsObj: { str: string };
      }[];
      for (const a of annotations) if (a.annotationType === 9) texts.push(a.contentsObj.str);
    }
    return texts;
  } finally {
    await task.destroy();
  }
}

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

describe('exporting from the app', () => {
  const exportsDir = mkdtempSync(join(tmpdir(), 'claimlens-exports-'));

  it('saves an annotated PDF copy and a CSV with the note, and says where', async () => {
    const { app, toolbar } = await reviewedSample(exportsDir, NOTE);
    running.push(app);
    const { page } = app;

    await toolbar.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${SAMPLE}` });
    await dialog.getByRole('radio', { name: /Annotated PDF copy/ }).check();
    await screenshot(page, 'export-dialog');
    // The renderer builds the copy; main only checks its prefix (pdf-lib parses nothing here).
    const load = vi.spyOn(PDFDocument, 'load');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const status = dialog.getByRole('status');
    await status.getByText('Saved', { exact: false }).first().waitFor();
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
    await screenshot(page, 'export-saved');
    const pdfPath = join(exportsDir, `${SAMPLE.replace('.pdf', '')}.annotated.pdf`);
    expect(await status.textContent()).toContain(pdfPath);
    const copy = readFileSync(pdfPath);
    const sha256 = app.services.store.list()[0]!.sha256;
    const original = await app.services.store.readOriginal(sha256);
    expect(createHash('sha256').update(copy.subarray(0, original.length)).digest('hex')).toBe(
      sha256,
    );
    expect(copy.subarray(original.length).toString('latin1')).toContain('/Subtype /Highlight');
    const highlights = await highlightTexts(copy);
    expect(highlights.length).toBeGreaterThan(1);
    const confirmed = highlights.find((t) => t.includes(NOTE));
    expect(confirmed).toMatch(/Status: confirmed by /);
    expect(confirmed).toMatch(/race and ethnicity/i);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await toolbar.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('radio', { name: /CSV spreadsheet/ }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await dialog.getByRole('status').waitFor();
    const csv = readFileSync(
      join(exportsDir, `${SAMPLE.replace('.pdf', '')}.findings.csv`),
      'utf8',
    );
    expect(csv).toContain(NOTE);
    expect(csv).toContain(',confirmed,');
  });
});
