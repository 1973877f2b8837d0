// The visible text of an HTML page (a saved product page, or a Word file mammoth turned into
// HTML), read as data with htmlparser2's tokenizer: no DOM is built, no script or style runs,
// and nothing the page refers to (images, frames, fonts, links) is ever loaded or fetched.
import { Parser } from 'htmlparser2';

/** Elements whose content a reader never sees on the page. */
const HIDDEN_CONTENT = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'select',
  'datalist',
  'textarea',
]);
/** Elements that start and end a paragraph. */
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'table',
  'ul',
  'ol',
  'dl',
  'blockquote',
  'pre',
  'figure',
  'form',
  'fieldset',
  'address',
  'hr',
]);
/** Elements that start and end a line. */
const LINE = new Set(['div', 'li', 'tr', 'dt', 'dd', 'figcaption', 'caption', 'br', 'summary']);
/** Table cells: separated by a tab, which the engine reads as a spec-table cell break. */
const CELL = new Set(['td', 'th']);
/** Table structure, which keeps its own breaks even inside a cell (a table in a table). */
const TABLE = new Set(['table', 'tr', 'td', 'th', 'caption']);

/**
 * The text a reader sees, with paragraphs as blank lines, list items and table rows as lines and
 * table cells separated by tabs. The page's title (shown in the browser's tab) comes first, as
 * its heading.
 */
export function visibleText(html: string): string {
  const out: string[] = [];
  /** The break owed before the next text: 0 none, 1 a space, 2 a tab, 3 a line, 4 a paragraph. */
  let owed = 0;
  /** How many open elements hide their content; text shows only at 0. */
  let hidden = 0;
  let pre = 0;
  /** Open table cells: a paragraph inside one (Word puts each cell's text in a <p>) is a space. */
  let cells = 0;
  const hides: boolean[] = [];
  let title = '';
  let inTitle = false;
  const owe = (name: string): void => {
    if (cells > 0 && !TABLE.has(name) && (PARAGRAPH.has(name) || LINE.has(name))) {
      owed = Math.max(owed, 1);
    } else if (PARAGRAPH.has(name)) owed = 4;
    else if (LINE.has(name)) owed = Math.max(owed, 3);
    else if (CELL.has(name)) owed = Math.max(owed, 2);
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const hiding =
          HIDDEN_CONTENT.has(name) || 'hidden' in attributes || hiddenByStyle(attributes.style);
        hides.push(hiding);
        if (hiding) hidden++;
        if (name === 'title') inTitle = true;
        if (name === 'pre') pre++;
        if (hidden === 0) owe(name);
        if (CELL.has(name)) cells++;
      },
      ontext(text) {
        if (inTitle) title += text;
        if (hidden > 0) return;
        const shown = pre > 0 ? text : text.replace(/\s+/g, ' ');
        if (shown.trim() === '' && owed > 0) return;
        if (owed > 0 && out.length > 0) out.push(['', ' ', '\t', '\n', '\n\n'][owed]!);
        owed = 0;
        out.push(shown);
      },
      onclosetag(name) {
        if (hides.pop() === true) hidden--;
        if (name === 'title') inTitle = false;
        if (name === 'pre') pre = Math.max(0, pre - 1);
        if (CELL.has(name)) cells = Math.max(0, cells - 1);
        if (hidden === 0 && !CELL.has(name)) owe(name);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const heading = title.replace(/\s+/g, ' ').trim();
  return tidy((heading ? `${heading}\n\n` : '') + out.join(''));
}

function hiddenByStyle(style: string | undefined): boolean {
  if (style === undefined) return false;
  return /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(!important\s*)?(;|$)/i.test(
    style,
  );
}

/** Spaces around line breaks and tabs removed, at most one blank line in a row, no edges. */
function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \f\v]*\n[ \f\v]*/g, '\n')
    .replace(/ *\t[ \t]*/g, '\t')
    .replace(/\t*\n\t*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s+|\s+$/g, '');
}
