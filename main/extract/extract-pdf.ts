// PDF bytes -> page texts with their pdf.js items, or a ReadError that says in plain words why not.
import type { TextItem as PdfjsTextItem } from 'pdfjs-dist/types/src/display/api';
import { ReadError } from '../../shared/model/errors';
import { buildPageText, type PageText } from '../../shared/text/page-text';
import { describeBinary, hasPdfHeader } from './sniff';
import { openPdf } from './pdfjs';

export interface ExtractedPdf {
  readonly pages: PageText[];
  readonly warnings: string[];
}

export async function extractPdf(bytes: Uint8Array): Promise<ExtractedPdf> {
  if (bytes.length === 0) throw new ReadError('FILE_EMPTY', 'The file is empty (0 bytes).');
  if (!hasPdfHeader(bytes)) {
    const what = describeBinary(bytes);
    throw new ReadError(
      'PDF_INVALID',
      `This is not a PDF${what ? `: it is ${what}` : ''}; the file does not start with a PDF header.`,
    );
  }
  // pdf.js takes ownership of the buffer it is given (and refuses Node Buffers): pass a copy.
  const task = openPdf(new Uint8Array(bytes));
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw readErrorFrom(error);
    });
    if (doc.numPages === 0) throw new ReadError('PDF_NO_PAGES', 'The PDF has no pages.');
    const pages: PageText[] = [];
    const unreadable: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const items = content.items.filter((item): item is PdfjsTextItem => 'str' in item);
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
        pages.push(buildPageText(n, items, [x0, y0, x1, y1]));
        page.cleanup();
      } catch {
        unreadable.push(n);
        pages.push(buildPageText(n, []));
      }
    }
    if (unreadable.length === doc.numPages) {
      throw new ReadError('PDF_INVALID', 'The PDF is damaged: none of its pages could be read.');
    }
    return { pages, warnings: pageWarnings(pages, unreadable) };
  } finally {
    await task.destroy();
  }
}

function pageWarnings(pages: readonly PageText[], unreadable: readonly number[]): string[] {
  const warnings: string[] = [];
  if (unreadable.length > 0) {
    warnings.push(`${plural(unreadable.length, 'page')} could not be read (damaged): ${ranges(unreadable)}.`);
  }
  const textless = pages
    .filter((p) => !unreadable.includes(p.page) && p.text.trim() === '')
    .map((p) => p.page);
  if (textless.length > 0) {
    warnings.push(
      `${plural(textless.length, 'page')} ${textless.length === 1 ? 'has' : 'have'} no text layer ` +
        `(scanned or drawn as images), so nothing on ${textless.length === 1 ? 'it' : 'them'} was checked: ${ranges(textless)}.`,
    );
  }
  return warnings;
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

function readErrorFrom(error: unknown): ReadError {
  if (error instanceof ReadError) return error;
  const name = (error as { name?: string } | null)?.name;
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'PasswordException') {
    return new ReadError(
      'PDF_ENCRYPTED',
      'The PDF is protected by a password; ClaimLens cannot read it without the password.',
    );
  }
  if (name === 'InvalidPDFException') {
    return new ReadError('PDF_INVALID', 'The PDF is damaged or truncated and cannot be read.');
  }
  return new ReadError('PDF_INVALID', `The PDF cannot be read: ${message}`);
}
