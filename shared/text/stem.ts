// Word stems from `natural`'s Porter stemmers, imported one submodule at a time: natural's index
// loads database clients and reads a .env file at import (DESIGN.md, "Analysis pipeline").
import porterDe from 'natural/lib/natural/stemmers/porter_stemmer_de.js';
import porterEs from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';

type StemFn = (word: string) => string;

const STEMMERS: Record<string, { stem: StemFn }> = {
  en: porterEn,
  de: porterDe,
  fr: porterFr,
  es: porterEs,
};

/** Past this many cached words per language the cache starts again, to bound memory. */
const CACHE_LIMIT = 200_000;

interface Stemmer {
  readonly stem: StemFn;
  readonly cache: Map<string, string>;
}

/** Stemmers by the language code as written (en, zh-Hant, ...), so a lookup needs no parsing. */
const stemmers = new Map<string, Stemmer | null>();

function stemmerFor(language: string): Stemmer | null {
  let stemmer = stemmers.get(language);
  if (stemmer === undefined) {
    const found = STEMMERS[baseLanguage(language)];
    stemmer = found ? { stem: found.stem.bind(found), cache: new Map() } : null;
    stemmers.set(language, stemmer);
  }
  return stemmer;
}

/** The languages words can be stemmed in; others match exactly. */
export function hasStemmer(language: string): boolean {
  return Object.hasOwn(STEMMERS, baseLanguage(language));
}

export function baseLanguage(language: string): string {
  return language.split('-')[0]!.toLowerCase();
}

/** The stem of a lower-case word in a language with a stemmer. */
export function stem(language: string, word: string): string {
  const stemmer = stemmerFor(language);
  if (stemmer === null) return word;
  let result = stemmer.cache.get(word);
  if (result === undefined) {
    result = stemmer.stem(word);
    if (stemmer.cache.size >= CACHE_LIMIT) stemmer.cache.clear();
    stemmer.cache.set(word, result);
  }
  return result;
}
