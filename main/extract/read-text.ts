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
  const warnings: string[] = [];
  let text: string;
  if (isUtf16(bytes)) {
    text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      warnings.push('The text is not valid UTF-8; it was read as Windows-1252 (Western European).');
    }
  }
  return { pages: pagesFromPlainText(text.replace(/^\uFEFF/, '')), warnings };
}
