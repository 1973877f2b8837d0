// `npm run bench` (other inputs in the app): how long the desktop app takes, in the Chromium
// host, to read a Word file, a saved web page and a photographed brochure page (page 2 of the
// sample brochure rendered at 200 dpi to a 1654 x 2339 greyscale PNG, as a phone scan app would
// save it) from the moment it is chosen until its findings are saved, against `analyseFile` (the
// CLI's reader) on the same files in this process; and whether both found the same claims. Then
// the text view on a long document: a 1 MB text file with about 12,000 findings opened, and the
// next finding focused from the keyboard. Prints figures; never asserts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import type { Page } from 'playwright-core';
import { analyseFile } from '../../main/extract/analyse-file';
import { closeOcr, recognise } from '../../main/extract/ocr-engine';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';
import { compileRules } from '../../shared/rules/compile';
import { newLibraryDir, startApp } from '../e2e/harness';

const root = join(import.meta.dirname, '..', '..');
const outDir = join(root, 'test', '.output', 'bench');
const FIXTURES = join(root, 'test', 'fixtures', 'files');

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
}

/** Page 2 of the sample brochure as a 200-dpi greyscale PNG. */
function photographedPage(): string {
  const sample = readFileSync(join(root, 'resources', 'samples', 'sentinel-vision-brochure.pdf'));
  const doc = mupdf.Document.openDocument(sample, 'application/pdf');
  const pixmap = doc
    .loadPage(1)
    .toPixmap(mupdf.Matrix.scale(200 / 72, 200 / 72), mupdf.ColorSpace.DeviceGray, false, true);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'photographed-page.png');
  writeFileSync(path, pixmap.asPNG());
  return path;
}

const inputs = [
  { name: 'datasheet.docx', path: join(FIXTURES, 'datasheet.docx') },
  { name: 'product-page.html', path: join(FIXTURES, 'product-page.html') },
  { name: 'photographed-page.png', path: photographedPage() },
];

// The CLI's readers, the recogniser started first so that its start-up is not counted.
const rules = compileRules(loadPacks([bundledRulesDir()]));
await recognise(readFileSync(join(FIXTURES, 'scanned-page.png')));
const cli = new Map<string, string[]>();
for (const input of inputs) {
  const start = performance.now();
  const outcome = await analyseFile(input.path, rules);
  const ms = performance.now() - start;
  if (outcome.kind !== 'done') throw new Error('expected a whole document');
  cli.set(input.name, outcome.result.findings.map((f) => f.quote).sort());
  line(
    `CLI analyseFile ${input.name}`,
    `${ms.toFixed(0)} ms, ${cli.get(input.name)!.length} findings`,
  );
}
await closeOcr();

const app = await startApp(newLibraryDir());
try {
  const { page } = app;
  await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  // A first image read starts the app's recogniser; it is not counted either.
  await page.locator('input[type=file][accept]').setInputFiles(join(FIXTURES, 'scanned-page.jpg'));
  await waitUntilRead(page, 'scanned-page.jpg');
  for (const input of inputs) {
    const start = performance.now();
    await page.locator('input[type=file][accept]').setInputFiles(input.path);
    await waitUntilRead(page, input.name);
    const ms = performance.now() - start;
    const meta = app.services.store.list().find((d) => d.fileName === input.name)!;
    const quotes = (await app.services.store.detail(meta.sha256)).findings
      .map((f) => f.finding.quote)
      .sort();
    const same = JSON.stringify(quotes) === JSON.stringify(cli.get(input.name));
    line(
      `app ${input.name}`,
      `${ms.toFixed(0)} ms, ${quotes.length} findings${same ? ', the CLI\u2019s' : ', NOT the CLI\u2019s'}`,
    );
  }

  // A long document in the text view.
  const sentences = [
    'The camera performs face recognition against watchlists in real time.',
    'Its analytics estimate gender, age and ethnicity of every visitor.',
    'Recordings are uploaded automatically to the vendor cloud.',
    'The housing is rated IP67 and works from -30 to 60 degrees.',
    'Power over Ethernet, 12 W maximum, with a wide dynamic range sensor.',
  ];
  let text = '';
  for (let i = 0; text.length < 1_000_000; i++) {
    text += (i % 6 === 5 ? '\n\n' : ' ') + sentences[i % sentences.length]!;
  }
  const longPath = join(outDir, 'long-datasheet.txt');
  writeFileSync(longPath, text);
  await page.locator('input[type=file][accept]').setInputFiles(longPath);
  await waitUntilRead(page, 'long-datasheet.txt');
  let start = performance.now();
  await page.getByRole('row', { name: 'Open long-datasheet.txt' }).click();
  await page.locator('.text-view mark.hl-text').first().waitFor({ timeout: 120_000 });
  const marks = await page.locator('.text-view mark.hl-text[data-mark]').count();
  line(
    'app: open a 1 MB text file in the text view',
    `${(performance.now() - start).toFixed(0)} ms, ${marks} marks`,
  );
  await page.getByRole('complementary', { name: 'Findings' }).getByRole('button').first().waitFor();
  const steps: number[] = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    await page.keyboard.press('n');
    await page.locator(`.text-view mark.hl-text.selected[data-mark]:focus`).waitFor();
    steps.push(performance.now() - start);
  }
  steps.sort((a, b) => a - b);
  line('app: next finding focused (incl. 150 ms scroll wait)', `median ${steps[2]!.toFixed(0)} ms`);
} finally {
  await app.stop();
}

async function waitUntilRead(page: Page, name: string): Promise<void> {
  const pages = page
    .getByRole('row', { name: `Open ${name}` })
    .locator('td')
    .nth(2);
  await pages.waitFor({ timeout: 120_000 });
  for (;;) {
    const text = (await pages.textContent()) ?? '—';
    if (text !== '—') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
