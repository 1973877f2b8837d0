// A PNG or JPEG image (a photographed or scanned brochure page) read by OCR as one page. The
// page's user space is the image itself, one unit a pixel with y upward, as if the image were a
// PDF page at 72 dpi: quads on it can be drawn over the image as over a page.
import { ReadError } from '../../shared/model/errors';
import { ocrPageText, type Affine, type OcrPage } from '../../shared/ocr/ocr-text';
import { recognise } from './ocr-engine';
import type { OcrNote } from './ocr-pages';

/** Larger images are refused, as pdf.js refuses images over its cap (decompression bombs). */
const MAX_PIXELS = 40_000_000;

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

export async function extractImage(bytes: Uint8Array): Promise<{ page: OcrPage; note: OcrNote }> {
  const size = imageSize(bytes);
  if (size === null) {
    throw new ReadError('NOT_SUPPORTED', 'The image is damaged: its size cannot be read.');
  }
  if (size.width * size.height > MAX_PIXELS) {
    throw new ReadError(
      'NOT_SUPPORTED',
      `The image is ${size.width} x ${size.height} pixels, more than ClaimLens reads ` +
        `(${MAX_PIXELS / 1_000_000} megapixels); scale it down and try again.`,
    );
  }
  const toUser: Affine = [1, 0, 0, -1, 0, size.height];
  const lines = await recognise(bytes);
  const page = ocrPageText(1, lines, toUser, [0, 0, size.width, size.height]);
  const words = page.confidence.length;
  const mean = words > 0 ? page.confidence.reduce((a, b) => a + b, 0) / words : null;
  return { page, note: { page: 1, layer: 'none', confidence: mean, words } };
}

/** Width and height from a PNG's header or a JPEG's frame marker, or null. */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes.length >= 24) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      const length = view.getUint16(at + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      at += 2 + length;
    }
  }
  return null;
}
