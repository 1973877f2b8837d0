// A saved web page (HTML) as one page of its visible text. The page is parsed as data
// (shared/input/html-text.ts): no script runs and nothing it links to is fetched. Its text has
// no geometry, so findings on it carry offsets and quotes but no quads.
import { visibleText } from '../../shared/input/html-text';
import { pagesFromPlainText } from '../../shared/text/page-text';
import type { ExtractedText } from './read-text';
import { decodeText } from './read-text';

export function extractHtml(bytes: Uint8Array): ExtractedText {
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

/** `<meta charset="...">` or `content="text/html; charset=..."` in the page's first kilobytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}
