// A PNG's or JPEG's size from its header, and the cap on what ClaimLens reads by OCR, the same
// in the command line and the app's sandbox. An image is read as one page whose user space is the
// image itself, one unit a pixel with y upward (as if it were a PDF page at 72 dpi), so quads on
// it agree between the two.
import { ReadError } from '../model/errors';

/** Larger images are refused, as pdf.js refuses images over its cap (decompression bombs). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** The image's size, checked against the cap; a plain-words ReadError when it cannot be read. */
export function checkedImageSize(bytes: Uint8Array): ImageSize {
  const size = imageSize(bytes);
  if (size === null || size.width === 0 || size.height === 0) {
    throw new ReadError('NOT_SUPPORTED', 'The image is damaged: its size cannot be read.');
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new ReadError(
      'NOT_SUPPORTED',
      `The image is ${size.width} x ${size.height} pixels, more than ClaimLens reads ` +
        `(${MAX_IMAGE_PIXELS / 1_000_000} megapixels); scale it down and try again.`,
    );
  }
  return size;
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
