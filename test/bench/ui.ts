// `npm run bench` (UI part): in the Chromium host, how long a 400-page datasheet takes to be read
// on import, then to show its first page with highlights when opened, and how many page canvases
// stay alive while scrolling through it. Budget (issue "Desktop app"): first page with
// highlights in under 1 s; at most a few canvases alive. Prints figures; never asserts.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeBrochurePdf } from '../fixtures/brochure';
import { newLibraryDir, startApp } from '../e2e/harness';

const PAGES = 400;
const outDir = join(import.meta.dirname, '..', '.output', 'bench');
const pdfPath = join(outDir, `brochure-${PAGES}.pdf`);
mkdirSync(outDir, { recursive: true });
if (!existsSync(pdfPath))
  writeFileSync(pdfPath, await makeBrochurePdf({ pages: PAGES, seed: 400 }));

const line = (label: string, value: string): void => {
  process.stdout.write(`${label.padEnd(46)} ${value}\n`);
};

const app = await startApp(newLibraryDir());
try {
  const { page } = app;
  // First run opens the sample; the datasheet is then opened as a user would.
  await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  let start = performance.now();
  await page.locator('input[type=file][accept]').setInputFiles(pdfPath);
  const row = page.getByRole('row', { name: `Open brochure-${PAGES}.pdf` });
  await row.waitFor({ timeout: 300_000 });
  await page
    .getByRole('status')
    .filter({ hasText: /of 1:/ })
    .waitFor({ state: 'detached', timeout: 300_000 });
  line('import and read in the sandbox', `${((performance.now() - start) / 1000).toFixed(2)} s`);

  start = performance.now();
  await row.click();
  await page.locator('[data-page="1"] canvas').waitFor();
  await page.locator('[data-page="1"] .hl').first().waitFor();
  const firstPage = (performance.now() - start) / 1000;
  line(
    'open: first page with highlights',
    `${firstPage.toFixed(2)} s (budget 1 s: ${firstPage < 1 ? 'OK' : 'OVER'})`,
  );

  let mostCanvases = 0;
  for (let step = 0; step < 60; step++) {
    // The page's element, typed here since test/ has no DOM types.
    await page
      .locator('.pages')
      .evaluate((el: { scrollTop: number; scrollHeight: number }, to: number) => {
        el.scrollTop = to * el.scrollHeight;
      }, step / 59);
    const alive = await page.locator('.page-slot canvas').count();
    mostCanvases = Math.max(mostCanvases, alive);
  }
  line('page canvases alive while scrolling (most)', `${mostCanvases} of ${PAGES} pages`);
} finally {
  await app.stop();
}
