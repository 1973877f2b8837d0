// A saved web page (HTML) as one page of its visible text, the same in the command line and the
// app's sandbox. The page is parsed as data (html-text.ts): no script runs and nothing it links
// to is fetched. Its text has no geometry, so findings on it carry offsets and quotes, no quads.
import { pagesFromPlainText } from '../text/page-text';
import { decodeText, declaredCharset, type ExtractedText } from './decode-text';
import { visibleText } from './html-text';

export function webPagePages(bytes: Uint8Array): ExtractedText {
  const { text, warnings } = decodeText(bytes, declaredCharset(bytes));
  const visible = visibleText(text);
  if (visible.trim() === '') {
    warnings.push(
      'The web page shows no text (it may be built by scripts, which ClaimLens never runs).',
    );
  }
  // A web page has no pages: the whole page is page 1 (form feeds do not occur in HTML text).
  return { pages: pagesFromPlainText(visible.replace(/\f/g, ' ')), warnings };
}
