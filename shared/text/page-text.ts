// A page's text built from pdf.js text items, with a map from every character back to the item it
// came from, so a match in the text can be drawn as quads in PDF user space.
import { widthShare } from './glyph-widths';

/** The part of a pdf.js `TextItem` the engine needs (kept here so shared/ needs no pdf.js types). */
export interface TextItem {
  readonly str: string;
  /** Text-space to user-space matrix [a, b, c, d, e, f]; (e, f) is the baseline origin. */
  readonly transform: readonly number[];
  /** Advance along the baseline, in user-space units. */
  readonly width: number;
  /** Font height, in user-space units. */
  readonly height: number;
  readonly hasEOL: boolean;
}

export interface PageText {
  /** 1-based page number. */
  readonly page: number;
  readonly text: string;
  readonly items: readonly TextItem[];
  /** For every char of `text`: the index of the item it came from, or -1 for an inserted separator. */
  readonly itemOf: Int32Array;
  /** For every char of `text`: its offset inside `items[itemOf[i]].str`. */
  readonly charOf: Int32Array;
  /** The page's box in user space [x0, y0, x1, y1], where known. */
  readonly view?: readonly [number, number, number, number];
}

/** A quad in PDF user space, in the order PDF `/QuadPoints` uses: top-left, top-right, bottom-left, bottom-right. */
export type Quad = [number, number, number, number, number, number, number, number];

/** Share of the font height above and below the baseline that a highlight covers. */
const ASCENT = 0.85;
const DESCENT = 0.2;
/** A gap wider than this many font heights between two items on one line reads as a table cell break. */
const CELL_GAP = 1.4;
/** A gap wider than this many font heights reads as a word break. */
const WORD_GAP = 0.12;
/** A baseline this many font heights below the last one starts a new paragraph. */
const PARAGRAPH_DROP = 1.9;
/** A change of font size by more than this share starts a new paragraph (a heading, a caption). */
const SIZE_CHANGE = 0.2;
const PARAGRAPH = '\n\n';

interface Frame {
  ux: number;
  uy: number;
  along: number;
  across: number;
  size: number;
}

function frameOf(item: TextItem): Frame {
  const [a = 1, b = 0, , , e = 0, f = 0] = item.transform;
  const scale = Math.hypot(a, b) || 1;
  const ux = a / scale;
  const uy = b / scale;
  return {
    ux,
    uy,
    along: e * ux + f * uy,
    across: -e * uy + f * ux,
    size: item.height || scale,
  };
}

/** Joins pdf.js items in their content order, inserting spaces, tabs and line breaks from geometry. */
export function buildPageText(
  page: number,
  items: readonly TextItem[],
  view?: readonly [number, number, number, number],
): PageText {
  const parts: string[] = [];
  const itemOf: number[] = [];
  const charOf: number[] = [];
  const separator = (s: string): void => {
    parts.push(s);
    itemOf.push(-1);
    charOf.push(0);
  };
  const pushItem = (item: TextItem, index: number): void => {
    for (let k = 0; k < item.str.length; k++) {
      parts.push(item.str[k]!);
      itemOf.push(index);
      charOf.push(k);
    }
  };
  /** The last item with visible text: gaps are measured from it. */
  let prev: { item: TextItem; frame: Frame } | null = null;
  let lastChar = '\n';

  items.forEach((item, index) => {
    if (item.str.length > 0) {
      const frame = frameOf(item);
      const blank = item.str.trim() === '';
      if (prev !== null) {
        const sep = separatorBetween(prev.item, prev.frame, item, frame);
        const afterBreak = lastChar === '\n';
        const wanted =
          sep === PARAGRAPH ||
          (!afterBreak && sep === '\n') ||
          (!afterBreak && sep === '\t' && lastChar !== '\t') ||
          (!afterBreak && sep === ' ' && !/\s/.test(lastChar) && !/^\s/.test(item.str));
        if (wanted) {
          // pdf.js may have ended the line already (hasEOL); a paragraph then needs one more break.
          for (const ch of sep === PARAGRAPH && afterBreak ? '\n' : sep) separator(ch);
          lastChar = sep === PARAGRAPH ? '\n' : sep;
        }
      }
      if (!blank) {
        pushItem(item, index);
        lastChar = item.str[item.str.length - 1]!;
        prev = { item, frame };
      } else if (item.width > CELL_GAP * (prev?.frame.size ?? frame.size)) {
        // pdf.js stands in for a wide gap with one space item as wide as the gap: a cell break.
        if (lastChar !== '\t' && lastChar !== '\n') {
          separator('\t');
          lastChar = '\t';
        }
      } else if (!/\s/.test(lastChar)) {
        pushItem(item, index);
        lastChar = ' ';
      }
    }
    if (item.hasEOL && lastChar !== '\n' && parts.length > 0) {
      separator('\n');
      lastChar = '\n';
    }
  });

  return {
    page,
    text: parts.join(''),
    items,
    itemOf: Int32Array.from(itemOf),
    charOf: Int32Array.from(charOf),
    ...(view ? { view } : {}),
  };
}

/**
 * A paragraph break (blank line) where the text changes size or skips more than a line: a
 * heading, a caption, a new block. A jump back up (the next column) is only a line break, since
 * a sentence can flow on into the next column.
 */
function separatorBetween(a: TextItem, fa: Frame, b: TextItem, fb: Frame): string {
  const size = Math.max(fa.size, fb.size, 1);
  const sameDirection = Math.abs(fa.ux - fb.ux) < 0.01 && Math.abs(fa.uy - fb.uy) < 0.01;
  if (!sameDirection) return PARAGRAPH;
  const drop = fa.across - fb.across;
  if (Math.abs(drop) > size * 0.5) {
    const resized = Math.abs(fa.size - fb.size) > size * SIZE_CHANGE;
    return resized || drop > size * PARAGRAPH_DROP ? PARAGRAPH : '\n';
  }
  const gap = fb.along - (fa.along + a.width);
  if (gap < -size) return '\n';
  if (gap > size * CELL_GAP) return '\t';
  if (gap > size * WORD_GAP) return ' ';
  return '';
}

/** Plain text as pages: form feeds split pages, as `pdftotext` writes them. */
export function pagesFromPlainText(text: string): PageText[] {
  return text.split('\f').map((pageText, i) => ({
    page: i + 1,
    text: pageText,
    items: [],
    itemOf: new Int32Array(pageText.length).fill(-1),
    charOf: new Int32Array(pageText.length),
  }));
}

/** Quads covering page-text offsets [start, end), one per run of characters from one item. */
export function quadsFor(page: PageText, start: number, end: number): Quad[] {
  const quads: Quad[] = [];
  let k = start;
  while (k < end) {
    const itemIndex = page.itemOf[k]!;
    if (itemIndex < 0) {
      k++;
      continue;
    }
    const first = page.charOf[k]!;
    let last = first;
    while (k + 1 < end && page.itemOf[k + 1] === itemIndex) {
      k++;
      last = page.charOf[k]!;
    }
    k++;
    const item = page.items[itemIndex];
    if (item && !/^\s*$/.test(item.str.slice(first, last + 1))) {
      quads.push(quadOf(item, first, last + 1));
    }
  }
  return quads;
}

/**
 * pdf.js gives an item's width but not each glyph's, so a run inside an item is placed by its
 * share of the item's width under typical glyph widths: exact for whole items, close for runs.
 */
function quadOf(item: TextItem, from: number, to: number): Quad {
  const f = frameOf(item);
  const [, , , , e = 0, g = 0] = item.transform;
  const x0 = item.width * widthShare(item.str, from);
  const x1 = item.width * widthShare(item.str, to);
  const vx = -f.uy;
  const vy = f.ux;
  const up = f.size * ASCENT;
  const down = -f.size * DESCENT;
  const at = (along: number, across: number): [number, number] => [
    round(e + f.ux * along + vx * across),
    round(g + f.uy * along + vy * across),
  ];
  return [...at(x0, up), ...at(x1, up), ...at(x0, down), ...at(x1, down)] as Quad;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
