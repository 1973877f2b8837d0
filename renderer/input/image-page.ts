// A PNG or JPEG shown and read as a one-page PDF made here in the sandbox with pdf-lib: the page
// is the image's size in pixels, one unit a pixel with y upward, the same user space the command
// line gives an image (main/extract/read-image.ts), so quads agree between the two. The viewer,
// OCR, highlights and report images then work on it as on any scanned page. The original bytes
// stay as they are in the library; this PDF is never stored.
import { PDFDocument } from 'pdf-lib';
import { checkedImageSize } from '../../shared/input/image-size';

export async function imageAsPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const { width, height } = checkedImageSize(bytes);
  const pdf = await PDFDocument.create();
  const image = bytes[0] === 0x89 ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
  const page = pdf.addPage([width, height]);
  page.drawImage(image, { x: 0, y: 0, width, height });
  return pdf.save({ useObjectStreams: false });
}
