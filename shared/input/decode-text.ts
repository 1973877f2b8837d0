// Bytes as text for the inputs that are text (plain text, saved web pages, ZIP entry names), the
// same in the command line and the app's sandbox: a byte-order mark decides, then UTF-8, then a
// declared charset, then Windows-1252.
import { ReadError } from '../model/errors';
import { pagesFromPlainText, type PageText } from '../text/page-text';

/**
 * The WHATWG decoder that every runtime of shared/ has (Node, browsers, workers). shared/'s
 * tsconfig names no runtime's types, so the little used here is declared for this module.
 */
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => { decode(bytes: Uint8Array): string };

/** Pages read from an input, with what the reader wants the user to know. */
export interface ExtractedText {
  readonly pages: PageText[];
  readonly warnings: string[];
}

export function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** Latin-1, one character a byte: for sniffing markup and signatures in a file's first bytes. */
export function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

export function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** Text has no NUL bytes (unless it is UTF-16 with a byte-order mark). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (isUtf16(bytes)) return true;
  return !bytes.subarray(0, 64 * 1024).includes(0);
}

/**
 * Bytes as text: a byte-order mark decides, then UTF-8, then the `fallback` encoding (a web
 * page's declared charset), then Windows-1252, with a warning when UTF-8 failed.
 */
export function decodeText(
  bytes: Uint8Array,
  fallback?: string,
): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  let text: string;
  if (isUtf16(bytes)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const label = fallback !== undefined && isKnownEncoding(fallback) ? fallback : null;
      text = new TextDecoder(label ?? 'windows-1252').decode(bytes);
      if (label === null) {
        warnings.push(
          'The text is not valid UTF-8; it was read as Windows-1252 (Western European).',
        );
      }
    }
  }
  return { text: text.replace(/^\uFEFF/, ''), warnings };
}

function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Plain text, split into pages at form feeds. */
export function plainTextPages(bytes: Uint8Array): ExtractedText {
  if (bytes.length === 0) throw new ReadError('FILE_EMPTY', 'The file is empty (0 bytes).');
  if (!looksLikeText(bytes)) {
    throw new ReadError('TEXT_BINARY', 'This file is not plain text: it contains binary data.');
  }
  const { text, warnings } = decodeText(bytes);
  return { pages: pagesFromPlainText(text), warnings };
}

/** `<meta charset="...">` or `content="text/html; charset=..."` in the page's first kilobytes. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(latin1(bytes.subarray(0, 4096)))?.[1];
}
