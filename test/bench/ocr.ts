// `npm run bench` (OCR part): seconds per scanned page. A generated two-column A4 brochure is
// rasterised at 200 dpi (MuPDF) and put back into a PDF as images only, as a scanner would; then
// the recogniser's start-up, rendering and recognition per page, the whole `claimlens analyse`
// run on the scan, and how many of the brochure's words OCR got back are measured. Never asserts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { PDFDocument } from 'pdf-lib';
import { extractPdf } from '../../main/extract/extract-pdf';
import { closeOcr, recognise, setOcrLanguages } from '../../main/extract/ocr-engine';
import { openForRendering } from '../../main/extract/render-pdf-page';
import { OCR_LANGUAGES } from '../../shared/ocr/languages';
import { makeBrochurePdf } from '../fixtures/brochure';
import { watchPeakMemory } from '../support/peak-memory';

const PAGES = 6;
const SCAN_DPI = 200;
const root = join(import.meta.dirname, '..', '..');
const outDir = join(root, 'test', '.output', 'bench');
const sourcePath = join(outDir, `ocr-source-${PAGES}.pdf`);
const scanPath = join(outDir, `ocr-scan-${PAGES}.pdf`);

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(46)} ${value}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Each page as a greyscale PNG at `dpi`, placed full-size on a page of the same size. */
async function scanOf(source: Uint8Array, dpi: number): Promise<Uint8Array> {
  const doc = mupdf.Document.openDocument(source, 'application/pdf');
  const out = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const [x0, y0, x1, y1] = page.getBounds();
    const pixmap = page.toPixmap(
      mupdf.Matrix.scale(dpi / 72, dpi / 72),
      mupdf.ColorSpace.DeviceGray,
      false,
      true,
    );
    const image = await out.embedPng(pixmap.asPNG());
    const target = out.addPage([x1 - x0, y1 - y0]);
    target.drawImage(image, { x: 0, y: 0, width: x1 - x0, height: y1 - y0 });
  }
  return out.save();
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
}

mkdirSync(outDir, { recursive: true });
if (!existsSync(scanPath)) {
  process.stdout.write(`Generating a ${PAGES}-page brochure and its ${SCAN_DPI} dpi scan...\n`);
  writeFileSync(sourcePath, await makeBrochurePdf({ pages: PAGES, seed: 61 }));
  writeFileSync(scanPath, await scanOf(readFileSync(sourcePath), SCAN_DPI));
}
const scan = new Uint8Array(readFileSync(scanPath));
const truth = (await extractPdf(new Uint8Array(readFileSync(sourcePath)))).pages;
process.stdout.write(
  `${scanPath}: ${(scan.length / 1e6).toFixed(1)} MB, ${PAGES} A4 pages scanned at ${SCAN_DPI} dpi\n\n`,
);

for (const languages of [OCR_LANGUAGES, ['eng'] as const]) {
  setOcrLanguages(languages);
  const renderer = await openForRendering(scan);
  const renderTimes: number[] = [];
  const ocrTimes: number[] = [];
  let found = 0;
  let total = 0;
  let startup = 0;
  for (let n = 1; n <= PAGES; n++) {
    let start = performance.now();
    const { png } = renderer.render(n);
    renderTimes.push((performance.now() - start) / 1000);
    if (n === 1) {
      start = performance.now();
      const blank = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, 64, 64], false);
      blank.clear(255);
      await recognise(blank.asPNG());
      startup = (performance.now() - start) / 1000;
    }
    start = performance.now();
    const lines = await recognise(png);
    ocrTimes.push((performance.now() - start) / 1000);
    const read = new Set(wordsOf(lines.flatMap((l) => l.words.map((w) => w.text)).join(' ')));
    const expected = wordsOf(truth[n - 1]!.text);
    total += expected.length;
    found += expected.filter((w) => read.has(w)).length;
  }
  renderer.close();
  await closeOcr();
  const label = languages.join('+');
  line(`recogniser start-up (${label})`, `${startup.toFixed(2)} s, once per worker thread`);
  line('render a page at 300 dpi (MuPDF)', `${median(renderTimes).toFixed(2)} s median`);
  line(
    `recognise a page (${label})`,
    `${median(ocrTimes).toFixed(2)} s median, ${Math.min(...ocrTimes).toFixed(2)}-${Math.max(...ocrTimes).toFixed(2)} s`,
  );
  line(
    'words of the brochure read back by OCR',
    `${((found / total) * 100).toFixed(1)}% of ${total}`,
  );
}

// The whole CLI on the scan, as a user runs it (two worker threads, each with its recogniser).
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');
const run = await new Promise<{ seconds: number; peakMb: number; code: number | null }>(
  (resolve) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      [launcher, 'analyse', scanPath, '--format', 'json', '--out', join(outDir, 'ocr-cli.json')],
      { stdio: ['ignore', 'ignore', 'inherit'], cwd: root },
    );
    const memory = watchPeakMemory(child.pid);
    child.on('exit', (code) => {
      resolve({ seconds: (performance.now() - start) / 1000, peakMb: memory.stop(), code });
    });
  },
);
const result = JSON.parse(readFileSync(join(outDir, 'ocr-cli.json'), 'utf8')) as {
  documents: { findings: unknown[]; warnings: string[] }[];
};
line(
  'claimlens analyse on the scan (whole run)',
  `${run.seconds.toFixed(1)} s, ${(run.seconds / PAGES).toFixed(2)} s per page, ${run.peakMb.toFixed(0)} MB peak, exit ${run.code}`,
);
line('findings on the scan', `${result.documents[0]?.findings.length ?? 0}`);
process.stdout.write(`${result.documents[0]?.warnings.join('\n') ?? ''}\n`);
