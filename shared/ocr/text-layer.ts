// Which pages need OCR: those with no text layer, and those whose text layer is not text (a
// font without a usable encoding yields glyph numbers, boxes or private-use characters).

/** Fewer non-blank characters than this: too little to judge, so a layer is taken as it is. */
const MIN_CHARS_TO_JUDGE = 20;
/** A layer with more than this share of replacement, private-use or control characters is garbage. */
const MAX_BAD_SHARE = 0.1;
/** A layer with less than this share of letters and digits is garbage (real text is 75-95%). */
const MIN_WORD_CHAR_SHARE = 0.5;

export type TextLayer = 'text' | 'none' | 'garbage';

/**
 * Decides from a page's extracted text whether it has a usable text layer. Measured, not
 * guessed: the share of characters that cannot be text (U+FFFD, private use, controls) and the
 * share of letters and digits among the characters that are not blank.
 */
export function textLayerOf(text: string): TextLayer {
  let chars = 0;
  let bad = 0;
  let word = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    chars++;
    if (/[\uFFFD\uE000-\uF8FF\p{Cc}\p{Cn}]/u.test(ch)) bad++;
    else if (/[\p{L}\p{N}]/u.test(ch)) word++;
  }
  if (chars === 0) return 'none';
  if (chars < MIN_CHARS_TO_JUDGE) return 'text';
  if (bad / chars > MAX_BAD_SHARE || word / chars < MIN_WORD_CHAR_SHARE) return 'garbage';
  return 'text';
}
