// End-to-end: a scanned PDF imported into the app is read by OCR in the sandboxed renderer (pdf.js
// canvas -> tesseract.js worker, every file from the app's own origin), its findings are
// highlighted on the scan, and the detail says how sure OCR was. Screenshot: ocr-document.png.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
let app: RunningApp | null = null;

afterAll(async () => {
  await app?.stop();
});

describe('a scanned brochure in the app', () => {
  it('is read by OCR, highlighted, and shows the OCR confidence of a finding', async () => {
    app = await startApp(newLibraryDir());
    const { page } = app;
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page
      .locator('input[type=file][accept]')
      .setInputFiles(join(FIXTURES, 'scanned-no-text.pdf'));
    const row = page.getByRole('row', { name: 'Open scanned-no-text.pdf' });
    await expect.poll(() => row.locator('td').nth(2).textContent(), { timeout: 120_000 }).toBe('1');
    await row.click();
    const findings = page.getByRole('complementary', { name: 'Findings' });
    const face = findings.getByRole('button', { name: /Face recognition against a watchlist/ });
    await face.waitFor({ timeout: 60_000 });
    await face.click();
    const detail = page.getByRole('region', { name: 'Selected finding' });
    await detail.getByText(/Read by OCR from a scanned page, confidence \d+%/).waitFor();
    await page.locator('.highlight-layer .hl').first().waitFor();
    // The document says which page OCR read and how sure it was, worded as the CLI words it.
    await expect
      .poll(() => page.getByRole('region', { name: 'How this document was read' }).textContent())
      .toMatch(
        /1 page has no text layer \(scanned or drawn as images\) and was read by OCR: page 1 \(\d+ words, mean confidence \d+%\)\./,
      );
    await screenshot(page, 'ocr-document');
    expect(app.refused).toEqual([]);
  });
});
