// Plain-text input: decoded as UTF-8 (or UTF-16 with a byte-order mark; Windows-1252 when the
// bytes are not UTF-8), split into pages at form feeds. The reading itself is shared with the
// app's sandbox (shared/input/decode-text.ts).
import { plainTextPages, type ExtractedText } from '../../shared/input/decode-text';

export { decodeText, type ExtractedText } from '../../shared/input/decode-text';

export function extractText(bytes: Uint8Array): ExtractedText {
  return plainTextPages(bytes);
}
