// The regression floors: the F1 per category and language, and the hard negatives flagged, that
// the engine reached on the whole corpus when the rules were last tuned. `npm run eval --
// --write-floors` measures and writes them; corpus-quality.test.ts fails when a figure drops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byCategory, byLanguage, onNegatives, type PassageResult } from './score';

export const FLOORS_FILE = join(import.meta.dirname, 'floors.json');

export interface Floors {
  /** F1 per category, by category alone and with polarity. */
  readonly category: Record<string, { readonly category: number; readonly polarity: number }>;
  /** Micro-averaged F1 per language, likewise. */
  readonly language: Record<string, { readonly category: number; readonly polarity: number }>;
  /** At most this many hard negatives may have any finding. */
  readonly negativesFlagged: number;
}

/** Rounded down to three decimals, so a figure equal to the one measured passes. */
const floor3 = (v: number): number => Math.floor(v * 1000) / 1000;

export function measuredFloors(results: readonly PassageResult[]): Floors {
  const pair = (
    category: Map<string, { f1: number }>,
    polarity: Map<string, { f1: number }>,
  ): Record<string, { category: number; polarity: number }> =>
    Object.fromEntries(
      [...category].map(([key, f]) => [
        key,
        { category: floor3(f.f1), polarity: floor3(polarity.get(key)!.f1) },
      ]),
    );
  return {
    category: pair(byCategory(results, 'category'), byCategory(results, 'polarity')),
    language: pair(byLanguage(results, 'category'), byLanguage(results, 'polarity')),
    negativesFlagged: onNegatives(results).flagged,
  };
}

export function readFloors(): Floors {
  return JSON.parse(readFileSync(FLOORS_FILE, 'utf8')) as Floors;
}
