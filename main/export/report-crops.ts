// Crops for reports made by the command line, where there is no browser to draw pages: MuPDF's
// WASM build renders each region of shared/export/report-crops.ts to a PNG and draws the
// highlight on it. MuPDF runs inside WebAssembly's memory, so a hostile PDF that trips it cannot
// reach the process beyond its own heap; a PDF it cannot open gives a report without images and
// says so. (The desktop app never uses this: its renderer draws crops with pdf.js in the sandbox.)
import {
  CROP_SCALE,
  cropRegion,
  rgb01,
  type Box,
  type CropTarget,
  undrawnPagesWarning,
} from '../../shared/export/report-crops';
import type { ReportCrop } from '../../shared/export/report-model';
import type * as mupdfModule from 'mupdf';

type MuPdf = typeof mupdfModule;
type Matrix = [number, number, number, number, number, number];

export interface CropResult {
  readonly crops: Map<string, ReportCrop>;
  /** What could not be drawn, in plain words; empty when every crop was made. */
  readonly warnings: string[];
}

function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function transformBox(mupdf: MuPdf, box: Box, m: Matrix): Box {
  return mupdf.Rect.transform([box[0], box[1], box[2], box[3]], m);
}

/** Renders one PNG a target; pages MuPDF cannot read lose their images, not the report. */
export async function renderCrops(
  bytes: Uint8Array,
  targets: readonly CropTarget[],
): Promise<CropResult> {
  if (targets.length === 0 || !isPdf(bytes)) return { crops: new Map(), warnings: [] };
  const mupdf = await import('mupdf');
  // MuPDF's warnings (a damaged font, a repaired cross-reference table) would go to standard
  // error line by line; the report says in one line which pages could not be drawn instead.
  const log: string[] = [];
  mupdf.setLog((message) => {
    if (log.length < 3) log.push(message.trim());
  });
  try {
    return draw(mupdf, bytes, targets, log);
  } finally {
    mupdf.setLog(null);
  }
}

function draw(
  mupdf: MuPdf,
  bytes: Uint8Array,
  targets: readonly CropTarget[],
  log: readonly string[],
): CropResult {
  const crops = new Map<string, ReportCrop>();
  const warnings: string[] = [];
  let doc: InstanceType<MuPdf['PDFDocument']>;
  try {
    const opened = mupdf.Document.openDocument(bytes, 'application/pdf');
    if (!(opened instanceof mupdf.PDFDocument)) throw new Error('not a PDF');
    doc = opened;
  } catch (error) {
    warnings.push(
      `The page images could not be drawn: MuPDF cannot open the PDF (${String(error)}).`,
    );
    return { crops, warnings };
  }
  try {
    if (doc.needsPassword()) {
      warnings.push('The page images are left out: the PDF is password-protected.');
      return { crops, warnings };
    }
    const pageCount = doc.countPages();
    const byPage = new Map<number, CropTarget[]>();
    for (const target of targets) {
      const list = byPage.get(target.page) ?? [];
      list.push(target);
      byPage.set(target.page, list);
    }
    const failedPages: number[] = [];
    for (const [pageNumber, pageTargets] of byPage) {
      if (pageNumber > pageCount) {
        failedPages.push(pageNumber);
        continue;
      }
      try {
        const page = doc.loadPage(pageNumber - 1);
        for (const target of pageTargets) {
          const crop = renderOne(mupdf, page, target);
          if (crop !== null) crops.set(target.id, crop);
        }
        page.destroy();
      } catch {
        failedPages.push(pageNumber);
      }
    }
    if (failedPages.length > 0) warnings.push(undrawnPagesWarning('MuPDF', failedPages, log));
  } finally {
    doc.destroy();
  }
  return { crops, warnings };
}

function renderOne(
  mupdf: MuPdf,
  page: InstanceType<MuPdf['PDFPage']>,
  target: CropTarget,
): ReportCrop | null {
  // PDF user space -> MuPDF's page space (y down, rotation applied) -> pixels.
  const toPage = page.getTransform();
  const toUser = mupdf.Matrix.invert(toPage);
  const visible = transformBox(mupdf, page.getBounds(), toUser);
  const region = cropRegion(target.quads, [
    Math.min(visible[0], visible[2]),
    Math.min(visible[1], visible[3]),
    Math.max(visible[0], visible[2]),
    Math.max(visible[1], visible[3]),
  ]);
  if (region === null) return null;
  const scale = mupdf.Matrix.scale(CROP_SCALE, CROP_SCALE);
  const toPixels = mupdf.Matrix.concat(toPage, scale);
  const r = transformBox(mupdf, region, toPixels);
  const bbox: [number, number, number, number] = [
    Math.floor(Math.min(r[0], r[2])),
    Math.floor(Math.min(r[1], r[3])),
    Math.ceil(Math.max(r[0], r[2])),
    Math.ceil(Math.max(r[1], r[3])),
  ];
  const pixmap = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, bbox, false);
  try {
    pixmap.clear(255);
    const device = new mupdf.DrawDevice(mupdf.Matrix.identity, pixmap);
    try {
      page.run(device, scale);
      const path = new mupdf.Path();
      for (const q of target.quads) {
        // /QuadPoints order: upper left, upper right, lower left, lower right.
        path.moveTo(q[0], q[1]);
        path.lineTo(q[2], q[3]);
        path.lineTo(q[6], q[7]);
        path.lineTo(q[4], q[5]);
        path.closePath();
      }
      const colour = rgb01(target.colour);
      device.fillPath(path, false, toPixels, mupdf.ColorSpace.DeviceRGB, colour, 0.3);
      const stroke = new mupdf.StrokeState({
        lineWidth: 1.2,
        lineCap: 'Round',
        lineJoin: 'Round',
        miterLimit: 10,
      });
      device.strokePath(path, stroke, toPixels, mupdf.ColorSpace.DeviceRGB, colour, 0.9);
      device.close();
    } finally {
      device.destroy();
    }
    return { png: pixmap.asPNG(), width: pixmap.getWidth(), height: pixmap.getHeight() };
  } finally {
    pixmap.destroy();
  }
}
