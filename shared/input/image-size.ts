// A PNG's or JPEG's size from its header, and the cap on what ClaimLens reads by OCR, the same
// in the command line and the app's sandbox. An image is read as one page whose user space is the
// image itself, one unit a pixel with y upward (as if it were a PDF page at 72 dpi), so quads on
// it agree between the two.
import { ReadError } from '../model/errors';
import type { Affine } from '../ocr/ocr-text';

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

/**
 * Where a stored pixel goes when the photo is shown upright, from its EXIF orientation (a phone
 * stores a portrait photo as landscape pixels, a front camera or scanner may store it mirrored,
 * with "show me turned" in its header): stored (x, y) to upright (x', y'), both in pixels with y
 * downward, as [a, b, c, d, e, f] with x' = a x + c y + e and y' = b x + d y + f. `width` and
 * `height` are the stored pixels'. EXIF 2.32, tag 0x0112: 2 mirrors left-right, 3 turns a half,
 * 4 mirrors top-bottom, 5 transposes (a mirror along the diagonal), 6 turns a quarter clockwise,
 * 7 transverses, 8 turns a quarter anticlockwise; 1 and anything else leave the pixels be.
 */
export function uprightTransform(orientation: number, width: number, height: number): Affine {
  const w = width;
  const h = height;
  switch (orientation) {
    case 2:
      return [-1, 0, 0, 1, w, 0];
    case 3:
      return [-1, 0, 0, -1, w, h];
    case 4:
      return [1, 0, 0, -1, 0, h];
    case 5:
      return [0, 1, 1, 0, 0, 0];
    case 6:
      return [0, 1, -1, 0, h, 0];
    case 7:
      return [0, -1, -1, 0, h, w];
    case 8:
      return [0, -1, 1, 0, 0, w];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

/** `first`, then `then`: the affine that applies both, in that order. */
export function thenAffine(first: Affine, then: Affine): Affine {
  const [a, b, c, d, e, f] = first;
  const [A, B, C, D, E, F] = then;
  return [
    a * A + b * C,
    a * B + b * D,
    c * A + d * C,
    c * B + d * D,
    e * A + f * C + E,
    e * B + f * D + F,
  ];
}

/** The image's size as shown upright (width and height swapped by orientations 5 to 8). */
export function uprightSize(bytes: Uint8Array): ImageSize {
  const size = checkedImageSize(bytes);
  return exifOrientation(bytes) >= 5 ? { width: size.height, height: size.width } : size;
}

/** The EXIF orientation (1-8) of a JPEG, in either byte order; 1 when it has none. */
export function exifOrientation(bytes: Uint8Array): number {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  // Metadata segments come before the image data (start of scan, 0xDA).
  while (at + 4 <= bytes.length && bytes[at] === 0xff && bytes[at + 1] !== 0xda) {
    const length = view.getUint16(at + 2);
    const exif = at + 4;
    const isExif =
      bytes[at + 1] === 0xe1 &&
      exif + 14 <= bytes.length &&
      view.getUint32(exif) === 0x45786966 && // "Exif"
      view.getUint16(exif + 4) === 0;
    if (isExif) return orientationIn(view, exif + 6, Math.min(bytes.length, at + 2 + length));
    at += 2 + length;
  }
  return 1;
}

/** Tag 0x0112 of IFD0 in the TIFF structure at `tiff` (ending before `end`), or 1. */
function orientationIn(view: DataView, tiff: number, end: number): number {
  const little = view.getUint16(tiff) === 0x4949; // "II"; "MM" is big-endian
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
