// Which pages need OCR: those with no text layer, and those whose text layer is not text (a
// font without a usable encoding yields glyph numbers, boxes or private-use characters).
import type { PageText } from '../text/page-text';

/** Fewer non-blank characters than this: too little to judge, so a layer is taken as it is. */
const MIN_CHARS_TO_JUDGE = 20;
/** A layer with more than this share of replacement, private-use or control characters is garbage. */
const MAX_BAD_SHARE = 0.1;
/** A layer with less than this share of letters and digits is garbage (real text is 75-95%). */
const MIN_WORD_CHAR_SHARE = 0.5;

const BLANK = /\s+/gu;
const BAD = /[\uFFFD\uE000-\uF8FF\p{Cc}\p{Cn}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export type TextLayer = 'text' | 'none' | 'garbage';

/**
 * Decides from a page's extracted text whether it has a usable text layer. Measured, not
 * guessed: the share of characters that cannot be text (U+FFFD, private use, controls) and the
 * share of letters and digits among the characters that are not blank. Counted in UTF-16 units
 * by what each class removes (one regular-expression pass each, as every page is checked).
 */
export function textLayerOf(text: string): TextLayer {
  const solid = text.replace(BLANK, '');
  const chars = solid.length;
  if (chars === 0) return 'none';
  if (chars < MIN_CHARS_TO_JUDGE) return 'text';
  const bad = chars - solid.replace(BAD, '').length;
  const word = chars - solid.replace(WORD, '').length;
  if (bad / chars > MAX_BAD_SHARE || word / chars < MIN_WORD_CHAR_SHARE) return 'garbage';
  return 'text';
}

/** The pages without a usable text layer (none, or garbage), and why; damaged pages are not. */
export function pagesNeedingOcr(
  pages: readonly PageText[],
  unreadable: readonly number[],
): { page: PageText; layer: 'none' | 'garbage' }[] {
  return pages
    .map((p) => ({ page: p, layer: textLayerOf(p.text) }))
    .filter(
      (w): w is { page: PageText; layer: 'none' | 'garbage' } =>
        w.layer !== 'text' && !unreadable.includes(w.page.page),
    );
}
