// Page texts of an open PDF, built exactly as the CLI builds them (shared/text/page-text.ts), so
// findings and their quads are the same in the app and on the command line.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { buildPageText, type PageText } from '../../shared/text/page-text';

export async function extractPages(
  doc: PDFDocumentProxy,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<PageText[]> {
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    try {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((item): item is TextItem => 'str' in item);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      pages.push(buildPageText(n, items, [x0, y0, x1, y1]));
    } catch {
      pages.push(buildPageText(n, []));
    }
    onProgress(n, doc.numPages);
  }
  return pages;
}
