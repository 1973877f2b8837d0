// Relative glyph widths for placing a run of characters inside a pdf.js text item, which gives
// only the whole item's width: Helvetica's metrics (the standard AFM, per 1000 em) stand in for
// the proportional Latin fonts brochures use; unspaced scripts are one em a character.

/** Widths of ASCII 32 (space) to 126 (~). */
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const DEFAULT = 556;
const WIDE = 1000;

export function glyphWidth(code: number): number {
  if (code >= 32 && code <= 126) return ASCII[code - 32]!;
  if (code >= 0x2e80 && code <= 0xffef) return WIDE;
  return DEFAULT;
}

/** The share of `text`'s width that its first `index` characters take (0 to 1). */
export function widthShare(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return 1;
  let before = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const w = glyphWidth(text.charCodeAt(i));
    if (i < index) before += w;
    total += w;
  }
  return total === 0 ? index / text.length : before / total;
}
