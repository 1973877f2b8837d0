// A PNG or JPEG image (a photographed or scanned brochure page) read by OCR as one page. The
// page's user space is the image as shown upright (a JPEG's EXIF orientation applied, a turn or a
// mirror), one unit a pixel with y upward, as if the image were a PDF page at 72 dpi: quads on it
// can be drawn over the image as over a page. Its size, orientation and the pixel cap are read as
// the app reads them (shared/input/image-size.ts).
import type * as MuPdf from 'mupdf';
import {
  checkedImageSize,
  exifOrientation,
  thenAffine,
  uprightSize,
  uprightTransform,
} from '../../shared/input/image-size';
import { ocrPageText, type Affine, type OcrPage } from '../../shared/ocr/ocr-text';
import { recognise } from './ocr-engine';
import type { OcrNote } from './ocr-pages';

export async function extractImage(bytes: Uint8Array): Promise<{ page: OcrPage; note: OcrNote }> {
  const size = uprightSize(bytes);
  const toUser: Affine = [1, 0, 0, -1, 0, size.height];
  const lines = await recognise(exifOrientation(bytes) === 1 ? bytes : await uprightPng(bytes));
  const page = ocrPageText(1, lines, toUser, [0, 0, size.width, size.height]);
  const words = page.confidence.length;
  const mean = words > 0 ? page.confidence.reduce((a, b) => a + b, 0) / words : null;
  return { page, note: { page: 1, layer: 'none', confidence: mean, words } };
}

let mupdf: Promise<typeof MuPdf> | null = null;

/**
 * The photo's pixels as shown upright, drawn by MuPDF's WASM build (as the CLI draws scanned PDF
 * pages) with the same transform the app's one-page PDF uses, as a greyscale PNG at the photo's
 * own resolution. tesseract.js turns an image by its EXIF record only for the three turns, and only
 * when the record is big-endian in its first 500 bytes (src/worker-script/utils/setImage.js); the
 * mirrored orientations it leaves as mirror writing, which it cannot read.
 */
export async function uprightPng(bytes: Uint8Array): Promise<Uint8Array> {
  mupdf ??= import('mupdf');
  const lib = await mupdf;
  const { width: w, height: h } = checkedImageSize(bytes);
  const upright = uprightSize(bytes);
  const image = new lib.Image(bytes);
  const pixmap = new lib.Pixmap(
    lib.ColorSpace.DeviceGray,
    [0, 0, upright.width, upright.height],
    false,
  );
  try {
    pixmap.clear(255);
    const device = new lib.DrawDevice(lib.Matrix.identity, pixmap);
    try {
      // MuPDF's image space: the unit square, the first stored row at y = 0, y downward.
      const matrix = thenAffine([w, 0, 0, h, 0, 0], uprightTransform(exifOrientation(bytes), w, h));
      device.fillImage(image, [...matrix], 1);
      device.close();
    } finally {
      device.destroy();
    }
    return pixmap.asPNG();
  } finally {
    pixmap.destroy();
    image.destroy();
  }
}
