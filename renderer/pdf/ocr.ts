// OCR in the app's sandboxed renderer: pages without a usable text layer are drawn by pdf.js on
// a canvas and read by tesseract.js in a Web Worker. Its worker script, WASM core and language
// models are the app's own copies (vite.config.ts copies them into tesseract/), never a CDN; the
// CSP has no remote connect-src, so nothing else could be fetched anyway.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { MAX_IMAGE_PIXELS } from '../../shared/input/image-size';
import { OCR_LANGUAGES } from '../../shared/ocr/languages';
import { invertAffine, ocrPageText, type OcrPage } from '../../shared/ocr/ocr-text';
import { pagesNeedingOcr } from '../../shared/ocr/text-layer';
import type { PageText } from '../../shared/text/page-text';
import type { OcrNote } from '../../shared/analysis/warnings';

/** The same resolution and size cap as the command line's renderer (main/extract). */
const DPI = 300;
const MAX_PIXELS = 16_000_000;

const local = (path: string): string => new URL(`./tesseract/${path}`, document.baseURI).href;

let recogniser: Promise<Worker> | null = null;

function start(): Promise<Worker> {
  recogniser ??= createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, {
    workerPath: local('worker.min.js'),
    corePath: local('core/'),
    langPath: local('lang'),
    workerBlobURL: false,
    cacheMethod: 'none',
    gzip: true,
    logger: () => undefined,
  });
  recogniser.catch(() => {
    recogniser = null;
  });
  return recogniser;
}

/** Stops the recogniser mid-page (cancel); the next page starts a new one. */
async function stop(): Promise<void> {
  const running = recogniser;
  recogniser = null;
  if (running) await (await running.catch(() => null))?.terminate();
}

export interface OcrOptions {
  /** Called before each page is read: `done` pages of `total` are read so far. */
  readonly onPage?: (done: number, total: number) => void;
  readonly signal: AbortSignal;
  /**
   * The document is an image wrapped as a PDF page, one unit a pixel (renderer/input): it is read
   * at the image's own resolution, as the command line reads the image itself, not upscaled.
   */
  readonly image?: boolean;
}

/**
 * The pages given, with those that have no usable text layer (and are not damaged) replaced by
 * their OCR text, and a note per page OCR read or failed on, as the command line keeps them
 * (main/extract/ocr-pages.ts): a page OCR could not read is named, and the rest still analysed.
 */
export async function ocrWhereNeeded(
  doc: PDFDocumentProxy,
  pages: readonly PageText[],
  unreadable: readonly number[],
  options: OcrOptions,
): Promise<{ pages: PageText[]; ocr: Map<number, OcrPage>; notes: OcrNote[] }> {
  const wanted = pagesNeedingOcr(pages, unreadable);
  const ocr = new Map<number, OcrPage>();
  const notes: OcrNote[] = [];
  const onAbort = (): void => void stop();
  const cancelled = (): boolean => options.signal.aborted;
  options.signal.addEventListener('abort', onAbort);
  try {
    for (const [i, { page, layer }] of wanted.entries()) {
      if (cancelled()) break;
      options.onPage?.(i, wanted.length);
      try {
        const read = await readPage(doc, page, options.image === true);
        ocr.set(page.page, read);
        const words = read.confidence.length;
        const sum = read.confidence.reduce((a, b) => a + b, 0);
        notes.push({ page: page.page, layer, confidence: words > 0 ? sum / words : null, words });
      } catch (error) {
        if (cancelled()) break;
        const message = error instanceof Error ? error.message : String(error);
        notes.push({ page: page.page, layer, confidence: null, words: 0, error: message });
      }
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
  if (options.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
  return { pages: pages.map((p) => ocr.get(p.page)?.text ?? p), ocr, notes };
}

async function readPage(doc: PDFDocumentProxy, text: PageText, image: boolean): Promise<OcrPage> {
  const page = await doc.getPage(text.page);
  const canvas = document.createElement('canvas');
  try {
    const [x0, y0, x1, y1] = page.view;
    const points = Math.max(1, ((x1 ?? 0) - (x0 ?? 0)) * ((y1 ?? 0) - (y0 ?? 0)));
    const viewport = page.getViewport({
      scale: image
        ? Math.min(1, Math.sqrt(MAX_IMAGE_PIXELS / points))
        : Math.min(DPI / 72, Math.sqrt(MAX_PIXELS / points)),
    });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    await page.render({ canvas, viewport, background: 'white' }).promise;
    const worker = await start();
    const result = await worker.recognize(canvas, {}, { blocks: true, text: false });
    const lines = (result.data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
    const view = text.view ?? [x0 ?? 0, y0 ?? 0, x1 ?? 0, y1 ?? 0];
    return ocrPageText(text.page, lines, invertAffine(viewport.transform), view);
  } finally {
    canvas.width = 0;
    canvas.height = 0;
    page.cleanup();
  }
}
