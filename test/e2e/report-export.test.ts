// The evidence report from the app, end to end in the Chromium host: a finding of the sample is
// confirmed with a note, Export… > Evidence report (PDF) draws the page images in the renderer
// and saves the PDF, which pdf.js reads back with the note; the HTML report holds one image per
// finding, drawn by the renderer (main parsed no PDF for it). Screenshots land in test/.output.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../main/extract/extract-pdf';
import { reviewedSample, screenshot, type RunningApp } from './harness';

const SAMPLE = 'sentinel-vision-brochure.pdf';
const STEM = SAMPLE.replace('.pdf', '');
const NOTE = 'Quoted in our 2026 briefing — 人脸识别 appears in the Chinese edition too.';
const running: RunningApp[] = [];

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

describe('the evidence report from the app', () => {
  const exportsDir = mkdtempSync(join(tmpdir(), 'claimlens-reports-'));

  it('saves the PDF and HTML reports with page images drawn in the renderer', async () => {
    const { app, toolbar } = await reviewedSample(exportsDir, NOTE);
    running.push(app);
    const { page } = app;

    await toolbar.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${SAMPLE}` });
    await dialog.getByRole('radio', { name: /Evidence report \(PDF\)/ }).check();
    await screenshot(page, 'report-export-dialog');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const status = dialog.getByRole('status');
    await status.getByText('Saved', { exact: false }).first().waitFor({ timeout: 120_000 });
    await screenshot(page, 'report-export-saved');
    const pdfPath = join(exportsDir, `${STEM}.report.pdf`);
    expect(await status.textContent()).toContain(pdfPath);

    const sha256 = app.services.store.list()[0]!.sha256;
    const count = (await app.services.store.detail(sha256)).findings.length;
    const text = (await extractPdf(new Uint8Array(readFileSync(pdfPath)))).pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(text).toContain(sha256);
    expect(text).toContain(NOTE.replace(/\s+/g, ''));
    expect(text).toContain(`Confirmedby${app.services.store.reviewer().replace(/\s+/g, '')}`);
    expect(await status.textContent()).toContain(`${count} page images`);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await toolbar.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('radio', { name: /Evidence report \(HTML\)/ }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await dialog.getByRole('status').getByText('Saved', { exact: false }).first().waitFor({
      timeout: 120_000,
    });
    const dom = parseDocument(readFileSync(join(exportsDir, `${STEM}.report.html`), 'utf8'));
    const articles = DomUtils.findAll((e) => 'data-finding-id' in e.attribs, dom.children);
    expect(articles).toHaveLength(count);
    for (const article of articles) {
      const img = DomUtils.findOne((e) => e.name === 'img', article.children);
      expect(img?.attribs.src).toMatch(/^data:image\/png;base64,/);
    }
    expect(DomUtils.textContent(dom)).toContain(NOTE);
  });
});
