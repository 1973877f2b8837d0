// Which page regions a report shows as images, and where: one crop around each finding's and
// each user highlight's quads, in PDF user space. The app's renderer (pdf.js canvas) and the CLI
// (MuPDF) both draw these same regions, so a report looks the same from either.
import type { Finding, Quad } from '../model/finding';
import type { UserHighlight } from '../model/library';
import { severityRank } from '../model/taxonomy';
import { SEVERITY_COLOURS, USER_COLOUR } from './report-model';

/** [x0, y0, x1, y1] in PDF user space, x0 < x1 and y0 < y1. */
export type Box = readonly [number, number, number, number];

export interface CropTarget {
  /** The finding's or highlight's id; the crop comes back under it. */
  readonly id: string;
  readonly page: number;
  readonly quads: readonly Quad[];
  /** The highlight's colour, as #rrggbb. */
  readonly colour: string;
}

/** Pixels per PDF point: 144 dpi, sharp in print at the size the reports show crops. */
export const CROP_SCALE = 2;
/**
 * Reports carry at most this many crops (the highest severities first). A 400-page datasheet
 * can have thousands of findings; images of all of them would make a report of hundreds of
 * megabytes. Findings past the limit are in the report in full, without an image.
 */
export const MAX_CROPS = 400;

const PAD_X = 36;
const PAD_Y = 20;
const MIN_WIDTH = 320;
const MIN_HEIGHT = 64;
const MAX_HEIGHT = 320;

/** The bounding box of quads. */
export function quadsBox(quads: readonly Quad[]): Box | null {
  if (quads.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const q of quads) {
    for (let i = 0; i < 8; i += 2) {
      x0 = Math.min(x0, q[i]!);
      x1 = Math.max(x1, q[i]!);
      y0 = Math.min(y0, q[i + 1]!);
      y1 = Math.max(y1, q[i + 1]!);
    }
  }
  return Number.isFinite(x0 + y0 + x1 + y1) ? [x0, y0, x1, y1] : null;
}

function span(lo: number, hi: number, min: number, max: number, limitLo: number, limitHi: number) {
  let a = lo;
  let b = hi;
  if (b - a < min) {
    const mid = (a + b) / 2;
    a = mid - min / 2;
    b = mid + min / 2;
  }
  if (b - a > max) b = a + max;
  // Slide inside the page rather than cut, where the page is large enough.
  if (a < limitLo) {
    b += limitLo - a;
    a = limitLo;
  }
  if (b > limitHi) {
    a -= b - limitHi;
    b = limitHi;
  }
  return [Math.max(a, limitLo), Math.min(b, limitHi)] as const;
}

/**
 * The region to show for `quads` on a page whose visible box is `page`: the highlight with some
 * of the text around it, at least a readable width, at most a third of a typical page tall,
 * never outside the page. Null when there is nothing to show (no quads, or none on the page).
 */
export function cropRegion(quads: readonly Quad[], page: Box): Box | null {
  const box = quadsBox(quads);
  if (box === null) return null;
  const [x0, x1] = span(box[0] - PAD_X, box[2] + PAD_X, MIN_WIDTH, Infinity, page[0], page[2]);
  // Keep the top of the highlight in view when it is taller than the crop may be.
  const [y0, y1] = span(box[1] - PAD_Y, box[3] + PAD_Y, MIN_HEIGHT, MAX_HEIGHT, page[1], page[3]);
  const top = box[3] + PAD_Y;
  const shift = y1 < top && top <= page[3] ? top - y1 : 0;
  const region: Box = [x0, y0 + shift, x1, y1 + shift];
  return region[2] - region[0] > 1 && region[3] - region[1] > 1 ? region : null;
}

/** What cropTargets needs of a document: the stored detail or the app's lighter view. */
export interface CroppableDocument {
  readonly findings: readonly {
    readonly finding: Pick<Finding, 'id' | 'page' | 'quads' | 'severity' | 'start'>;
  }[];
  readonly highlights: readonly Pick<UserHighlight, 'id' | 'page' | 'quads'>[];
}

/** What to crop for a document's report: findings by severity first, then user highlights. */
export function cropTargets(detail: CroppableDocument, limit = MAX_CROPS): CropTarget[] {
  const findings = [...detail.findings]
    .sort(
      (a, b) =>
        severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
        a.finding.page - b.finding.page ||
        a.finding.start - b.finding.start,
    )
    .map((s): CropTarget => ({
      id: s.finding.id,
      page: s.finding.page,
      quads: s.finding.quads,
      colour: SEVERITY_COLOURS[s.finding.severity],
    }));
  const highlights = detail.highlights.map((h): CropTarget => ({
    id: h.id,
    page: h.page,
    quads: h.quads,
    colour: USER_COLOUR,
  }));
  // Highlights are few and chosen by hand: they keep their images even past the limit.
  return [...findings.slice(0, Math.max(0, limit - highlights.length)), ...highlights].filter(
    (t) => t.quads.length > 0,
  );
}

/**
 * The report's one line on pages whose images could not be drawn, in the command line's reports
 * (MuPDF, main/export/report-crops.ts) and the app's (pdf.js in the renderer's sandbox, which
 * sends the pages with the export request), so a reader sees the same words from either. `said`
 * is the drawing library's own message, where there is one.
 */
export function undrawnPagesWarning(
  drawer: 'MuPDF' | 'pdf.js',
  pages: readonly number[],
  said: readonly string[] = [],
): string {
  const list = [...new Set(pages)].sort((a, b) => a - b);
  const one = list.length === 1;
  return (
    `${drawer} could not draw page${one ? '' : 's'} ${list.join(', ')}; ` +
    `${one ? 'its' : 'their'} findings are in the report without an image` +
    (said.length > 0 ? ` (${drawer} said: ${said.join('; ')}).` : '.')
  );
}

/** '#rrggbb' as three numbers from 0 to 1. */
export function rgb01(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
