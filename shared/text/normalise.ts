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
const LETTER = /\p{L}/u;
/** A word broken at a line end by a hyphen, the line after going on in lower case. */
const HYPHEN_BREAK = /(\p{L})-[ \t]*(?:\r?\n|\f)[ \t]*(?=\p{Ll})/gu;

/**
 * The normalised text as it grows, with its map to the source in typed arrays. Parts are single
 * code points, or runs of printable ASCII copied unchanged (most of a page), which cost one string
 * each instead of one a character.
 */
class Builder {
  private readonly parts: string[] = [];
  private start: Int32Array;
  private end: Int32Array;
  /** Code units written so far. */
  length = 0;

  constructor(sourceLength: number) {
    this.start = new Int32Array(sourceLength + 16);
    this.end = new Int32Array(sourceLength + 16);
  }

  /** The last character written, or a line break at the very start. */
  get last(): string {
    const part = this.parts[this.parts.length - 1];
    if (part === undefined) return '\n';
    // An ASCII run ends in an ASCII character; any other part is one code point.
    return part.charCodeAt(part.length - 1) < 0x80 ? part[part.length - 1]! : part;
  }

  lastButOne(): string | undefined {
    const part = this.parts[this.parts.length - 1];
    if (part !== undefined && part.length > 1 && part.charCodeAt(0) < 0x80) {
      return part[part.length - 2];
    }
    const previous = this.parts[this.parts.length - 2];
    if (previous === undefined) return undefined;
    return previous.charCodeAt(previous.length - 1) < 0x80
      ? previous[previous.length - 1]
      : previous;
  }

  push(text: string, from: number, to: number): void {
    if (this.length + text.length > this.start.length) this.grow(text.length);
    for (const ch of text) {
      this.parts.push(ch);
      for (let u = 0; u < ch.length; u++) {
        this.start[this.length] = from;
        this.end[this.length] = to;
        this.length++;
      }
    }
  }

  /** Copies source[from, to), printable ASCII, one source character for each character. */
  pushRun(source: string, from: number, to: number): void {
    if (this.length + to - from > this.start.length) this.grow(to - from);
    this.parts.push(source.slice(from, to));
    for (let k = from; k < to; k++) {
      this.start[this.length] = k;
      this.end[this.length] = k + 1;
      this.length++;
    }
  }

  /** Removes the last character (a space or a hyphen: never half of a surrogate pair). */
  pop(): void {
    const part = this.parts[this.parts.length - 1];
    if (part === undefined) return;
    if (part.length > 1 && part.charCodeAt(0) < 0x80) {
      this.parts[this.parts.length - 1] = part.slice(0, -1);
      this.length--;
    } else {
      this.parts.pop();
      this.length -= part.length;
    }
  }

  /** How many of the last characters are `ch` (a single ASCII character). */
  trailing(ch: string): number {
    let n = 0;
    for (let k = this.parts.length - 1; k >= 0; k--) {
      const part = this.parts[k]!;
      let i = part.length - 1;
      while (i >= 0 && part[i] === ch) i--;
      n += part.length - 1 - i;
      if (i >= 0) break;
    }
    return n;
  }

  finish(): Normalised {
    return {
      text: this.parts.join(''),
      toSource: this.start.slice(0, this.length),
      toSourceEnd: this.end.slice(0, this.length),
    };
  }

  private grow(needed: number): void {
    const size = Math.max(this.start.length * 2, this.length + needed);
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    start.set(this.start);
    end.set(this.end);
    this.start = start;
    this.end = end;
  }
}

/**
 * NFKC (ligatures, full-width forms), plain quotes and dashes, whitespace runs collapsed to one
 * space, tabs and line ends kept (they separate table cells and lines for segmentation), and
 * words hyphenated across a line end joined again ("recog-\nnition" -> "recognition"; a hyphen
 * before a capital or digit is kept, as in "DS-\n2CD").
 */
export function normalise(source: string): Normalised {
  const out = new Builder(source.length);
  let i = 0;
  while (i < source.length) {
    // Fast path: printable ASCII needs no folding unless a combining mark (U+0300 and up) follows;
    // a run of it, with single spaces between words, is copied as it is.
    const code = source.charCodeAt(i);
    if (code > 0x20 && code < 0x7f && plainAscii(source, i)) {
      let j = i + 1;
      while (j < source.length) {
        const c = source.charCodeAt(j);
        const printable = c > 0x20 && c < 0x7f;
        // A space joins the run after a printable character and before another one.
        const space = c === 0x20 && source.charCodeAt(j - 1) !== 0x20 && isPrintable(source, j + 1);
        if (!(printable || space) || !plainAscii(source, j)) break;
        j++;
      }
      out.pushRun(source, i, j);
      i = j;
      continue;
    }
    if (code === 0x20) {
      if (out.last !== ' ' && out.last !== '\n' && out.last !== '\t') out.push(' ', i, i + 1);
      i++;
      continue;
    }
    let ch = String.fromCodePoint(source.codePointAt(i)!);
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
      while (out.last === ' ') out.pop();
      const joined = joinHyphenated(source, next, out);
      if (joined !== null) {
        i = joined;
        continue;
      }
      if (out.trailing('\n') < 2 && out.length > 0) out.push('\n', i, next);
      i = next;
      continue;
    }
    if (ch === '\t') {
      while (out.last === ' ') out.pop();
      if (out.last !== '\t' && out.last !== '\n') out.push('\t', i, next);
      i = next;
      continue;
    }
    const folded = FOLD[ch] ?? ch.normalize('NFKC');
    if (/^\s+$/u.test(folded)) {
      if (out.last !== ' ' && out.last !== '\n' && out.last !== '\t') out.push(' ', i, next);
    } else out.push(folded, i, next);
    i = next;
  }
  while (out.length > 0 && /\s/.test(out.last)) out.pop();
  return out.finish();
}

/** True when source[i] is followed by no combining mark, so it needs no folding with it. */
function plainAscii(source: string, i: number): boolean {
  const following = source.charCodeAt(i + 1);
  return !(following >= 0x300) || !COMBINING.test(source[i + 1]!);
}

function isPrintable(source: string, i: number): boolean {
  const c = source.charCodeAt(i);
  return c > 0x20 && c < 0x7f;
}

/**
 * At a line end that follows "letter-": drop the hyphen and the break when a lower-case letter
 * follows, or only the break when another letter or digit follows. Returns where to resume in the
 * source, or null when this line end is not a hyphenation.
 */
function joinHyphenated(source: string, afterBreak: number, out: Builder): number | null {
  const before = out.lastButOne() ?? '';
  if (out.last !== '-' || !LETTER_OR_DIGIT.test(before)) return null;
  let j = afterBreak;
  while (j < source.length && (source[j] === ' ' || source[j] === '\t')) j++;
  const following = source[j] ?? '';
  if (LOWER.test(following) && LETTER.test(before)) {
    out.pop();
    return j;
  }
  if (LETTER_OR_DIGIT.test(following)) return j;
  return null;
}

/** Maps a normalised span back to the source span it covers. */
export function toSourceSpan(n: Normalised, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = n.toSource[start] ?? n.toSourceEnd[n.toSourceEnd.length - 1] ?? 0;
    return [at, at];
  }
  return [n.toSource[start]!, n.toSourceEnd[end - 1]!];
}

/** Anything displayText may change: non-ASCII, control characters, hyphens, double spaces. */
const NEEDS_DISPLAY_WORK = /[^\x20-\x7E]|-|\s\s/u;

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
  // Most quotes are one line of plain ASCII words: nothing to join, drop or collapse.
  if (!NEEDS_DISPLAY_WORK.test(source)) return source.trim();
  return source
    .replace(HYPHEN_BREAK, '$1')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/gu, ' ')
    .replace(SPACE_IN_UNSPACED_TEXT, '')
    .trim();
}
