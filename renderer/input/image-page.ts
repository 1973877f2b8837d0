// A PNG or JPEG shown and read as a one-page PDF made here in the sandbox with pdf-lib: the page
// is the image as shown upright (a JPEG's EXIF orientation applied, a turn or a mirror, as a
// phone's viewer shows it), one unit a pixel with y upward, the same user space the command line
// gives an image (main/extract/read-image.ts), so quads agree between the two. The viewer, OCR,
// highlights and report images then work on it as on any scanned page. The original bytes stay
// as they are in the library; this PDF is never stored.
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import {
  checkedImageSize,
  exifOrientation,
  thenAffine,
  uprightSize,
  uprightTransform,
} from '../../shared/input/image-size';

export async function imageAsPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const { width: w, height: h } = checkedImageSize(bytes);
  const upright = uprightSize(bytes);
  const pdf = await PDFDocument.create();
  const image = bytes[0] === 0x89 ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
  const page = pdf.addPage([upright.width, upright.height]);
  // The image's unit square (its first row at the top, y = 1) to its stored pixels (y down), to
  // the pixels shown upright by its EXIF orientation, to the page (y up): the CLI draws the same
  // upright pixels (main/extract/read-image.ts).
  const matrix = thenAffine(
    thenAffine([w, 0, 0, -h, 0, h], uprightTransform(exifOrientation(bytes), w, h)),
    [1, 0, 0, -1, 0, upright.height],
  );
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(...matrix),
    drawObject(name),
    popGraphicsState(),
  );
  return pdf.save({ useObjectStreams: false });
}
