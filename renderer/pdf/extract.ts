// Page texts of an open PDF in the app, built exactly as the CLI builds them, so findings and
// their quads are the same in the app and on the command line.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { readPageTexts } from '../../shared/pdf/read-pages';
import type { PageText } from '../../shared/text/page-text';

export async function extractPages(
  doc: PDFDocumentProxy,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<PageText[]> {
  const { pages } = await readPageTexts(doc, 1, doc.numPages, {
    onPage: (n) => onProgress(n, doc.numPages),
    cancelled: () => signal.aborted,
  });
  if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
  return pages;
}
