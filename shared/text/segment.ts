// Tokens and segments (sentences, list items, spec-table rows, headings) of normalised text.
// Han, kana and other scripts written without spaces become one token per character, so rules
// for Chinese need no word tokenizer: "人脸识别" is four tokens a pattern matches in sequence.

export interface Tokens {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Lower-cased token text. */
  readonly lower: readonly string[];
  /** 1 where the token is a single character of a script written without spaces. */
  readonly cjk: Uint8Array;
}

export type SegmentKind = 'sentence' | 'item' | 'row' | 'heading';

export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly kind: SegmentKind;
  /** Tokens [firstToken, endToken) lie inside the segment. */
  readonly firstToken: number;
  readonly endToken: number;
}

const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Bopomofo}\u3005\u30FC]/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** A line that starts like a heading or a new item: a capital, a digit or a Chinese character. */
const STARTS_UPPER = /^[\p{Lu}\p{N}\p{sc=Han}]/u;
const TRAILING_WORD = /([\p{L}.]+)$/u;
const ONE_CAPITAL = /^\p{Lu}$/u;
const INITIALS = /^(?:\p{L}\.)+\p{L}$/u;
/** Below this code point no character is written without spaces (CJK starts at U+2E80). */
const FIRST_UNSPACED = 0x2e80;

export function tokenize(text: string): Tokens {
  const start: number[] = [];
  const end: number[] = [];
  const lower: string[] = [];
  const cjk: number[] = [];
  // Lower-casing the page once is much cheaper than once a word. Where that could differ from
  // lower-casing each word (a length change such as "İ", or Greek capital sigma, whose lower case
  // depends on the letters around it), words are lower-cased one by one.
  const lowered = text.toLowerCase();
  const sameLength = lowered.length === text.length && !text.includes('\u03A3');
  const add = (from: number, to: number, unspaced: boolean): void => {
    start.push(from);
    end.push(to);
    lower.push(sameLength ? lowered.slice(from, to) : text.slice(from, to).toLowerCase());
    cjk.push(unspaced ? 1 : 0);
  };
  // Runs of letters, digits and marks are words; inside a run each character of a script written
  // without spaces is a token of its own ("支持4K人脸": 支, 持, 4K, 人, 脸). ASCII is classified
  // by its code, everything else by Unicode property.
  let runStart = -1;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    let size = 1;
    let word: boolean;
    let unspaced = false;
    if (code < 0x80) {
      word =
        (code >= 0x61 && code <= 0x7a) ||
        (code >= 0x41 && code <= 0x5a) ||
        (code >= 0x30 && code <= 0x39);
    } else {
      const point = text.codePointAt(i)!;
      size = point > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + size);
      word = WORD_CHAR.test(ch);
      unspaced = word && point >= FIRST_UNSPACED && CJK_CHAR.test(ch);
    }
    if (!word || unspaced) {
      if (runStart >= 0) add(runStart, i, false);
      runStart = -1;
      if (unspaced) add(i, i + size, true);
    } else if (runStart < 0) runStart = i;
    i += size;
  }
  if (runStart >= 0) add(runStart, text.length, false);
  return {
    count: start.length,
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    lower,
    cjk: Uint8Array.from(cjk),
  };
}

const BULLET = /^(?:[•▪◦‣●■□◆◇○►▶✓✔·*-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s/u;
const TERMINAL = /[.!?;:,。！？；：，、]$/u;
// Normalising turns the full-width ？ and ！ into ? and !, which end a Chinese sentence without a
// space after them ("問：能判斷情緒嗎？答：不能。").
const SENTENCE_END = /[.!?](?=["')\]]?\s)|[!?](?=\p{Script=Han})|[。！？]/gu;
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'fig',
  'no',
  'nr',
  'approx',
  'incl',
  'max',
  'min',
  'dr',
  'mr',
  'ms',
  'inc',
  'ltd',
  'co',
  'art',
  'sec',
  'para',
  'ca',
  'cf',
  'z.b',
  'bzw',
  'ggf',
  'usw',
  'p',
  'pp',
]);

interface Line {
  start: number;
  end: number;
  text: string;
}

/** Segments of normalised text: one per spec-table row, heading, list item or sentence. */
export function segment(text: string, tokens: Tokens): Segment[] {
  const lines = splitLines(text);
  const spans: { start: number; end: number; kind: SegmentKind }[] = [];
  let block: { start: number; end: number; kind: SegmentKind } | null = null;
  const flush = (): void => {
    if (block === null) return;
    if (block.kind === 'row' || block.kind === 'heading') spans.push(block);
    else
      for (const s of splitSentences(text, block.start, block.end))
        spans.push({ ...s, kind: block.kind });
    block = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.text.trim();
    if (trimmed === '') {
      flush();
      continue;
    }
    const prevLine = lines[i - 1];
    const nextLine = lines[i + 1];
    const kind = lineKind(trimmed, prevLine?.text.trim() ?? '', nextLine?.text.trim() ?? '');
    const continues =
      block !== null && kind === 'sentence' && block.kind !== 'row' && block.kind !== 'heading';
    if (continues && block !== null) {
      block.end = line.end;
    } else {
      flush();
      block = { start: line.start, end: line.end, kind };
    }
    if (trimmed.endsWith(':')) flush();
  }
  flush();

  const segments: Segment[] = [];
  let t = 0;
  for (const span of spans) {
    while (t < tokens.count && tokens.end[t]! <= span.start) t++;
    let u = t;
    while (u < tokens.count && tokens.start[u]! < span.end) u++;
    if (u > t) segments.push({ ...span, firstToken: t, endToken: u });
    t = u;
  }
  return segments;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return lines;
}

function lineKind(line: string, prev: string, next: string): SegmentKind {
  if (line.includes('\t')) return 'row';
  if (BULLET.test(line)) return 'item';
  const startsSection = prev === '' || TERMINAL.test(prev) || prev.includes('\t');
  const nextStartsUpper = STARTS_UPPER.test(next) || BULLET.test(next);
  if (
    startsSection &&
    !TERMINAL.test(line) &&
    nextStartsUpper &&
    STARTS_UPPER.test(line) &&
    // Six words fit in well under 80 characters; only short lines are counted.
    line.length < 80 &&
    wordWeight(line) <= 6
  ) {
    return 'heading';
  }
  return 'sentence';
}

/** Words in a line, counting two characters of an unspaced script as one word. */
function wordWeight(line: string): number {
  let weight = 0;
  const tokens = tokenize(line);
  for (let i = 0; i < tokens.count; i++) weight += tokens.cjk[i] === 1 ? 0.5 : 1;
  return weight;
}

/** An item's continuation lines are part of the item; a sentence ends at . ! ? 。 ！ ？ */
function splitSentences(
  text: string,
  start: number,
  end: number,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const chunk = text.slice(start, end);
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(chunk); m !== null; m = SENTENCE_END.exec(chunk)) {
    const at = m.index;
    if (m[0] === '.' && isAbbreviation(chunk, at)) continue;
    out.push({ start: start + from, end: start + at + 1 });
    from = at + 1;
    while (from < chunk.length && /\s/.test(chunk[from]!)) from++;
  }
  if (from < chunk.length) out.push({ start: start + from, end });
  return out;
}

function isAbbreviation(chunk: string, dot: number): boolean {
  const before = TRAILING_WORD.exec(chunk.slice(Math.max(0, dot - 12), dot));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital ("J. Smith") or a run of initials ("U.S.") rarely ends a sentence.
  return ONE_CAPITAL.test(before[1]!) || INITIALS.test(before[1]!);
}
