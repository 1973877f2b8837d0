// Precision, recall and F1 of a labeller (the engine or the keyword baseline) against the corpus,
// per category and per language, with the category alone or with its polarity.
import { analyseDocument } from '../../shared/analysis/analyse';
import { CATEGORIES, type Category } from '../../shared/model/taxonomy';
import type { CompiledRules } from '../../shared/rules/compile';
import { pagesFromPlainText } from '../../shared/text/page-text';
import { keywordLabels } from './baseline';
import { LANGUAGES, splitOf, type Label, type Passage, type Split } from './corpus';

/** What a labeller says a passage claims. */
export type Labeller = (passage: Passage) => Label[];

export function engineLabeller(rules: CompiledRules): Labeller {
  return (passage) =>
    analyseDocument(pagesFromPlainText(passage.text), rules).findings.map((f) => ({
      category: f.category,
      polarity: f.polarity,
    }));
}

export const baselineLabeller: Labeller = (passage) => keywordLabels(passage.text);

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Figures extends Counts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * How a predicted label counts. `category`: a passage's category is found when any finding has
 * that category, whatever its polarity. `polarity`: the category and the polarity must both match
 * (a denial found as a claim is then a miss and a false alarm).
 */
export type Mode = 'category' | 'polarity';

export interface PassageResult {
  readonly passage: Passage;
  readonly split: Split;
  readonly expected: Label[];
  readonly found: Label[];
}

export function run(passages: readonly Passage[], labeller: Labeller): PassageResult[] {
  return passages.map((passage) => ({
    passage,
    split: splitOf(passage),
    expected: passage.labels,
    found: labeller(passage),
  }));
}

function keys(labels: readonly Label[], mode: Mode): Set<string> {
  return new Set(
    labels.map((l) => (mode === 'category' ? l.category : `${l.category}/${l.polarity}`)),
  );
}

/** Label keys of one passage that were found, missed and wrongly reported. */
export function compare(
  result: PassageResult,
  mode: Mode,
): { hits: string[]; misses: string[]; falseAlarms: string[] } {
  const expected = keys(result.expected, mode);
  const found = keys(result.found, mode);
  return {
    hits: [...expected].filter((k) => found.has(k)),
    misses: [...expected].filter((k) => !found.has(k)),
    falseAlarms: [...found].filter((k) => !expected.has(k)),
  };
}

export function figures(counts: Counts): Figures {
  const { tp, fp, fn } = counts;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

const categoryOf = (key: string): Category => key.split('/')[0] as Category;

/** Counts per category, over the given results. */
export function byCategory(results: readonly PassageResult[], mode: Mode): Map<Category, Figures> {
  const counts = new Map<Category, Counts>(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  for (const result of results) {
    const { hits, misses, falseAlarms } = compare(result, mode);
    for (const k of hits) counts.get(categoryOf(k))!.tp++;
    for (const k of misses) counts.get(categoryOf(k))!.fn++;
    for (const k of falseAlarms) counts.get(categoryOf(k))!.fp++;
  }
  return new Map([...counts].map(([c, n]) => [c, figures(n)]));
}

/** Micro-averaged counts over all categories, per passage language and overall. */
export function byLanguage(results: readonly PassageResult[], mode: Mode): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const language of [...LANGUAGES, 'all']) {
    const subset = results.filter((r) => language === 'all' || r.passage.language === language);
    const total: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const result of subset) {
      const { hits, misses, falseAlarms } = compare(result, mode);
      total.tp += hits.length;
      total.fn += misses.length;
      total.fp += falseAlarms.length;
    }
    out.set(language, figures(total));
  }
  return out;
}

export interface NegativeFigures {
  readonly negatives: number;
  /** Negatives with any finding, denied ones included. */
  readonly flagged: number;
  /** Negatives with a finding that is not a denial: what a buyer's pass/fail check would trip on. */
  readonly flaggedAsClaim: number;
}

export function onNegatives(results: readonly PassageResult[]): NegativeFigures {
  const negatives = results.filter((r) => r.expected.length === 0);
  return {
    negatives: negatives.length,
    flagged: negatives.filter((r) => r.found.length > 0).length,
    flaggedAsClaim: negatives.filter((r) => r.found.some((l) => l.polarity !== 'negated')).length,
  };
}
