// The language of each segment of a page, so the engine applies the right stemmer and cue words:
// a German sentence is stemmed in German and read with German denials, and a Chinese spec sheet
// with English model numbers in its rows is still Chinese. Written for brochures, not for prose:
// function words, accented letters and word endings decide among English, German, French and
// Spanish; Han characters make Chinese and kana Japanese. A segment with too little to go on takes
// the page's language.
import type { Segment, Tokens } from './segment';

/** Languages told apart in Latin script; the order is the order of their scores. */
const LATIN = ['en', 'de', 'fr', 'es'] as const;
type Latin = (typeof LATIN)[number];

/** Function words (and yes/no) of each language; a word in several lists counts for each. */
const FUNCTION_WORDS: Record<Latin, string> = {
  en: `the and of to in is are was were with for on by from this that these it its be been can
    not or at as an our your which does do has have will all each every their when only into
    than more also yes no up per may must should supports support`,
  de: `der die das und ist sind mit von für auf nicht ein eine einer einen eines den dem des im
    zu zur zum wird werden wurde sich auch oder bei aus nach kann können keine kein keinen über
    durch wie alle sie wir ihre ihr ihren ja nein unterstützt erkennt bis sowie dank weder noch
    nur in an am um vom beim`,
  fr: `le la les de des du et est un une en pour avec dans par sur au aux ne pas sont qui que
    ce cette ces ses son sa nos notre vos votre peut plus être aucun aucune oui non l d n qu
    jusqu grâce selon lors`,
  es: `el la los las de del y es un una en para con por que se no al su sus como más está están
    sin sobre cada este esta estos nuestro nuestra nuestros puede pueden también o ni sí hasta
    mediante entre`,
};

/** Word endings typical of one language (German compounds, Romance nouns), worth half a word. */
const ENDINGS: Record<Latin, readonly string[]> = {
  en: ['ing', 'tion', 'ness', 'ity'],
  de: ['ung', 'ungen', 'keit', 'heit', 'lich', 'isch', 'ische', 'ischen', 'chen', 'zeichen'],
  fr: ['eur', 'eux', 'ées', 'ée', 'aux', 'tion', 'ique'],
  es: ['ción', 'ciones', 'sión', 'dad', 'miento', 'mientos', 'ado', 'ada', 'ías'],
};

/** Letters that (almost) only one of the four languages uses. */
const LETTERS: Record<string, Latin> = {
  ä: 'de',
  ö: 'de',
  ü: 'de',
  ß: 'de',
  è: 'fr',
  ê: 'fr',
  à: 'fr',
  ç: 'fr',
  ù: 'fr',
  û: 'fr',
  î: 'fr',
  ô: 'fr',
  œ: 'fr',
  ë: 'fr',
  ï: 'fr',
  ñ: 'es',
  á: 'es',
  í: 'es',
  ó: 'es',
  ú: 'es',
};

/**
 * A bit for each language the engine tells apart, for masks of the languages active on a token:
 * a rule or a stem for one language applies only where its bit is set.
 */
const BITS: Readonly<Record<string, number>> = { en: 1, de: 2, fr: 4, es: 8, zh: 16, ja: 32 };
/** Every language at once: text whose language is not known is read in all of them. */
export const ALL_LANGUAGES = 63;

/** The bit of a language (zh-Hant counts as zh); a language the engine cannot tell gets them all. */
export function languageBit(language: string): number {
  return BITS[language.split('-')[0]!.toLowerCase()] ?? ALL_LANGUAGES;
}

const WORD_LANGUAGES = new Map<string, number>();
for (const [index, language] of LATIN.entries()) {
  for (const word of FUNCTION_WORDS[language].split(/\s+/u).filter(Boolean)) {
    WORD_LANGUAGES.set(word, (WORD_LANGUAGES.get(word) ?? 0) | (1 << index));
  }
}

/**
 * A segment needs this much evidence (function words count 1), and more than any other language,
 * to have a language of its own: two function words decide at once, one with the letters and
 * endings of its words ("AS" in a model number is no English).
 */
const CLEAR_SCORE = 2;
const MIN_SCORE = 1;

export interface PageLanguages {
  /** The page's language, from all its segments: "en", "de", "fr", "es", "zh", "ja" or "und". */
  readonly page: string;
  /** Each segment's language; a segment with too little evidence takes the page's. */
  readonly segments: readonly string[];
}

/** Scores of one run of tokens: a score per Latin language, and its Han and kana characters. */
interface Evidence {
  readonly scores: Float64Array;
  han: number;
  kana: number;
  /** Latin-script words of two letters or more not starting with a digit. */
  words: number;
}

/** Function words and unspaced characters in tokens [from, to): one lookup a token. */
function gather(tokens: Tokens, from: number, to: number, into: Evidence): void {
  const { lower, cjk } = tokens;
  for (let t = from; t < to; t++) {
    const word = lower[t]!;
    if (cjk[t] === 1) {
      const code = word.charCodeAt(0);
      if (code >= 0x3040 && code <= 0x30ff) into.kana++;
      else into.han++;
      continue;
    }
    const mask = WORD_LANGUAGES.get(word);
    if (mask !== undefined) {
      for (let l = 0; l < LATIN.length; l++) if (mask & (1 << l)) into.scores[l]! += 1;
    }
    const first = word.charCodeAt(0);
    if (word.length >= 2 && !(first >= 0x30 && first <= 0x39)) into.words++;
  }
}

/**
 * Distinctive letters (ä, ç, ñ ...) and word endings, for runs with too few function words to
 * decide (spec-table rows, headings); most sentences never need them.
 */
function gatherDetails(tokens: Tokens, from: number, to: number, into: Evidence): void {
  for (let t = from; t < to; t++) {
    const word = tokens.lower[t]!;
    if (tokens.cjk[t] === 1 || word.length < 2) continue;
    for (let k = 0; k < word.length; k++) {
      if (word.charCodeAt(k) < 0xc0) continue;
      const letter = LETTERS[word[k]!];
      if (letter !== undefined) {
        into.scores[LATIN.indexOf(letter)]! += 1;
        break;
      }
    }
    if (word.length < 5) continue;
    for (let l = 0; l < LATIN.length; l++) {
      if (ENDINGS[LATIN[l]!].some((e) => word.endsWith(e))) into.scores[l]! += 0.5;
    }
  }
}

/** The language the evidence points to, or null when there is too little of it. */
function decide(evidence: Evidence, minScore = MIN_SCORE): string | null {
  // Two Han characters make about one word; Chinese wins over the Latin words around it unless
  // they clearly outnumber it (a Chinese row with an English model number stays Chinese).
  const unspaced = (evidence.han + evidence.kana) / 2;
  if (unspaced >= 1 && unspaced >= evidence.words / 2) return evidence.kana > 0 ? 'ja' : 'zh';
  let best = -1;
  let second = 0;
  for (let l = 0; l < LATIN.length; l++) {
    const score = evidence.scores[l]!;
    if (best < 0 || score > evidence.scores[best]!) {
      if (best >= 0) second = Math.max(second, evidence.scores[best]!);
      best = l;
    } else second = Math.max(second, score);
  }
  const top = evidence.scores[best]!;
  return top >= minScore && top > second ? LATIN[best]! : null;
}

const empty = (): Evidence => ({
  scores: new Float64Array(LATIN.length),
  han: 0,
  kana: 0,
  words: 0,
});

export function detectLanguages(tokens: Tokens, segments: readonly Segment[]): PageLanguages {
  const page = empty();
  const own = segments.map((seg) => {
    const evidence = empty();
    gather(tokens, seg.firstToken, seg.endToken, evidence);
    let language = decide(evidence, CLEAR_SCORE);
    if (language === null) {
      gatherDetails(tokens, seg.firstToken, seg.endToken, evidence);
      language = decide(evidence);
    }
    for (let l = 0; l < LATIN.length; l++) page.scores[l]! += evidence.scores[l]!;
    page.han += evidence.han;
    page.kana += evidence.kana;
    page.words += evidence.words;
    return language;
  });
  const pageLanguage = decide(page) ?? 'und';
  return { page: pageLanguage, segments: own.map((l) => l ?? pageLanguage) };
}

/** The language of a piece of text on its own, as for a one-segment page. */
export function detectLanguage(tokens: Tokens): string {
  const evidence = empty();
  gather(tokens, 0, tokens.count, evidence);
  const language = decide(evidence, CLEAR_SCORE);
  if (language !== null) return language;
  gatherDetails(tokens, 0, tokens.count, evidence);
  return decide(evidence) ?? 'und';
}
