// What a stored original is, for the viewer and the analysis: a PDF, an image (shown as a
// one-page PDF made from it), or text (a Word file, web page or plain text, shown as text).
import { sniff } from '../../shared/input/sniff';
import { ReadError } from '../../shared/model/errors';
import { openPdf, PdfOpenError, type OpenedPdf, type PasswordPrompt } from '../pdf/load-document';
import { imageAsPdf } from './image-page';

export type InputKind = 'pdf' | 'image' | 'text' | 'other';

/** The kind as the app handles it; a file named .pdf goes to pdf.js, which says what it really is. */
export function inputKind(bytes: Uint8Array, fileName: string): InputKind {
  const kind = sniff(bytes, fileName);
  if (kind === 'pdf' || /\.pdf$/i.test(fileName)) return 'pdf';
  if (kind === 'docx' || kind === 'html' || kind === 'text') return 'text';
  return kind;
}

/** What the user is told the original is, where the difference matters (the export dialog). */
export function describeKind(bytes: Uint8Array, fileName: string): string {
  const kind = sniff(bytes, fileName);
  if (kind === 'docx') return 'a Word file';
  if (kind === 'html') return 'a saved web page';
  if (kind === 'text') return 'a plain-text file';
  if (kind === 'image') return bytes[0] === 0x89 ? 'a PNG image' : 'a JPEG image';
  return 'not a PDF';
}

/** A PDF, or an image as a one-page PDF; a damaged or oversized image is a PdfOpenError too. */
export async function openPdfOrImage(
  bytes: Uint8Array,
  fileName: string,
  askPassword: PasswordPrompt,
): Promise<OpenedPdf> {
  if (inputKind(bytes, fileName) !== 'image') return openPdf(bytes, askPassword);
  let pdf: Uint8Array;
  try {
    pdf = await imageAsPdf(bytes);
  } catch (error) {
    throw new PdfOpenError(
      'invalid',
      error instanceof ReadError
        ? error.message
        : `The image is damaged and cannot be shown: ${(error as Error).message}`,
    );
  }
  return openPdf(pdf, askPassword);
}
