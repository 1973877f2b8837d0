// Page crops for the evidence report, drawn here in the renderer's sandbox with the pdf.js
// document the viewer already has open (main never parses a PDF): each region of
// shared/export/report-crops.ts rendered to a canvas, its highlight drawn over it, as a PNG.
import type { PDFDocumentProxy, PDFPageProxy, PageViewport } from 'pdfjs-dist';
import {
  CROP_SCALE,
  cropRegion,
  cropTargets,
  type CroppableDocument,
  type CropTarget,
} from '../../shared/export/report-crops';

/** One crop as it travels to main with the export request. */
export interface WireCrop {
  readonly id: string;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error('The page image could not be encoded as PNG.'));
    }, 'image/png');
  });
}

/** pdf.js types its points as any[]. */
function toViewport(viewport: PageViewport, x: number, y: number): [number, number] {
  const [px, py] = viewport.convertToViewportPoint(x, y) as [number, number];
  return [px, py];
}

function drawHighlight(
  context: CanvasRenderingContext2D,
  viewport: PageViewport,
  target: CropTarget,
): void {
  context.beginPath();
  for (const q of target.quads) {
    // /QuadPoints order: upper left, upper right, lower left, lower right.
    const corners = [0, 2, 6, 4].map((i) => toViewport(viewport, q[i]!, q[i + 1]!));
    corners.forEach(([x, y], n) => {
      if (n === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.closePath();
  }
  context.globalAlpha = 0.3;
  context.fillStyle = target.colour;
  context.fill();
  context.globalAlpha = 0.9;
  context.lineWidth = 1.2 * CROP_SCALE;
  context.strokeStyle = target.colour;
  context.stroke();
  context.globalAlpha = 1;
}

async function renderOne(page: PDFPageProxy, target: CropTarget): Promise<WireCrop | null> {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  const region = cropRegion(target.quads, [
    Math.min(x0, x1),
    Math.min(y0, y1),
    Math.max(x0, x1),
    Math.max(y0, y1),
  ]);
  if (region === null) return null;
  // Where the region lands at CROP_SCALE, then a viewport shifted so it starts at (0, 0).
  const full = page.getViewport({ scale: CROP_SCALE });
  const [ax, ay] = toViewport(full, region[0], region[1]);
  const [bx, by] = toViewport(full, region[2], region[3]);
  const left = Math.floor(Math.min(ax, bx));
  const top = Math.floor(Math.min(ay, by));
  const width = Math.ceil(Math.max(ax, bx)) - left;
  const height = Math.ceil(Math.max(ay, by)) - top;
  if (width < 2 || height < 2) return null;
  const viewport = page.getViewport({ scale: CROP_SCALE, offsetX: -left, offsetY: -top });
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  try {
    await page.render({ canvas, viewport, background: '#ffffff' }).promise;
    const context = canvas.getContext('2d');
    if (context === null) return null;
    drawHighlight(context, viewport, target);
    const png = new Uint8Array(await (await toBlob(canvas)).arrayBuffer());
    return { id: target.id, png, width, height };
  } finally {
    // Free the canvas memory at once: a report can need hundreds of crops.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** The crops drawn for a report, and the pages pdf.js could not draw (sent along, named in it). */
export interface DrawnCrops {
  readonly crops: WireCrop[];
  readonly failedPages: number[];
}

/**
 * Crops for the report of `doc`: the same targets and regions as the command line's. A page that
 * cannot be drawn loses its images, not the export, and is named in `failedPages` so the report
 * can say so; `onProgress` hears how many are done.
 */
export async function renderReportCrops(
  pdf: PDFDocumentProxy,
  doc: CroppableDocument,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<DrawnCrops> {
  const targets = cropTargets(doc);
  const crops: WireCrop[] = [];
  const failedPages = new Set<number>();
  const byPage = new Map<number, CropTarget[]>();
  for (const target of targets) {
    byPage.set(target.page, [...(byPage.get(target.page) ?? []), target]);
  }
  let done = 0;
  for (const [pageNumber, list] of [...byPage].sort((a, b) => a[0] - b[0])) {
    let counted = 0;
    try {
      if (pageNumber > pdf.numPages) throw new Error('no such page');
      const page = await pdf.getPage(pageNumber);
      for (const target of list) {
        const crop = await renderOne(page, target);
        if (crop !== null) crops.push(crop);
        counted += 1;
        onProgress((done += 1), targets.length);
      }
      page.cleanup();
    } catch {
      failedPages.add(pageNumber);
      done += list.length - counted;
      onProgress(done, targets.length);
    }
  }
  return { crops, failedPages: [...failedPages].sort((a, b) => a - b) };
}
