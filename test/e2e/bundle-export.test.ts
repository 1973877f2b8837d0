// The evidence bundle from the app, end to end in the Chromium host: the sample opens, a finding
// is confirmed with a note, Export… > Evidence bundle saves a .zip that `claimlens verify`'s
// checks find intact, holding the library's audit chain up to the note and the annotated copy
// the renderer built (its first bytes the original; main runs no pdf-lib parser on it);
// screenshots of the dialog land in test/.output.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyBundle } from '../../main/export/verify';
import { openPdf } from '../../main/extract/pdfjs';
import { reviewedSample, screenshot, type RunningApp } from './harness';

const SAMPLE = 'sentinel-vision-brochure.pdf';
const NOTE = 'Bundled for the procurement file, 2026.';
const running: RunningApp[] = [];

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

describe('exporting an evidence bundle from the app', () => {
  const exportsDir = mkdtempSync(join(tmpdir(), 'claimlens-bundles-'));

  it('saves a bundle that verifies, with the note and the audit chain in it', async () => {
    const { app, toolbar } = await reviewedSample(exportsDir, NOTE);
    running.push(app);
    const { page } = app;

    await toolbar.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${SAMPLE}` });
    await dialog.getByRole('radio', { name: /Evidence bundle/ }).check();
    await screenshot(page, 'export-bundle-dialog');
    const load = vi.spyOn(PDFDocument, 'load');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const status = dialog.getByRole('status');
    await status.getByText('Saved', { exact: false }).first().waitFor({ timeout: 120_000 });
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
    await screenshot(page, 'export-bundle-saved');
    const zipPath = join(exportsDir, 'sentinel-vision-brochure.evidence.zip');
    expect(await status.textContent()).toContain(zipPath);

    const zip = new Uint8Array(readFileSync(zipPath));
    const result = verifyBundle(zip);
    expect(result).toMatchObject({ status: 'intact', problems: [] });
    if (result.status === 'unreadable') return;
    const sha256 = app.services.store.list()[0]!.sha256;
    const audit = app.services.store.audit();
    expect(result.manifest.documents.map((d) => d.sha256)).toEqual([sha256]);
    expect(result.manifest.audit).toMatchObject({
      scope: 'library',
      records: audit.length,
      headHash: audit.at(-1)!.hash,
    });
    expect(result.manifest.files.map((f) => f.role).sort()).toEqual([
      'annotated-pdf',
      'annotations',
      'audit-log',
      'findings-csv',
      'findings-json',
      'original',
      'report-html',
      'report-pdf',
    ]);
    const files = unzipSync(zip);
    expect(strFromU8(files['findings/findings.csv']!)).toContain(NOTE);
    // The report's page images came from the renderer (main draws none in the app).
    expect(strFromU8(files['report/report.html']!)).toContain('data:image/png;base64,');
    // The annotated copy came from the renderer: the original's bytes first, the note in it.
    const copy = files[`annotated/${sha256}.annotated.pdf`]!;
    const original = await app.services.store.readOriginal(sha256);
    const prefix = createHash('sha256').update(copy.subarray(0, original.length)).digest('hex');
    expect(prefix).toBe(sha256);
    const task = openPdf(copy.slice());
    try {
      const pdf = await task.promise;
      const contents: string[] = [];
      for (let n = 1; n <= pdf.numPages; n += 1) {
        const annotations = (await (await pdf.getPage(n)).getAnnotations()) as {
          contentsObj: { str: string };
        }[];
        contents.push(...annotations.map((a) => a.contentsObj.str));
      }
      expect(contents.some((c) => c.includes(NOTE))).toBe(true);
    } finally {
      await task.destroy();
    }
  });
});
