// Folder import and the edition compare view, end to end in the Chromium host. The library starts
// with the old edition imported by `claimlens import`; the app then imports a folder holding the
// old edition again, the new edition, a copy of it and a damaged PDF (one imported, two
// duplicates, one failure with its reason), compares the two editions side by side, and cancels
// a bigger folder's import part way. Screenshots land in test/.output/screenshots/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveIntoFolder } from '../../main/export/app-export';
import { extractPdf } from '../../main/extract/extract-pdf';
import { EditionDiff } from '../../shared/diff/diff';
import { brochurePdf, writeEditions } from '../main/diff-editions';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');
const running: RunningApp[] = [];

/** The focused element's tag, read in the page (test/ has no DOM types: it runs in Node). */
function activeTag(): string | undefined {
  return (globalThis as unknown as { document: { activeElement: { tagName: string } | null } })
    .document.activeElement?.tagName;
}

let work: string;
let folder: string;
let editions: { oldPdf: string; newPdf: string };

beforeAll(async () => {
  mkdirSync(join(root, 'test', '.output'), { recursive: true });
  work = mkdtempSync(join(root, 'test', '.output', 'compare-'));
  const seed = join(work, 'seed');
  mkdirSync(seed);
  editions = await writeEditions(seed);
  folder = join(work, 'brochures');
  mkdirSync(join(folder, 'archive'), { recursive: true });
  copyFileSync(editions.oldPdf, join(folder, 'sv-9000-2023.pdf'));
  copyFileSync(editions.newPdf, join(folder, 'sv-9000-2024.pdf'));
  copyFileSync(editions.newPdf, join(folder, 'archive', 'sv-9000-2024-copy.pdf'));
  writeFileSync(join(folder, 'archive', 'damaged.pdf'), '%PDF-1.7\n1 0 obj <<');
});

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

describe('folder import and compare editions', () => {
  const libraryDir = newLibraryDir();
  let app: RunningApp;

  beforeAll(async () => {
    const run = spawnSync(
      process.execPath,
      [launcher, 'import', '--library', libraryDir, editions.oldPdf],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stdout).toContain('1 imported');
    app = await startApp(libraryDir, { saveExport: saveIntoFolder(join(work, 'exports')) });
    running.push(app);
  });

  it('imports a folder: duplicates by SHA-256 skipped, failures listed with reasons', async () => {
    const { page } = app;
    await page.getByRole('row', { name: 'Open sv-9000-2023.pdf' }).waitFor({ timeout: 60_000 });
    await page.locator('input[type=file]:not([accept])').setInputFiles(folder);
    const summary = page.getByRole('region', { name: /Import finished: 4 files/ });
    await summary.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => summary.locator('p').first().textContent())
      .toBe('1 imported, 2 duplicates skipped, 1 could not be read.');
    const failures = summary.getByRole('list', { name: 'Files that could not be read' });
    expect(await failures.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^brochures\/archive\/damaged\.pdf: .+/),
    ]);
    // The focus moved to the summary, so a screen reader announces it.
    expect(await page.evaluate(activeTag)).toBe('SECTION');
    await summary.getByText(/2 duplicates not imported again/).click();
    const duplicates = await summary.getByRole('list', { name: 'Duplicates' }).textContent();
    expect(duplicates).toContain('brochures/sv-9000-2023.pdf: same file as sv-9000-2023.pdf');
    expect(duplicates).toContain(
      'brochures/sv-9000-2024.pdf: same file as brochures/archive/sv-9000-2024-copy.pdf',
    );
    await page.getByRole('row', { name: 'Open sv-9000-2024-copy.pdf' }).waitFor();
    await screenshot(page, 'import-summary');
    expect(await page.getByRole('row', { name: /^Open / }).count()).toBe(3);
  });

  it('compares the two editions with both pages side by side', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Compare sv-9000-2023.pdf' }).check();
    await page.getByRole('checkbox', { name: 'Compare sv-9000-2024-copy.pdf' }).check();
    await page.getByRole('button', { name: 'Compare editions' }).click();
    const view = page.getByRole('main', { name: 'Compare editions' });
    await view.getByText('1 added').waitFor({ timeout: 30_000 });
    expect(await view.locator('.compare-summary').textContent()).toContain(
      '1 added2 removed3 changed2 unchanged (1 on another page)',
    );
    const changes = view.getByRole('list', { name: 'Changes' }).getByRole('button');
    expect(await changes.count()).toBe(6);

    // A removed claim: the old page shows it highlighted, the new edition says it is gone.
    await changes.filter({ hasText: 'Ethnicity or race inference' }).click();
    const oldPage = view.getByRole('figure', { name: 'Old edition' });
    const newPage = view.getByRole('figure', { name: 'New edition' });
    await oldPage.locator('[data-page="2"] .hl.prohibited.selected').waitFor();
    await newPage.getByText('Not in the new edition: this claim was removed.').waitFor();

    // A claim stated differently: both pages, each with its own highlight, and the word diff.
    await changes.filter({ hasText: 'Licence plates' }).click();
    await oldPage.locator('[data-page="2"] .hl.medium.selected').waitFor();
    await newPage.locator('[data-page="2"] .hl.medium.selected').waitFor();
    const detail = view.getByRole('region', { name: "The change on both editions' pages" });
    expect(await detail.locator('dd').first().textContent()).toBe('planned → claimed');
    expect(await detail.locator('.word-diff del').allTextContents()).toEqual([
      'planned for 2025. ',
    ]);
    expect(await detail.locator('.word-diff ins').allTextContents()).toEqual([
      'included on every model. ',
    ]);
    await page.waitForTimeout(300); // let both canvases finish painting for the screenshot
    await screenshot(page, 'compare-changed');

    // An added claim, reached with the keyboard from the list.
    await changes.filter({ hasText: 'Gait recognition' }).focus();
    await page.keyboard.press('Enter');
    await newPage.locator('[data-page="3"] .hl.high.selected').waitFor();
    await oldPage.getByText('Not in the old edition: this claim was added.').waitFor();
    await screenshot(page, 'compare-added');

    // The comparison exported as CSV and JSON, through the app's export saver.
    await view.getByRole('button', { name: 'Export CSV' }).click();
    await page
      .getByText(/^Saved the comparison \(1 added, 2 removed, 3 changed, 2 unchanged\) as .+\.csv$/)
      .waitFor();
    const csv = readFileSync(
      join(work, 'exports', 'sv-9000-2023 vs sv-9000-2024-copy.csv'),
      'utf8',
    );
    expect(csv.trimEnd().split('\r\n')).toHaveLength(7);
    await view.getByRole('button', { name: 'Export JSON' }).click();
    await page.getByText(/^Saved the comparison .+\.json$/).waitFor();
    const json = EditionDiff.loose().parse(
      JSON.parse(
        readFileSync(join(work, 'exports', 'sv-9000-2023 vs sv-9000-2024-copy.json'), 'utf8'),
      ),
    );
    expect(json.summary.changed).toBe(3);

    // The comparison report, with both editions' page images drawn in the renderer.
    await view.getByRole('button', { name: 'Export HTML report' }).click();
    await page
      .getByText(
        /^Saved the comparison \(1 added, 2 removed, 3 changed, 2 unchanged; 9 page images\) as .+\.comparison\.html$/,
      )
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'compare-report-saved');
    const report = parseDocument(
      readFileSync(
        join(work, 'exports', 'sv-9000-2023 vs sv-9000-2024-copy.comparison.html'),
        'utf8',
      ),
    );
    const changeArticles = DomUtils.findAll(
      (e) => 'data-change-kind' in e.attribs,
      report.children,
    );
    expect(changeArticles.map((a) => a.attribs['data-change-kind'])).toEqual([
      'removed',
      'removed',
      'changed',
      'added',
      'changed',
      'changed',
    ]);
    // Each side an edition has shows its page, drawn by the renderer (main parsed no PDF).
    const images = changeArticles.map(
      (a) =>
        DomUtils.findAll(
          (e) => e.name === 'img' && /^data:image\/png;base64,/.test(e.attribs.src ?? ''),
          a.children,
        ).length,
    );
    expect(images).toEqual([1, 1, 2, 1, 2, 2]);
    const reportText = DomUtils.textContent(report);
    expect(reportText).toContain('verified against its SHA-256 when the report was made');
    expect(reportText).toContain('Polarity: planned → claimed');
    await view.getByRole('button', { name: 'Export PDF report' }).click();
    await page.getByText(/^Saved the comparison .+\.comparison\.pdf$/).waitFor({ timeout: 60_000 });
    const pdf = await extractPdf(
      new Uint8Array(
        readFileSync(join(work, 'exports', 'sv-9000-2023 vs sv-9000-2024-copy.comparison.pdf')),
      ),
    );
    const pdfText = pdf.pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(pdfText).toContain('Change1REMOVEDPROHIBITED');
    expect(pdfText).toContain('Polarity:planned→claimed');

    // Swapping turns the addition into a removal.
    await view.getByRole('button', { name: 'Swap old and new' }).click();
    await view.getByText('2 added').waitFor();
    await view.getByText('1 removed').waitFor();
    // Drawing both editions' page images and writing the report add to the usual minute.
  }, 180_000);

  it('cancels a big folder part way and keeps what was imported', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '← Library' }).click();
    await page
      .getByRole('region', { name: /Import finished/ })
      .getByRole('button', { name: 'Dismiss' })
      .click();
    const many = join(work, 'many');
    mkdirSync(many);
    for (let i = 0; i < 120; i++) {
      writeFileSync(
        join(many, `datasheet-${String(i).padStart(3, '0')}.pdf`),
        await brochurePdf([
          [`Datasheet ${i}`, 'The camera performs face recognition against watchlists.'],
        ]),
      );
    }
    await page.locator('input[type=file]:not([accept])').setInputFiles(many);
    const bar = page.getByRole('status').filter({ has: page.getByRole('progressbar') });
    // Cancel once some files are in, so both sides of the cancel are seen.
    await bar.getByText(/^([1-9]\d*) of 120 files/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-progress');
    await bar.getByRole('button', { name: 'Cancel' }).click();
    const summary = page.getByRole('region', { name: /Import cancelled: 120 files/ });
    await summary.waitFor({ timeout: 60_000 });
    const text = (await summary.locator('p').first().textContent()) ?? '';
    const imported = Number(/^(\d+) imported/.exec(text)?.[1]);
    const notImported = Number(/(\d+) not imported/.exec(text)?.[1]);
    expect(imported).toBeGreaterThan(0);
    expect(notImported).toBeGreaterThan(0);
    expect(imported + notImported).toBe(120);
    expect(text).toContain('What was imported before you cancelled is kept.');
    await screenshot(page, 'import-cancelled');
    // Everything counted as imported is in the library, read.
    const docs = app.services.store.list().filter((d) => d.fileName.startsWith('datasheet-'));
    expect(docs.filter((d) => d.state === 'analysed')).toHaveLength(imported);
  });
});
