// OCR output (tesseract.js lines and words, in image pixels) turned into a page's text items in
// PDF user space, so a scanned page is highlighted, quoted and exported exactly as a text page
// is; and the OCR confidence a finding on such a page inherits from the words it quotes.
import type { Finding } from '../model/finding';
import { buildPageText, type PageText, type TextItem } from '../text/page-text';

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** One recognised word: its text, tesseract's confidence (0-100) and its box in image pixels. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: Box;
}

export interface OcrLine {
  readonly bbox: Box;
  /** The line's baseline in pixels, where tesseract found one. */
  readonly baseline?: Box & { readonly has_baseline?: boolean };
  readonly words: readonly OcrWord[];
}

/**
 * Image pixel -> PDF user space, as an affine matrix [a, b, c, d, e, f]:
 * x' = a*x + c*y + e, y' = b*x + d*y + f. For a page rendered at `scale` with a page matrix M it
 * is inverse(M * scale); for an image it flips y so the image reads as a page.
 */
export type Affine = readonly [number, number, number, number, number, number];

/** The inverse of an affine matrix: a page's pixel -> user space from its user -> pixel matrix. */
export function invertAffine(m: readonly number[]): Affine {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** Words tesseract is this unsure of are noise (specks, frame lines read as "]]]]"). */
const MIN_WORD_CONFIDENCE = 20;
/** Share of the font size from baseline to the top of capitals and ascenders. */
const ASCENT = 0.85;

/** A page of OCR text: the text items, and each item's confidence (0-1) by item index. */
export interface OcrPage {
  readonly text: PageText;
  readonly confidence: readonly number[];
}

/** The page's text from OCR lines, one text item a word, laid out by the page-text builder. */
export function ocrPageText(
  page: number,
  lines: readonly OcrLine[],
  toUser: Affine,
  view: readonly [number, number, number, number],
): OcrPage {
  const items: TextItem[] = [];
  const confidence: number[] = [];
  for (const line of lines) {
    const words = line.words.filter(
      (w) => w.text.trim() !== '' && w.confidence >= MIN_WORD_CONFIDENCE,
    );
    const ascent = Math.max(1, baselineAt(line, (line.bbox.x0 + line.bbox.x1) / 2) - line.bbox.y0);
    const size = ascent / ASCENT;
    words.forEach((word, i) => {
      const y = baselineAt(line, (word.bbox.x0 + word.bbox.x1) / 2);
      items.push(
        itemFor(
          word.text.trim(),
          word.bbox.x0,
          word.bbox.x1,
          y,
          size,
          toUser,
          i === words.length - 1,
        ),
      );
      confidence.push(clamp01(word.confidence / 100));
    });
  }
  return { text: buildPageText(page, items, view), confidence };
}

/** The baseline's height at x: tesseract's sloped baseline, or the bottom of the line box. */
function baselineAt(line: OcrLine, x: number): number {
  const b = line.baseline;
  if (!b || b.has_baseline === false || b.x1 === b.x0) return line.bbox.y1;
  return b.y0 + ((b.y1 - b.y0) * (x - b.x0)) / (b.x1 - b.x0);
}

/** A text item whose baseline runs from (x0, y) to (x1, y) in pixels, mapped to user space. */
function itemFor(
  str: string,
  x0: number,
  x1: number,
  y: number,
  size: number,
  m: Affine,
  hasEOL: boolean,
): TextItem {
  const at = (x: number, py: number): [number, number] => [
    m[0] * x + m[2] * py + m[4],
    m[1] * x + m[3] * py + m[5],
  ];
  const [ox, oy] = at(x0, y);
  const [ex, ey] = at(x1, y);
  const [tx, ty] = at(x0, y - size);
  const width = Math.hypot(ex - ox, ey - oy);
  const height = Math.hypot(tx - ox, ty - oy);
  const ux = width > 0 ? (ex - ox) / width : 1;
  const uy = width > 0 ? (ey - oy) / width : 0;
  return {
    str,
    transform: [height * ux, height * uy, -height * uy, height * ux, ox, oy],
    width,
    height,
    hasEOL,
  };
}

/**
 * A finding's OCR confidence: that of the least certain word it quotes (a quote is only as
 * reliable as its weakest word), or undefined when it quotes no OCR word.
 */
export function confidenceOf(page: OcrPage, start: number, end: number): number | undefined {
  let lowest: number | undefined;
  for (let k = start; k < end && k < page.text.itemOf.length; k++) {
    const item = page.text.itemOf[k]!;
    if (item < 0) continue;
    const c = page.confidence[item];
    if (c !== undefined && (lowest === undefined || c < lowest)) lowest = c;
  }
  return lowest === undefined ? undefined : Math.round(lowest * 100) / 100;
}

/** Findings with `ocrConfidence` set where they lie on an OCR page. */
export function withOcrConfidence(
  findings: readonly Finding[],
  ocrPages: ReadonlyMap<number, OcrPage>,
): Finding[] {
  return findings.map((f) => {
    const page = ocrPages.get(f.page);
    if (!page) return f;
    const ocrConfidence = confidenceOf(page, f.start, f.end) ?? 0;
    return { ...f, ocrConfidence };
  });
}

/** Below this, a finding's OCR confidence is shown as low: the quote may be misread. */
export const LOW_OCR_CONFIDENCE = 0.75;

export function isLowOcrConfidence(finding: Pick<Finding, 'ocrConfidence'>): boolean {
  return finding.ocrConfidence !== undefined && finding.ocrConfidence < LOW_OCR_CONFIDENCE;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
