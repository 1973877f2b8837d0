// PDF bytes -> page texts with their pdf.js items, or a ReadError that says in plain words why not.
import { ReadError } from '../../shared/model/errors';
import { readPageTexts, type PageTexts } from '../../shared/pdf/read-pages';
import type { PageText } from '../../shared/text/page-text';
import { describeBinary, hasPdfHeader } from './sniff';
import { openPdf } from './pdfjs';

export interface PdfExtraction {
  readonly numPages: number;
  /** The pages extracted: the range asked for, or every page. */
  readonly pages: PageText[];
  /** Pages among them that pdf.js could not read. */
  readonly unreadable: number[];
}

export type PageRange = readonly [number, number];

export interface ExtractOptions {
  /** First and last page to extract (1-based, inclusive); the whole document by default. */
  readonly range?: PageRange;
}

/** An open PDF whose pages can be read in several goes, such as the parts of a long document. */
export interface OpenPdf {
  readonly numPages: number;
  /** Pages [from, to]; a damaged page is noted in `unreadable` and left empty. */
  read(from: number, to: number): Promise<PageTexts>;
  close(): Promise<void>;
}

/** Opens a PDF, or throws a ReadError that says in plain words why it cannot be read. */
export async function openPdfDocument(bytes: Uint8Array): Promise<OpenPdf> {
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
    return {
      numPages: doc.numPages,
      read: (from, to) => readPageTexts(doc, from, to),
      close: () => task.destroy(),
    };
  } catch (error) {
    await task.destroy();
    throw error;
  }
}

export async function extractPdf(
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<PdfExtraction> {
  const pdf = await openPdfDocument(bytes);
  try {
    const [from, to] = options.range ?? [1, pdf.numPages];
    const { pages, unreadable } = await pdf.read(from, to);
    return { numPages: pdf.numPages, pages, unreadable };
  } finally {
    await pdf.close();
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
