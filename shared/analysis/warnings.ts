// What a reader must know about a document's analysis in plain words: pages that could not be
// read, pages without a text layer, and pages read by OCR with how sure it was. One wording for
// the CLI's results, the library and the app.
import { ReadError } from '../model/errors';

/** What OCR did for one page, for the document's warnings. */
export interface OcrNote {
  readonly page: number;
  /** Why the page went to OCR. */
  readonly layer: 'none' | 'garbage';
  /** Mean confidence of the words read (0-1), or null when OCR failed. */
  readonly confidence: number | null;
  readonly words: number;
  readonly error?: string;
}

/**
 * Pages with no text that OCR did not read either (not tried, or failed): nothing on them was
 * checked. Pages that could not be read at all are named as damaged instead.
 */
export function textlessPages(
  pages: readonly { readonly page: number; readonly text: string }[],
  unreadable: readonly number[],
  notes: readonly OcrNote[],
): number[] {
  const read = new Set(notes.filter((n) => n.error === undefined).map((n) => n.page));
  return pages
    .filter((p) => !unreadable.includes(p.page) && !read.has(p.page) && p.text.trim() === '')
    .map((p) => p.page);
}

/** What a reader must know was not checked: damaged pages and pages without a text layer. */
export function pdfWarnings(
  numPages: number,
  unreadable: readonly number[],
  textless: readonly number[],
): string[] {
  if (unreadable.length === numPages) {
    throw new ReadError('PDF_INVALID', 'The PDF is damaged: none of its pages could be read.');
  }
  const warnings: string[] = [];
  if (unreadable.length > 0) {
    warnings.push(
      `${plural(unreadable.length, 'page')} could not be read (damaged): ${pagesText(unreadable)}.`,
    );
  }
  if (textless.length > 0) {
    const one = textless.length === 1;
    warnings.push(
      `${plural(textless.length, 'page')} ${one ? 'has' : 'have'} no text layer (scanned or drawn as ` +
        `images), so nothing on ${one ? 'it' : 'them'} was checked: ${pagesText(textless)}.`,
    );
  }
  return warnings;
}

/** What OCR read, how sure it was, and where it failed: a reader must know a page was OCR'd. */
export function ocrWarnings(notes: readonly OcrNote[]): string[] {
  const warnings: string[] = [];
  const read = notes.filter((n) => n.error === undefined);
  for (const layer of ['none', 'garbage'] as const) {
    const these = read.filter((n) => n.layer === layer);
    if (these.length === 0) continue;
    const one = these.length === 1;
    const why =
      layer === 'none'
        ? `${one ? 'has' : 'have'} no text layer (scanned or drawn as images)`
        : `${one ? 'has a text layer that is' : 'have text layers that are'} not readable text`;
    warnings.push(
      `${plural(these.length, 'page')} ${why} and ${one ? 'was' : 'were'} read by OCR: ` +
        `${pagesText(these.map((n) => n.page))} (${confidenceText(these)}).`,
    );
  }
  for (const n of notes.filter((n) => n.error !== undefined)) {
    warnings.push(`OCR failed on page ${n.page}, so nothing on it was checked: ${n.error}`);
  }
  return warnings;
}

function confidenceText(notes: readonly OcrNote[]): string {
  const words = notes.reduce((sum, n) => sum + n.words, 0);
  if (words === 0) return 'no words found';
  const mean = notes.reduce((sum, n) => sum + (n.confidence ?? 0) * n.words, 0) / words;
  const scored = notes.filter((n) => n.confidence !== null && n.words > 0);
  const lowest = scored.reduce((low, n) => ((n.confidence ?? 1) < (low.confidence ?? 1) ? n : low));
  const low =
    scored.length > 1 ? `, lowest ${percent(lowest.confidence ?? 0)} on page ${lowest.page}` : '';
  return `${plural(words, 'word')}, mean confidence ${percent(mean)}${low}`;
}

function percent(v: number): string {
  return `${Math.round(v * 100)}%`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "page 4", "pages 1-3, 7, 9-10" */
function pagesText(numbers: readonly number[]): string {
  return `${numbers.length === 1 ? 'page' : 'pages'} ${ranges(numbers)}`;
}

/** "1-3, 7, 9-10" */
export function ranges(numbers: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < numbers.length) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}
