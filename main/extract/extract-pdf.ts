// PDF bytes -> page texts with their pdf.js items, or a ReadError that says in plain words why not.
import { ReadError } from '../../shared/model/errors';
import { readPageTexts } from '../../shared/pdf/read-pages';
import type { PageText } from '../../shared/text/page-text';
import { describeBinary, hasPdfHeader } from './sniff';
import { openPdf } from './pdfjs';

export interface PdfExtraction {
  readonly numPages: number;
  /** The pages extracted: the range asked for, or the first part of a split document. */
  readonly pages: PageText[];
  /** Pages among them that pdf.js could not read. */
  readonly unreadable: number[];
  /** True when the document was split and only its first part was extracted here. */
  readonly split: boolean;
}

export type PageRange = readonly [number, number];

/** How a long document is shared out: the plan, and who is told about the other parts. */
export interface Splitter {
  plan(numPages: number): PageRange[];
  /** Called as soon as the page count is known, before the first part is extracted. */
  announce(numPages: number, rest: PageRange[]): void;
}

export interface ExtractOptions {
  /** First and last page to extract (1-based, inclusive); the whole document by default. */
  readonly range?: PageRange;
  /** Split a long document: extract the plan's first part here and announce the rest. */
  readonly splitter?: Splitter;
}

export async function extractPdf(
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<PdfExtraction> {
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
    const numPages = doc.numPages;
    if (numPages === 0) throw new ReadError('PDF_NO_PAGES', 'The PDF has no pages.');
    const [first, ...rest] = options.splitter?.plan(numPages) ?? [options.range ?? [1, numPages]];
    if (rest.length > 0) options.splitter?.announce(numPages, rest);
    const [from, to] = first ?? [1, numPages];
    const { pages, unreadable } = await readPageTexts(doc, from, to);
    return { numPages, pages, unreadable, split: rest.length > 0 };
  } finally {
    await task.destroy();
  }
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
