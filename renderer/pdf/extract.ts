// Page texts of an open PDF in the app, built exactly as the CLI builds them, so findings and
// their quads are the same in the app and on the command line.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { readPageTexts, type PageTexts } from '../../shared/pdf/read-pages';

/** Every page's text, and which pages pdf.js could not read (each still has an empty entry). */
export async function extractPages(
  doc: PDFDocumentProxy,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<PageTexts> {
  const read = await readPageTexts(doc, 1, doc.numPages, {
    onPage: (n) => onProgress(n, doc.numPages),
    cancelled: () => signal.aborted,
  });
  if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
  return read;
}
