// Pages of a PDF without a usable text layer (none, or garbage) rendered and read by OCR in this
// worker thread; their text items then stand in for pdf.js's, so findings, quotes and quads
// work on them as on any page.
import type { OcrNote } from '../../shared/analysis/warnings';
import { ocrPageText, type OcrPage } from '../../shared/ocr/ocr-text';
import { pagesNeedingOcr } from '../../shared/ocr/text-layer';
import type { PageText } from '../../shared/text/page-text';
import { recognise } from './ocr-engine';
import { openForRendering } from './render-pdf-page';

export type { OcrNote };
export { pagesNeedingOcr };

export interface OcrOutcome {
  /** The pages given, with OCR pages in place of those that needed it. */
  readonly pages: PageText[];
  readonly ocr: ReadonlyMap<number, OcrPage>;
  readonly notes: OcrNote[];
}

export async function ocrWhereNeeded(
  bytes: Uint8Array,
  pages: readonly PageText[],
  unreadable: readonly number[],
): Promise<OcrOutcome> {
  const wanted = pagesNeedingOcr(pages, unreadable);
  const ocr = new Map<number, OcrPage>();
  const notes: OcrNote[] = [];
  if (wanted.length === 0) return { pages: [...pages], ocr, notes };
  let renderer;
  try {
    renderer = await openForRendering(bytes);
  } catch (error) {
    // pdf.js read the file but the renderer cannot (a damaged object it does not skip): the
    // pages are named as not checked, and the rest of the document is still analysed.
    const reason = `the page could not be drawn for OCR (${errorText(error)})`;
    for (const { page, layer } of wanted) {
      notes.push({ page: page.page, layer, confidence: null, words: 0, error: reason });
    }
    return { pages: [...pages], ocr, notes };
  }
  try {
    for (const { page, layer } of wanted) {
      try {
        const rendered = renderer.render(page.page);
        const lines = await recognise(rendered.png);
        const view = page.view ?? [0, 0, 0, 0];
        const read = ocrPageText(page.page, lines, rendered.toUser, view);
        ocr.set(page.page, read);
        const sum = read.confidence.reduce((a, b) => a + b, 0);
        notes.push({
          page: page.page,
          layer,
          confidence: read.confidence.length > 0 ? sum / read.confidence.length : null,
          words: read.confidence.length,
        });
      } catch (error) {
        notes.push({
          page: page.page,
          layer,
          confidence: null,
          words: 0,
          error: errorText(error),
        });
      }
    }
  } finally {
    renderer.close();
  }
  return { pages: pages.map((p) => ocr.get(p.page)?.text ?? p), ocr, notes };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
