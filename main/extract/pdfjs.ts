// The CLI's one pdfjs-dist loader: every option comes from shared/pdf/options.ts; data is passed
// as bytes, never as a URL. The app's renderer has the twin of this file in renderer/pdf/.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentLoadingTask,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDF_LOAD_OPTIONS, PDF_RESOURCE_DIRS } from '../../shared/pdf/options';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

// In Node, pdf.js runs its parser in this thread through a "fake worker" it imports from here.
GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href;

/**
 * Loads pdf.js's parser ahead of the first document (it is large), where pdf.js looks for a
 * preloaded one (`globalThis.pdfjsWorker`), so the first file does not wait for it.
 */
export async function preloadPdfjs(): Promise<void> {
  // eslint-disable-next-line no-unsanitized/method -- pdf.js's own parser, inside this package
  const parser: unknown = await import(GlobalWorkerOptions.workerSrc);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = parser;
}

/** Folder paths ending in "/", as pdf.js's Node data factory expects. */
const resourceDirs = Object.fromEntries(
  Object.entries(PDF_RESOURCE_DIRS).map(([key, dir]) => [key, join(pdfjsRoot, dir) + '/']),
);

/** Starts loading; the caller awaits `.promise` and must `destroy()` the task when done. */
export function openPdf(data: Uint8Array): PDFDocumentLoadingTask {
  return getDocument({
    ...PDF_LOAD_OPTIONS,
    ...resourceDirs,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    data,
  });
}

export function pdfjsVersion(): string {
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}
