// The phrase language of rule packs, parsed into slots, and matched token by token.
import { ALL_LANGUAGES, languageBit } from '../text/language';
import { hasStemmer, stem } from '../text/stem';
import { tokenize, type Tokens } from '../text/segment';

/** One token test: exact word, stem in a language, or prefix. */
export type Atom =
  | { readonly kind: 'exact'; readonly word: string }
  | {
      readonly kind: 'stem';
      readonly language: string;
      /** The language's bit: a stem matches only where its language is active. */
      readonly bit: number;
      readonly stem: string;
    }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** The one-word alternatives of a slot, as sets: one lookup tests them all. */
export interface WordSet {
  readonly exact: ReadonlySet<string>;
  /** Stems by language. */
  readonly stems: readonly StemSet[];
  readonly prefixes: PrefixMap<string>;
}

/** The stems one word may have in one language. */
export interface StemSet {
  readonly language: string;
  readonly bit: number;
  readonly stems: ReadonlySet<string>;
}

/**
 * Values keyed by word prefixes (two letters or more), bucketed by their first two letters so a
 * word is compared only with the prefixes that can start it.
 */
export class PrefixMap<V> {
  /** Keyed by the first two UTF-16 units as one number: no substring to build a lookup. */
  private readonly buckets = new Map<number, { prefix: string; value: V }[]>();

  private static key(word: string): number {
    return word.charCodeAt(0) * 0x10000 + word.charCodeAt(1);
  }

  add(prefix: string, value: V): void {
    const key = PrefixMap.key(prefix);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ prefix, value });
    else this.buckets.set(key, [{ prefix, value }]);
  }

  visit(word: string, visit: (value: V) => void): void {
    if (word.length < 2) return;
    const bucket = this.buckets.get(PrefixMap.key(word));
    if (bucket === undefined) return;
    for (const { prefix, value } of bucket) if (word.startsWith(prefix)) visit(value);
  }

  matches(word: string): boolean {
    if (word.length < 2) return false;
    const bucket = this.buckets.get(PrefixMap.key(word));
    if (bucket === undefined) return false;
    for (const { prefix } of bucket) if (word.startsWith(prefix)) return true;
    return false;
  }
}

/**
 * A slot is a set of alternatives, each a short run of atoms, or a gap of up to `max` words.
 * `single` holds the one-atom alternatives as sets and `multi` the others, for fast matching.
 */
export type Slot =
  | {
      readonly kind: 'words';
      readonly alternatives: readonly (readonly Atom[])[];
      readonly single: WordSet;
      readonly multi: readonly (readonly Atom[])[];
    }
  | { readonly kind: 'gap'; readonly max: number };

export class PatternSyntaxError extends Error {}

const MAX_GAP = 10;

/**
 * Parses "identif* ~3 ethnic*|race|=racial" into slots. `language` sets how plain words are
 * stemmed; null (cue lists) makes every plain word exact.
 */
export function parsePhrase(text: string, language: string | null): Slot[] {
  const slots: Slot[] = [];
  for (const term of text.trim().split(/\s+/u)) {
    const gap = /^~(\d+)$/u.exec(term);
    if (gap) {
      const max = Number(gap[1]);
      if (max < 1 || max > MAX_GAP) {
        throw new PatternSyntaxError(`the gap "${term}" must be between ~1 and ~${MAX_GAP}`);
      }
      slots.push({ kind: 'gap', max });
      continue;
    }
    const alternatives = term.split('|').map((alt) => parseAlternative(alt, term, language));
    slots.push({
      kind: 'words',
      alternatives,
      single: wordSet(alternatives.filter((a) => a.length === 1).map((a) => a[0]!)),
      multi: alternatives.filter((a) => a.length > 1),
    });
  }
  if (slots.length === 0) throw new PatternSyntaxError('the phrase has no words');
  if (slots[0]!.kind === 'gap' || slots[slots.length - 1]!.kind === 'gap') {
    throw new PatternSyntaxError('a phrase cannot start or end with a gap (~N)');
  }
  return slots;
}

function wordSet(atoms: readonly Atom[]): WordSet {
  const exact = new Set<string>();
  const stems = new Map<string, { language: string; bit: number; stems: Set<string> }>();
  const prefixes = new PrefixMap<string>();
  for (const atom of atoms) {
    if (atom.kind === 'exact') exact.add(atom.word);
    else if (atom.kind === 'prefix') prefixes.add(atom.prefix, atom.prefix);
    else {
      let set = stems.get(atom.language);
      if (set === undefined) {
        set = { language: atom.language, bit: atom.bit, stems: new Set() };
        stems.set(atom.language, set);
      }
      set.stems.add(atom.stem);
    }
  }
  return { exact, stems: [...stems.values()], prefixes };
}

function parseAlternative(raw: string, term: string, language: string | null): Atom[] {
  let text = raw;
  const exact = text.startsWith('=');
  if (exact) text = text.slice(1);
  const prefix = text.endsWith('*');
  if (prefix) text = text.slice(0, -1);
  if (text.includes('*') || text.includes('=')) {
    throw new PatternSyntaxError(`"${term}": "*" may only end a word and "=" only start one`);
  }
  const tokens = tokenize(text);
  if (tokens.count === 0) {
    throw new PatternSyntaxError(`"${term}" has an alternative with no letters or digits`);
  }
  const stemming = !exact && language !== null && hasStemmer(language);
  return tokens.lower.map((word, i): Atom => {
    if (tokens.cjk[i] === 1) return { kind: 'exact', word };
    if (prefix && i === tokens.count - 1) {
      if (word.length < 2)
        throw new PatternSyntaxError(`the prefix "${raw}" is too short to be useful`);
      return { kind: 'prefix', prefix: word };
    }
    if (stemming) {
      return { kind: 'stem', language, bit: languageBit(language), stem: stem(language, word) };
    }
    return { kind: 'exact', word };
  });
}

/**
 * Tokens of one page, with stems computed once per token and language, when first asked for.
 * `languages` holds, for each token, the bits of the stemming languages active there (see
 * `languageBit`): a German stem is only computed and compared inside German text. Without it,
 * every language is active everywhere.
 */
export class TokenView {
  private readonly stems = new Map<string, (string | undefined)[]>();
  /** The cache of the language asked for last: most lookups in a row are in one language. */
  private lastLanguage = '';
  private lastStems: (string | undefined)[] = [];

  constructor(
    readonly tokens: Tokens,
    readonly languages?: Uint8Array,
  ) {}

  /** True when words at token `index` are stemmed in the language with bit `bit`. */
  active(index: number, bit: number): boolean {
    return ((this.languages?.[index] ?? ALL_LANGUAGES) & bit) !== 0;
  }

  stemOf(index: number, language: string): string {
    let cache = this.lastStems;
    if (language !== this.lastLanguage) {
      let found = this.stems.get(language);
      if (found === undefined) {
        found = new Array<string | undefined>(this.tokens.count);
        this.stems.set(language, found);
      }
      cache = this.lastStems = found;
      this.lastLanguage = language;
    }
    let s = cache[index];
    if (s === undefined) {
      const word = this.tokens.lower[index]!;
      s = this.tokens.cjk[index] === 1 ? word : stem(language, word);
      cache[index] = s;
    }
    return s;
  }

  inSet(set: WordSet, index: number): boolean {
    const word = this.tokens.lower[index]!;
    if (set.exact.has(word)) return true;
    for (const { language, bit, stems } of set.stems)
      if (this.active(index, bit) && stems.has(this.stemOf(index, language))) return true;
    return set.prefixes.matches(word);
  }

  atomMatches(atom: Atom, index: number): boolean {
    const word = this.tokens.lower[index]!;
    switch (atom.kind) {
      case 'exact':
        return word === atom.word;
      case 'prefix':
        return word.startsWith(atom.prefix);
      case 'stem':
        return this.active(index, atom.bit) && this.stemOf(index, atom.language) === atom.stem;
    }
  }
}

/**
 * Matches `slots` starting exactly at token `at`, never reaching token `limit`. Returns the token
 * after the match, or -1. Gaps take as few words as they can.
 */
export function matchSlots(
  view: TokenView,
  slots: readonly Slot[],
  at: number,
  limit: number,
): number {
  return matchFrom(view, slots, 0, at, limit);
}

function matchFrom(
  view: TokenView,
  slots: readonly Slot[],
  slotIndex: number,
  at: number,
  limit: number,
): number {
  if (slotIndex === slots.length) return at;
  const slot = slots[slotIndex]!;
  if (slot.kind === 'gap') {
    for (let skip = 0; skip <= slot.max && at + skip < limit; skip++) {
      const end = matchFrom(view, slots, slotIndex + 1, at + skip, limit);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (at < limit && view.inSet(slot.single, at)) {
    const end = matchFrom(view, slots, slotIndex + 1, at + 1, limit);
    if (end >= 0) return end;
  }
  for (const alternative of slot.multi) {
    const after = matchRun(view, alternative, at, limit);
    if (after >= 0) {
      const end = matchFrom(view, slots, slotIndex + 1, after, limit);
      if (end >= 0) return end;
    }
  }
  return -1;
}

function matchRun(view: TokenView, atoms: readonly Atom[], at: number, limit: number): number {
  if (at + atoms.length > limit) return -1;
  for (let k = 0; k < atoms.length; k++) {
    if (!view.atomMatches(atoms[k]!, at + k)) return -1;
  }
  return at + atoms.length;
}

/** Every match of `slots` in tokens [from, limit), leftmost first, not overlapping. */
export function findAll(
  view: TokenView,
  slots: readonly Slot[],
  from: number,
  limit: number,
): [number, number][] {
  const found: [number, number][] = [];
  const only = slots.length === 1 ? slots[0]! : undefined;
  if (only?.kind === 'words' && only.multi.length === 0) {
    // One word from a set (most proximity parts): a set lookup a token, no matching machinery.
    for (let t = Math.max(0, from); t < limit; t++)
      if (view.inSet(only.single, t)) found.push([t, t + 1]);
    return found;
  }
  for (let t = from; t < limit; t++) {
    const end = matchSlots(view, slots, t, limit);
    if (end > t) {
      found.push([t, end]);
      t = end - 1;
    }
  }
  return found;
}
