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
const caches = new Map<string, Map<string, string>>();

/** The languages words can be stemmed in; others match exactly. */
export function hasStemmer(language: string): boolean {
  return Object.hasOwn(STEMMERS, baseLanguage(language));
}

export function baseLanguage(language: string): string {
  return language.split('-')[0]!.toLowerCase();
}

/** The stem of a lower-case word in a language with a stemmer. */
export function stem(language: string, word: string): string {
  const lang = baseLanguage(language);
  let cache = caches.get(lang);
  if (cache === undefined) {
    cache = new Map();
    caches.set(lang, cache);
  }
  let result = cache.get(word);
  if (result === undefined) {
    const stemmer = STEMMERS[lang];
    result = stemmer ? stemmer.stem(word) : word;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, result);
  }
  return result;
}
