// Renders PDF pages to greyscale PNG for OCR in the CLI. pdf.js cannot draw without a canvas,
// and Node's canvases are native modules; MuPDF's WASM build (the `mupdf` package, AGPL like
// ClaimLens) renders in pure WASM. Loaded only when a page needs OCR: it is 10 MB of WASM.
import type * as MuPdf from 'mupdf';
import { invertAffine, type Affine } from '../../shared/ocr/ocr-text';

/** Scans are read at 300 dpi, tesseract's sweet spot for body text... */
const DPI = 300;
/** ...unless the page is so large that the image would pass this many pixels. */
const MAX_PIXELS = 16_000_000;

export interface RenderedPage {
  readonly png: Uint8Array;
  /** Pixel -> PDF user space. */
  readonly toUser: Affine;
}

export interface PdfRenderer {
  render(pageNumber: number): RenderedPage;
  close(): void;
}

let mupdf: Promise<typeof MuPdf> | null = null;

export async function openForRendering(bytes: Uint8Array): Promise<PdfRenderer> {
  mupdf ??= import('mupdf');
  const lib = await mupdf;
  const doc = lib.Document.openDocument(bytes, 'application/pdf');
  return {
    render(pageNumber) {
      const page = doc.loadPage(pageNumber - 1);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const points = Math.max(1, (x1 - x0) * (y1 - y0));
        const scale = Math.min(DPI / 72, Math.sqrt(MAX_PIXELS / points));
        // The page matrix takes user space to MuPDF's device space (y down, /Rotate applied).
        const pageMatrix = page instanceof lib.PDFPage ? page.getTransform() : lib.Matrix.identity;
        const toPixels = lib.Matrix.concat(pageMatrix, lib.Matrix.scale(scale, scale));
        const pixmap = page.toPixmap(
          lib.Matrix.scale(scale, scale),
          lib.ColorSpace.DeviceGray,
          false,
          true,
        );
        try {
          return { png: pixmap.asPNG(), toUser: invertAffine(toPixels) };
        } finally {
          pixmap.destroy();
        }
      } finally {
        page.destroy();
      }
    },
    close() {
      doc.destroy();
    },
  };
}
