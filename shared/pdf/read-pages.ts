// Page texts from an open pdf.js document, shared by the CLI's loader and the app's, so both build
// them the same way (and so findings and their quads agree between the two).
import { buildPageText, type PageText, type TextItem } from '../text/page-text';

/** The part of pdf.js's document and page API read here (shared/ has no pdf.js types). */
export interface PdfPageSource {
  readonly view: readonly number[];
  getTextContent(): Promise<{ readonly items: readonly object[] }>;
  cleanup(): void;
}
export interface PdfDocumentSource {
  readonly numPages: number;
  getPage(pageNumber: number): Promise<PdfPageSource>;
}

export async function readPageText(doc: PdfDocumentSource, pageNumber: number): Promise<PageText> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const items = content.items.filter((item): item is TextItem => 'str' in item);
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  page.cleanup();
  return buildPageText(pageNumber, items, [x0, y0, x1, y1]);
}

export interface PageTexts {
  readonly pages: PageText[];
  /** Pages pdf.js could not read; each still has an (empty) entry in `pages`. */
  readonly unreadable: number[];
}

/** Pages [from, to]; a damaged page is noted and left empty, and the others are still read. */
export async function readPageTexts(
  doc: PdfDocumentSource,
  from: number,
  to: number,
  options: { onPage?: (pageNumber: number) => void; cancelled?: () => boolean } = {},
): Promise<PageTexts> {
  const pages: PageText[] = [];
  const unreadable: number[] = [];
  for (let n = from; n <= Math.min(to, doc.numPages); n++) {
    if (options.cancelled?.() === true) break;
    try {
      pages.push(await readPageText(doc, n));
    } catch {
      unreadable.push(n);
      pages.push(buildPageText(n, []));
    }
    options.onPage?.(n);
  }
  return { pages, unreadable };
}
