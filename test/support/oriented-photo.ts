// Photos as cameras store them: one upright page image (scanned-page.png) turned or mirrored back
// into the pixels a camera would store for each EXIF orientation (1-8), as a JPEG whose EXIF
// record (big- or little-endian) says how to show it. Shown as the record says, each is the
// upright page again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { invertAffine } from '../../shared/ocr/ocr-text';
import { thenAffine, uprightTransform } from '../../shared/input/image-size';

export const UPRIGHT_PNG = join(import.meta.dirname, '..', 'fixtures', 'files', 'scanned-page.png');
/** scanned-page.png drawn at this size: small enough for OCR to be quick, large enough to read. */
export const UPRIGHT = { width: 875, height: 625 } as const;

/** The upright page as greyscale pixels of UPRIGHT's size, drawn by `matrix` after the page scale. */
function drawPage(after: readonly number[], width: number, height: number, rgb: boolean) {
  const doc = mupdf.Document.openDocument(readFileSync(UPRIGHT_PNG), 'image/png');
  try {
    const page = doc.loadPage(0);
    const scale = UPRIGHT.width / page.getBounds()[2];
    const matrix = mupdf.Matrix.concat(mupdf.Matrix.scale(scale, scale), [
      ...after,
    ] as mupdf.Matrix);
    const pixmap = new mupdf.Pixmap(
      rgb ? mupdf.ColorSpace.DeviceRGB : mupdf.ColorSpace.DeviceGray,
      [0, 0, width, height],
      false,
    );
    pixmap.clear(255);
    const device = new mupdf.DrawDevice(matrix, pixmap);
    page.run(device, mupdf.Matrix.identity);
    device.close();
    device.destroy();
    page.destroy();
    return pixmap;
  } finally {
    doc.destroy();
  }
}

/** The upright page's greyscale pixels, row by row, for comparing with what a reader drew. */
export function uprightGrey(): Uint8Array {
  const pixmap = drawPage([1, 0, 0, 1, 0, 0], UPRIGHT.width, UPRIGHT.height, false);
  const pixels = Uint8Array.from(pixmap.getPixels());
  pixmap.destroy();
  return pixels;
}

/** The page stored as a camera with EXIF `orientation` stores it, as a JPEG with that record. */
export function orientedPhoto(orientation: number, order: 'II' | 'MM' = 'II'): Uint8Array {
  const swapped = orientation >= 5;
  const stored = swapped
    ? { width: UPRIGHT.height, height: UPRIGHT.width }
    : { width: UPRIGHT.width, height: UPRIGHT.height };
  // Upright pixel -> stored pixel: the inverse of what showing the photo does.
  const back = invertAffine(uprightTransform(orientation, stored.width, stored.height));
  const pixmap = drawPage(thenAffine([1, 0, 0, 1, 0, 0], back), stored.width, stored.height, true);
  const jpeg = pixmap.asJPEG(90, false);
  pixmap.destroy();
  return withOrientation(jpeg, orientation, order);
}

/** `jpeg` with an EXIF record right after its start naming `orientation`, in byte order `order`. */
export function withOrientation(
  jpeg: Uint8Array,
  orientation: number,
  order: 'II' | 'MM',
): Uint8Array {
  const be = order === 'MM';
  const u16 = (v: number): number[] => (be ? [v >> 8, v & 255] : [v & 255, v >> 8]);
  const u32 = (v: number): number[] => (be ? [0, 0, ...u16(v)] : [...u16(v), 0, 0]);
  const tiff = [
    ...(be ? [0x4d, 0x4d] : [0x49, 0x49]),
    ...u16(42),
    ...u32(8),
    ...u16(1),
    ...[...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0],
    ...u32(0),
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
  return Uint8Array.from([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
}
