// Normalisation for matching, with a diff table back to the source text (as pdf.js's find
// controller does): rules match the normalised text, highlights use the source offsets.

/** Normalised text plus, for every normalised offset, the source offset it came from. */
export interface Normalised {
  readonly text: string;
  /** `toSource[i]` is where the source characters behind normalised char `i` start. */
  readonly toSource: Int32Array;
  /** `toSourceEnd[i]` is where they end (a ligature's two letters share one source char). */
  readonly toSourceEnd: Int32Array;
}

/** Replacements made instead of NFKC. */
const FOLD: Record<string, string> = {
  // The Chinese comma ends a clause (lists use 、), so it keeps its own identity for polarity.
  '\uFF0C': '\uFF0C',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
};
/** Characters that carry nothing for matching: soft hyphen, zero-width spaces and joiners, BOM. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const COMBINING = /\p{M}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LOWER = /\p{Ll}/u;

/**
 * NFKC (ligatures, full-width forms), plain quotes and dashes, whitespace runs collapsed to one
 * space, tabs and line ends kept (they separate table cells and lines for segmentation), and
 * words hyphenated across a line end joined again ("recog-\nnition" -> "recognition"; a hyphen
 * before a capital or digit is kept, as in "DS-\n2CD").
 */
export function normalise(source: string): Normalised {
  const out: string[] = [];
  const map: number[] = [];
  const mapEnd: number[] = [];
  const push = (s: string, from: number, to: number): void => {
    for (const ch of s) {
      out.push(ch);
      for (let u = 0; u < ch.length; u++) {
        map.push(from);
        mapEnd.push(to);
      }
    }
  };
  const last = (): string => out[out.length - 1] ?? '\n';

  let i = 0;
  while (i < source.length) {
    const cp = source.codePointAt(i)!;
    let ch = String.fromCodePoint(cp);
    let next = i + ch.length;
    while (next < source.length && COMBINING.test(source[next]!)) {
      ch += source[next]!;
      next++;
    }
    if (INVISIBLE.test(ch)) {
      i = next;
      continue;
    }
    if (ch === '\r' || ch === '\n' || ch === '\f' || ch === '\u2028' || ch === '\u2029') {
      if (ch === '\r' && source[next] === '\n') next++;
      while (last() === ' ') popLast(out, map, mapEnd);
      const hyphenAt = out.length - 1;
      const joined = tryJoinHyphenated(source, next, out, map, mapEnd, hyphenAt);
      if (joined !== null) {
        i = joined;
        continue;
      }
      const breaks = trailingCount(out, '\n');
      if (breaks < 2 && out.length > 0) push('\n', i, next);
      i = next;
      continue;
    }
    if (ch === '\t') {
      while (last() === ' ') popLast(out, map, mapEnd);
      if (last() !== '\t' && last() !== '\n') push('\t', i, next);
      i = next;
      continue;
    }
    const folded = FOLD[ch] ?? ch.normalize('NFKC');
    if (/^\s+$/u.test(folded)) {
      const prev = last();
      if (prev !== ' ' && prev !== '\n' && prev !== '\t') push(' ', i, next);
      i = next;
      continue;
    }
    push(folded, i, next);
    i = next;
  }
  while (out.length > 0 && /\s/.test(last())) popLast(out, map, mapEnd);

  const text = out.join('');
  const toSource = Int32Array.from(map);
  const toSourceEnd = Int32Array.from(mapEnd);
  return { text, toSource, toSourceEnd };
}

/**
 * At a line end that follows "letter-": drop the hyphen and the break when a lower-case letter
 * follows, or only the break when another letter or digit follows. Returns where to resume in the
 * source, or null when this line end is not a hyphenation.
 */
function tryJoinHyphenated(
  source: string,
  afterBreak: number,
  out: string[],
  map: number[],
  mapEnd: number[],
  hyphenAt: number,
): number | null {
  if (out[hyphenAt] !== '-' || !LETTER_OR_DIGIT.test(out[hyphenAt - 1] ?? '')) return null;
  let j = afterBreak;
  while (j < source.length && (source[j] === ' ' || source[j] === '\t')) j++;
  const following = source[j] ?? '';
  if (LOWER.test(following) && /\p{L}/u.test(out[hyphenAt - 1]!)) {
    popLast(out, map, mapEnd);
    return j;
  }
  if (LETTER_OR_DIGIT.test(following)) return j;
  return null;
}

function popLast(out: string[], map: number[], mapEnd: number[]): void {
  const ch = out.pop() ?? '';
  for (let u = 0; u < ch.length; u++) {
    map.pop();
    mapEnd.pop();
  }
}

function trailingCount(out: string[], ch: string): number {
  let n = 0;
  for (let k = out.length - 1; k >= 0 && out[k] === ch; k--) n++;
  return n;
}

/** Maps a normalised span back to the source span it covers. */
export function toSourceSpan(n: Normalised, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = n.toSource[start] ?? n.toSourceEnd[n.toSourceEnd.length - 1] ?? 0;
    return [at, at];
  }
  return [n.toSource[start]!, n.toSourceEnd[end - 1]!];
}

/** Scripts written without spaces between words, and their punctuation. */
const UNSPACED =
  '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Bopomofo}\\u3000-\\u303F\\uFF00-\\uFF0F]';
const SPACE_IN_UNSPACED_TEXT = new RegExp(`(?<=${UNSPACED}) (?=${UNSPACED})`, 'gu');

/**
 * How a quote is shown to people: the source characters as printed, with words hyphenated across
 * a line joined and whitespace collapsed (and dropped between Chinese or Japanese characters,
 * which line breaks and justification put there); no NFKC, so a Chinese quote keeps its marks.
 */
export function displayText(source: string): string {
  return source
    .replace(/(\p{L})-[ \t]*(?:\r?\n|\f)[ \t]*(?=\p{Ll})/gu, '$1')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/gu, ' ')
    .replace(SPACE_IN_UNSPACED_TEXT, '')
    .trim();
}
