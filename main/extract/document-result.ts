// A document's result put together from the findings of its pages: summary, warnings about
// what could not be checked, and the plain-words error when nothing could be read. No pdf.js
// here, so the CLI's main thread can use it without loading the parser.
import { summarise } from '../../shared/analysis/summary';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult, Finding } from '../../shared/model/finding';
import type { OcrNote } from './ocr-pages';

/** Findings of some pages of a document, and which of them could not be checked. */
export interface PagesPart {
  readonly findings: Finding[];
  readonly unreadable: number[];
  readonly textless: number[];
  /** Pages read by OCR (or where OCR was tried and failed). */
  readonly ocr?: readonly OcrNote[];
}

/** Puts a document's parts back together, in page order, with its summary and warnings. */
export function assembleDocument(
  path: string,
  sha256: string,
  pageCount: number,
  parts: readonly PagesPart[],
  extraWarnings: readonly string[] = [],
): DocumentResult {
  const findings = parts
    .flatMap((p) => p.findings)
    .sort((a, b) => a.page - b.page || a.start - b.start);
  const unreadable = parts.flatMap((p) => p.unreadable).sort((a, b) => a - b);
  const textless = parts.flatMap((p) => p.textless).sort((a, b) => a - b);
  const ocr = parts.flatMap((p) => p.ocr ?? []).sort((a, b) => a.page - b.page);
  try {
    const warnings = [
      ...extraWarnings,
      ...pdfWarnings(pageCount, unreadable, textless),
      ...ocrWarnings(ocr),
    ];
    return {
      path,
      sha256,
      pages: pageCount,
      error: null,
      warnings,
      findings,
      summary: summarise(findings),
    };
  } catch (error) {
    return failed(path, sha256, asReadError(error));
  }
}

export function failed(path: string, sha256: string | null, error: ReadError): DocumentResult {
  return {
    path,
    sha256,
    pages: null,
    error: error.message,
    warnings: [],
    findings: [],
    summary: null,
  };
}

export function asReadError(error: unknown): ReadError {
  if (error instanceof ReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ReadError('INTERNAL', `ClaimLens failed while reading this file: ${message}`);
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
      `${plural(unreadable.length, 'page')} could not be read (damaged): ${ranges(unreadable)}.`,
    );
  }
  if (textless.length > 0) {
    const one = textless.length === 1;
    warnings.push(
      `${plural(textless.length, 'page')} ${one ? 'has' : 'have'} no text layer (scanned or drawn as ` +
        `images), so nothing on ${one ? 'it' : 'them'} was checked: ${ranges(textless)}.`,
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
        `${ranges(these.map((n) => n.page))} (${confidenceText(these)}).`,
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
