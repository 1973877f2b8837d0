// A PNG or JPEG image (a photographed or scanned brochure page) read by OCR as one page. The
// page's user space is the image itself, one unit a pixel with y upward, as if the image were a
// PDF page at 72 dpi: quads on it can be drawn over the image as over a page. Its size and the
// pixel cap are checked as the app checks them (shared/input/image-size.ts).
import { checkedImageSize } from '../../shared/input/image-size';
import { ocrPageText, type Affine, type OcrPage } from '../../shared/ocr/ocr-text';
import { recognise } from './ocr-engine';
import type { OcrNote } from './ocr-pages';

export async function extractImage(bytes: Uint8Array): Promise<{ page: OcrPage; note: OcrNote }> {
  const size = checkedImageSize(bytes);
  const toUser: Affine = [1, 0, 0, -1, 0, size.height];
  const lines = await recognise(bytes);
  const page = ocrPageText(1, lines, toUser, [0, 0, size.width, size.height]);
  const words = page.confidence.length;
  const mean = words > 0 ? page.confidence.reduce((a, b) => a + b, 0) / words : null;
  return { page, note: { page: 1, layer: 'none', confidence: mean, words } };
}
