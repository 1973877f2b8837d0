// Plain-text input: decoded as UTF-8 (or UTF-16 with a byte-order mark; Windows-1252 when the
// bytes are not UTF-8), split into pages at form feeds.
import { ReadError } from '../../shared/model/errors';
import { pagesFromPlainText, type PageText } from '../../shared/text/page-text';
import { isUtf16, looksLikeText } from './sniff';

export interface ExtractedText {
  readonly pages: PageText[];
  readonly warnings: string[];
}

export function extractText(bytes: Uint8Array): ExtractedText {
  if (bytes.length === 0) throw new ReadError('FILE_EMPTY', 'The file is empty (0 bytes).');
  if (!looksLikeText(bytes)) {
    throw new ReadError('TEXT_BINARY', 'This file is not plain text: it contains binary data.');
  }
  const { text, warnings } = decodeText(bytes);
  return { pages: pagesFromPlainText(text), warnings };
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
