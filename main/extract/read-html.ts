// A saved web page (HTML) as one page of its visible text, parsed as data: no script runs and
// nothing it links to is fetched. The reading is shared with the app's sandbox
// (shared/input/web-page.ts).
import type { ExtractedText } from '../../shared/input/decode-text';
import { webPagePages } from '../../shared/input/web-page';

export function extractHtml(bytes: Uint8Array): ExtractedText {
  return webPagePages(bytes);
}
