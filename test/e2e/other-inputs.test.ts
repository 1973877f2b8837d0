// End-to-end: a Word file (LibreOffice), a saved product page with scripts and remote resources,
// and a PNG and a JPEG of a brochure page imported into the app are read in the sandboxed
// renderer with the command line's readers, their findings listed and marked where the words are:
// in the text view for the Word file and the web page, on the image (with the CLI's quads) for the
// PNG. A damaged Word file, a zip bomb, an image over the pixel cap and an empty file are refused
// in plain words while the rest keeps working.
// Screenshots: docx-text-view.png, html-text-view.png, png-image-page.png, png-export-dialog.png.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveIntoFolder } from '../../main/export/app-export';
import { analyseFile } from '../../main/extract/analyse-file';
import { closeOcr } from '../../main/extract/ocr-engine';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';
import { compileRules } from '../../shared/rules/compile';
import { verifyBundle } from '../../main/export/verify';
import { DOCX_CLAIMS } from '../fixtures/make-input-fixtures';
import { orientedPhoto } from '../support/oriented-photo';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
let app: RunningApp;
let work: string;
const exportsDir = mkdtempSync(join(tmpdir(), 'claimlens-other-exports-'));
/** A pack of the user's whose one rule matches a phrase of the Word file. */
const ENTRANCE_PACK = `pack:
  id: e2e.entrances
  name: Entrance monitoring
  version: 1.0.0
rules:
  - id: e2e.entrances.every
    title: Every entrance watched
    category: behaviour_crowd
    severity: medium
    explanation: A claim that every entrance is watched describes blanket monitoring of visitors.
    languages: [en]
    patterns: ['every entrance']
    tests:
      match: [Cameras at every entrance.]
      no_match: [A single door.]
`;
const NOTE = 'The watchlist claim is on the vendor datasheet sent to the city council.';

beforeAll(async () => {
  work = newLibraryDir();
  app = await startApp(newLibraryDir(), { saveExport: saveIntoFolder(exportsDir) });
  await app.page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app.stop();
});

/** Imports `path` from the Library screen and waits until its row says it was read. */
async function importFile(page: Page, path: string, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await page.locator('input[type=file][accept]').setInputFiles(path);
  const row = page.getByRole('row', { name: `Open ${name}` });
  await expect
    .poll(async () => (await row.locator('td').nth(2).textContent()) ?? '', { timeout: 120_000 })
    .not.toBe('—');
  return row;
}

/** Imports a file that cannot be read and returns what its row says. */
async function failedReason(page: Page, path: string, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await page.locator('input[type=file][accept]').setInputFiles(path);
  const error = page.getByRole('row', { name: `Open ${name}` }).locator('.doc-error');
  await error.waitFor({ timeout: 60_000 });
  await expect.poll(() => error.textContent()).not.toMatch(/^Not read yet/);
  return (await error.textContent()) ?? '';
}

describe('other inputs in the app', () => {
  it('shows a Word file as text with its findings marked in place', async () => {
    const { page } = app;
    await (await importFile(page, join(FIXTURES, 'datasheet.docx'), 'datasheet.docx')).click();
    const view = page.locator('.text-view');
    await view.waitFor({ timeout: 60_000 });
    // The feature table keeps its rows: the claim and its answer side by side.
    const row = view.locator('tr', { hasText: 'Licence plate recognition' });
    expect(await row.locator('td').allTextContents()).toEqual(['Licence plate recognition', 'Yes']);
    const findings = page.getByRole('complementary', { name: 'Findings' });
    const face = findings.getByRole('button', { name: /face recognition/i }).first();
    await face.waitFor();
    await face.click();
    // The list's selection focuses its mark in the text, which shows the rule in a tooltip.
    const focused = view.locator('mark.hl-text.selected[data-mark]');
    await focused.waitFor();
    await view.locator('mark.hl-text.selected[data-mark]:focus').waitFor();
    expect((await focused.textContent())?.toLowerCase()).toContain('face recognition');
    await page.getByRole('tooltip').waitFor();
    // A denial is drawn struck through, as on a PDF page.
    expect(await view.locator('mark.hl-text.negated').count()).toBeGreaterThan(0);
    // Every claim the file makes is marked: one mark per category claimed, and the denial.
    expect(await view.locator('mark.hl-text[data-mark]').count()).toBeGreaterThanOrEqual(
      DOCX_CLAIMS.categories.length + DOCX_CLAIMS.denied.length,
    );
    await screenshot(page, 'docx-text-view');

    // Triage and a note work as on a PDF, and reach the exports.
    const detail = page.getByRole('region', { name: 'Selected finding' });
    await detail.getByRole('radio', { name: 'Confirmed' }).click();
    await detail.getByLabel('Note').fill(NOTE);
    await detail.getByText(/^Saved /).waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export datasheet.docx' });
    await dialog.getByRole('radio', { name: /CSV spreadsheet/ }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await dialog.getByRole('status').getByText('Saved', { exact: false }).first().waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const csv = readFileSync(join(exportsDir, 'datasheet.findings.csv'), 'utf8');
    expect(csv).toContain(NOTE);
    // The row of the finding confirmed carries the status and the note.
    expect(csv.split('\n').find((row) => row.includes(NOTE))).toMatch(
      /,face recognition.*,confirmed,/i,
    );

    // The report quotes each finding in its sentence; a Word file has no page to picture.
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('radio', { name: /Evidence report \(HTML\)/ }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    const saved = dialog.getByRole('status');
    await saved.getByText('Saved', { exact: false }).first().waitFor();
    expect(await saved.textContent()).toContain('5 findings and highlights, 0 page images');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const report = readFileSync(join(exportsDir, 'datasheet.report.html'), 'utf8');
    expect(report).toContain(NOTE);
    expect(report).not.toContain('data:image/png;base64,');

    // The text view in the dark theme: the page stays paper-white, its marks readable.
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'docx-text-view-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Find in the document marks the hit in the text.
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Find in document' }).fill('watchlist');
    await page.getByRole('button', { name: 'Find next' }).click();
    await expect.poll(() => view.locator('mark.hl-text.find').textContent()).toBe('watchlist');
  });

  it('reads a saved web page as data: its scripts never run, nothing is fetched', async () => {
    const { page } = app;
    const row = await importFile(page, join(FIXTURES, 'product-page.html'), 'product-page.html');
    await row.click();
    const view = page.locator('.text-view');
    await view.getByText('OC-7 Analytics – Orbis Security').waitFor({ timeout: 60_000 });
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings
      .getByRole('button', { name: /ethnicity/i })
      .first()
      .waitFor();
    await view.locator('mark.hl-text.prohibited').first().waitFor();
    const text = (await view.textContent()) ?? '';
    for (const hidden of ['Uyghur', 'Gait recognition', 'Loitering']) {
      expect(text).not.toContain(hidden);
    }
    // The page's inline script sets window.claims; its remote script, style and pixel would be
    // requests the host refuses and logs.
    expect(await page.evaluate(() => 'claims' in globalThis)).toBe(false);
    expect(app.refused.filter((r) => r.includes('tracker.example'))).toEqual([]);
    await screenshot(page, 'html-text-view');
  });

  it('says why a page built by scripts shows no text, instead of an empty page', async () => {
    const { page } = app;
    const path = join(work, 'script-built.html');
    writeFileSync(
      path,
      '<!DOCTYPE html><html><head><script>document.write("Face recognition")</script></head>' +
        '<body><div id="app"></div></body></html>',
    );
    await (await importFile(page, path, 'script-built.html')).click();
    await page
      .locator('.text-view')
      .getByText(/shows no text, so nothing in it could be checked\. A web page built by scripts/)
      .waitFor({ timeout: 60_000 });
    expect(await page.title()).toBe('ClaimLens');
  });

  it('shows a plain-text file as its pages (split at form feeds) with their marks', async () => {
    const { page } = app;
    await (await importFile(page, join(FIXTURES, 'plain.txt'), 'plain.txt')).click();
    const second = page.locator('.text-view').getByRole('region', { name: 'Page 2' });
    await second.waitFor({ timeout: 60_000 });
    await page.locator('.text-view').getByRole('region', { name: 'Page 1' }).waitFor();
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('button', { name: /Licence plate recognition/ }).click();
    const mark = second.locator('mark.hl-text.selected[data-mark]:focus');
    await mark.waitFor();
    expect(await mark.textContent()).toBe('Licence plate recognition');
    await screenshot(page, 'text-file-view');
  });

  it('reads a PNG by OCR and highlights its findings on the image', async () => {
    const { page } = app;
    const row = await importFile(page, join(FIXTURES, 'scanned-page.png'), 'scanned-page.png');
    expect(await row.locator('td').nth(2).textContent()).toBe('1');
    await row.click();
    const findings = page.getByRole('complementary', { name: 'Findings' });
    const face = findings.getByRole('button', { name: /Face recognition against a watchlist/ });
    await face.waitFor({ timeout: 60_000 });
    await face.click();
    const detail = page.getByRole('region', { name: 'Selected finding' });
    await detail.getByText(/Read by OCR from a scanned page, confidence \d+%/).waitFor();
    // The marks lie on the image (one unit a pixel, as the command line reads it).
    const slot = page.locator('[data-page="1"]');
    const mark = slot.locator('.highlight-layer .hl.high').first();
    await mark.waitFor();
    const box = (await mark.boundingBox())!;
    const pageBox = (await slot.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(pageBox.x);
    expect(box.y + box.height).toBeLessThanOrEqual(pageBox.y + pageBox.height);
    await screenshot(page, 'png-image-page');

    // The quads are the command line's: the same user space, OCR at the image's own resolution.
    const sha256 = app.services.store.list().find((d) => d.fileName === 'scanned-page.png')!.sha256;
    const inApp = (await app.services.store.detail(sha256)).findings.map((f) => f.finding);
    const rules = compileRules(loadPacks([bundledRulesDir()]));
    const outcome = await analyseFile(join(FIXTURES, 'scanned-page.png'), rules);
    await closeOcr();
    if (outcome.kind !== 'done') throw new Error('expected a whole document');
    const inCli = outcome.result.findings;
    expect(inApp.map((f) => f.quote).sort()).toEqual(inCli.map((f) => f.quote).sort());
    for (const f of inApp) {
      const cli = inCli.find((c) => c.quote === f.quote)!;
      expect(f.quads.length, f.quote).toBe(cli.quads.length);
      f.quads.forEach((quad, i) =>
        quad.forEach((v, k) => expect(Math.abs(v - cli.quads[i]![k]!), f.quote).toBeLessThan(3)),
      );
    }

    // The annotated copy is made of PDFs only: the dialog says so and offers the rest.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: /Export scanned-page.png/ });
    const annotated = dialog.getByRole('radio', { name: /Annotated PDF copy/ });
    expect(await annotated.isDisabled()).toBe(true);
    await dialog.getByText(/scanned-page.png is a PNG image, not a PDF/).waitFor();
    expect(await dialog.getByRole('radio', { name: /CSV spreadsheet/ }).isEnabled()).toBe(true);
    await screenshot(page, 'png-export-dialog');

    // The bundle goes without the copy and says why; the report's image of the page is drawn.
    await dialog.getByRole('radio', { name: /Evidence bundle/ }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    const status = dialog.getByRole('status');
    await status.getByText('Saved', { exact: false }).first().waitFor({ timeout: 120_000 });
    expect(await status.textContent()).toMatch(
      /Annotated PDF copy of scanned-page.png: .*not a PDF/,
    );
    const zip = new Uint8Array(readFileSync(join(exportsDir, 'scanned-page.evidence.zip')));
    const verified = verifyBundle(zip);
    expect(verified).toMatchObject({ status: 'intact', problems: [] });
    if (verified.status === 'unreadable') return;
    expect(verified.manifest.files.map((f) => f.role)).not.toContain('annotated-pdf');
    const report = strFromU8(unzipSync(zip)['report/report.html']!);
    expect(report).toContain('data:image/png;base64,');
    expect(report).toContain('Face recognition against a watchlist');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('previews a rule pack on a Word file with the match marked in its text', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    await page.getByLabel('Rule pack file (YAML)').setInputFiles({
      name: 'entrances.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(ENTRANCE_PACK, 'utf8'),
    });
    const panel = page.getByRole('region', { name: 'Loaded rule pack entrances.yaml' });
    await panel.getByText('The pack is valid.').waitFor();
    const choice = panel.getByLabel('Document to preview on');
    await choice.selectOption({ label: 'datasheet.docx' });
    await panel.getByRole('button', { name: 'Preview matches' }).click();
    const matches = panel.getByRole('list', { name: 'Preview matches' }).getByRole('button');
    await matches.first().waitFor({ timeout: 60_000 });
    await matches.first().click();
    const shown = panel.getByRole('region', { name: 'Page 1 with the preview matches' });
    const mark = shown.locator('mark.hl-text.medium.selected[data-mark]');
    await mark.waitFor();
    expect(await mark.textContent()).toBe('every entrance');
    await screenshot(page, 'docx-rules-preview');
    await panel.getByRole('button', { name: 'Discard' }).click();
  });

  it("reads photos stored turned or mirrored (EXIF orientation) upright, with the CLI's quads", async () => {
    const { page } = app;
    const rules = compileRules(loadPacks([bundledRulesDir()]));
    for (const [orientation, order] of [
      [6, 'II'],
      [8, 'MM'],
      [3, 'II'],
      [2, 'MM'],
      [5, 'II'],
    ] as const) {
      const name = `photo-${orientation}-${order}.jpg`;
      writeFileSync(join(work, name), orientedPhoto(orientation, order));
      const row = await importFile(page, join(work, name), name);
      await row.click();
      const findings = page.getByRole('complementary', { name: 'Findings' });
      await findings
        .getByRole('button', { name: /Face recognition against a watchlist/ })
        .waitFor();
      await page.locator('[data-page="1"] .highlight-layer .hl.high').first().waitFor();
      if (orientation === 6) await screenshot(page, 'photo-turned-upright');
      if (orientation === 5) await screenshot(page, 'photo-mirrored-upright');
      const sha256 = app.services.store.list().find((d) => d.fileName === name)!.sha256;
      const inApp = (await app.services.store.detail(sha256)).findings.map((f) => f.finding);
      const outcome = await analyseFile(join(work, name), rules);
      if (outcome.kind !== 'done') throw new Error('expected a whole document');
      const inCli = outcome.result.findings;
      expect(inApp.map((f) => f.quote).sort(), name).toEqual(inCli.map((f) => f.quote).sort());
      for (const f of inApp) {
        const cli = inCli.find((c) => c.quote === f.quote)!;
        f.quads.forEach((quad, i) =>
          quad.forEach((v, k) => expect(Math.abs(v - cli.quads[i]![k]!), name).toBeLessThan(3)),
        );
      }
      // Upright: the page is as wide as the photo shows (875 pixels), not as it is stored.
      expect(f0(inApp).quads[0]![2]).toBeLessThan(875);
      await page.getByRole('button', { name: 'Library', exact: true }).click();
    }
    await closeOcr();
  });

  it('reads a JPEG too', async () => {
    const { page } = app;
    const row = await importFile(page, join(FIXTURES, 'scanned-page.jpg'), 'scanned-page.jpg');
    await row.click();
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('button', { name: /Licence plate recognition/ }).waitFor();
    await page.locator('[data-page="1"] .highlight-layer .hl.medium').first().waitFor();
  });

  it(
    'refuses a damaged Word file, a zip bomb, a huge image and an empty file in plain words',
    {
      timeout: 180_000,
    },
    async () => {
      const { page } = app;
      const docx = readFileSync(join(FIXTURES, 'datasheet.docx'));
      const truncated = join(work, 'truncated.docx');
      writeFileSync(truncated, docx.subarray(0, docx.length >> 1));
      expect(await failedReason(page, truncated, 'truncated.docx')).toMatch(
        /^The Word file is damaged \(no ZIP directory at its end; it may be truncated\)/,
      );

      const bomb = zipSync({ 'word/document.xml': [new Uint8Array(1000), {}] });
      const view = new DataView(bomb.buffer);
      for (let at = 0; at + 4 <= bomb.length; at++) {
        if (view.getUint32(at, true) === 0x04034b50) view.setUint32(at + 22, 300 << 20, true);
        if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 300 << 20, true);
      }
      writeFileSync(join(work, 'bomb.docx'), bomb);
      expect(await failedReason(page, join(work, 'bomb.docx'), 'bomb.docx')).toMatch(
        /would unpack to 300 MB .* it looks like a zip bomb, so it was not opened/,
      );

      const huge = new Uint8Array(readFileSync(join(FIXTURES, 'scanned-page.png')));
      new DataView(huge.buffer).setUint32(16, 20_000);
      new DataView(huge.buffer).setUint32(20, 20_000);
      writeFileSync(join(work, 'huge.png'), huge);
      expect(await failedReason(page, join(work, 'huge.png'), 'huge.png')).toMatch(
        /^The image is 20000 x 20000 pixels, more than ClaimLens reads \(40 megapixels\); scale it down/,
      );

      // An empty file never enters the library: the import's summary says why.
      writeFileSync(join(work, 'empty.docx'), new Uint8Array(0));
      await page.locator('input[type=file][accept]').setInputFiles(join(work, 'empty.docx'));
      await page
        .getByRole('list', { name: 'Files that could not be read' })
        .getByText(/empty\.docx.*The file is empty \(0 bytes\)/)
        .waitFor();

      // The library goes on: the Word file read earlier still opens with its marks.
      await page.getByRole('row', { name: 'Open datasheet.docx' }).click();
      await page.locator('.text-view mark.hl-text[data-mark]').first().waitFor({ timeout: 60_000 });
    },
  );
});

function f0<T>(list: readonly T[]): T {
  expect(list.length).toBeGreaterThan(0);
  return list[0]!;
}
