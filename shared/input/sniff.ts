// What a file really is, from its first bytes: extensions lie (a PNG renamed .pdf is common).
// The same in the command line and the app's sandbox.
import { isUtf16, latin1, looksLikeText, utf8 } from './decode-text';

export type FileKind = 'pdf' | 'text' | 'html' | 'docx' | 'image' | 'other';

const SIGNATURES: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (perhaps a Word or Excel file)', [0x50, 0x4b, 0x03, 0x04]],
  ['an old Word or Excel file', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a TIFF image', [0x49, 0x49, 0x2a, 0x00]],
  ['a TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
  ['a gzip archive', [0x1f, 0x8b]],
];

/** pdf.js, like Acrobat, accepts a header anywhere in the first kilobyte. */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  return latin1(bytes.subarray(0, 1024)).includes('%PDF-');
}

/** A short description of a non-PDF file for error messages ("a PNG image"), or null. */
export function describeBinary(bytes: Uint8Array): string | null {
  for (const [name, sig] of SIGNATURES) {
    if (startsWith(bytes, sig)) return name;
  }
  const head = utf8(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'an HTML page';
  return null;
}

/** What the bytes are; `name` only tells a saved web page from text when its markup does not. */
export function sniff(bytes: Uint8Array, name = ''): FileKind {
  if (hasPdfHeader(bytes)) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return 'image';
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A Word file is a ZIP archive whose entry names (stored as plain bytes) include this part.
    return contains(bytes, WORD_PART) ? 'docx' : 'other';
  }
  if (looksLikeHtml(bytes)) return 'html';
  if (describeBinary(bytes) !== null) return 'other';
  if (!looksLikeText(bytes)) return 'other';
  return /\.x?html?$/i.test(name) ? 'html' : 'text';
}

const WORD_PART = Array.from('word/document.xml', (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  const first = needle[0]!;
  for (let at = bytes.indexOf(first); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (at + needle.length > bytes.length) return false;
    if (needle.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

/**
 * Markup first (after a byte-order mark, blanks and comments such as a browser's
 * "saved from url" line): a doctype, <html>, or <head>.
 */
function looksLikeHtml(bytes: Uint8Array): boolean {
  if (isUtf16(bytes)) return false;
  const head = utf8(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .replace(/^(\s|<!--[\s\S]*?-->)+/, '')
    .toLowerCase();
  return /^<(!doctype html|html[\s>]|head[\s>])/.test(head);
}

export { isUtf16, looksLikeText };

/** Why a file of another kind is not read, naming what it is ("a GIF image") when known. */
export function notSupportedMessage(what: string | null): string {
  return (
    'ClaimLens reads PDF, Word (.docx), saved web pages (.html), PNG and JPEG images and plain ' +
    `text; this is ${what ?? 'another kind of file'}.`
  );
}

/** The file names a folder walk picks up, in the command line and the app alike. */
export const READABLE_NAME = /\.(pdf|txt|text|docx|html?|xhtml|png|jpe?g)$/i;

/** The file picker's list of those kinds (an <input type="file"> accept attribute). */
export const READABLE_ACCEPT =
  '.pdf,.docx,.html,.htm,.xhtml,.txt,.text,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
