// A PNG or JPEG image (a photographed or scanned brochure page) read by OCR as one page. The
// page's user space is the image as shown upright (a JPEG's EXIF turn applied), one unit a pixel
// with y upward, as if the image were a PDF page at 72 dpi: quads on it can be drawn over the
// image as over a page. Its size, turn and the pixel cap are read as the app reads them
// (shared/input/image-size.ts).
import { quarterTurns, uprightSize } from '../../shared/input/image-size';
import { ocrPageText, type Affine, type OcrPage } from '../../shared/ocr/ocr-text';
import { recognise } from './ocr-engine';
import type { OcrNote } from './ocr-pages';

export async function extractImage(bytes: Uint8Array): Promise<{ page: OcrPage; note: OcrNote }> {
  const size = uprightSize(bytes);
  const toUser: Affine = [1, 0, 0, -1, 0, size.height];
  const lines = await recognise(withBigEndianTurn(bytes));
  const page = ocrPageText(1, lines, toUser, [0, 0, size.width, size.height]);
  const words = page.confidence.length;
  const mean = words > 0 ? page.confidence.reduce((a, b) => a + b, 0) / words : null;
  return { page, note: { page: 1, layer: 'none', confidence: mean, words } };
}

/**
 * The JPEG with its turn also written as a big-endian EXIF record right after its start:
 * tesseract.js turns an image upright only when it finds the orientation written big-endian in
 * its first 500 bytes (src/worker-script/utils/setImage.js), and phones write either byte order.
 * The original bytes are not changed; this copy is only read.
 */
function withBigEndianTurn(bytes: Uint8Array): Uint8Array {
  const turns = quarterTurns(bytes);
  if (turns === 0) return bytes;
  const orientation = [1, 6, 3, 8][turns]!;
  // APP1 "Exif\0\0", a big-endian TIFF header, one IFD0 entry: 0x0112 SHORT 1 = orientation.
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, 0, orientation, 0, 0, 0, 0, 0, 0];
  const segment = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const out = new Uint8Array(bytes.length + segment.length);
  out.set(bytes.subarray(0, 2));
  out.set(segment, 2);
  out.set(bytes.subarray(2), 2 + segment.length);
  return out;
}
