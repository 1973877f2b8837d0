// The regression guard: the engine on the labelled corpus must stay at or above the F1 it reached
// when the rules were last tuned (test/eval/floors.json, written by `npm run eval --
// --write-floors` from measured figures), per category and per language, and flag no more hard
// negatives than it did.
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../shared/rules/compile';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';
import { loadCorpus } from './corpus';
import { measuredFloors, readFloors } from './floors';
import { engineLabeller, run } from './score';

const measured = measuredFloors(
  run(loadCorpus(), engineLabeller(compileRules(loadPacks([bundledRulesDir()])))),
);
const floors = readFloors();

describe('detection quality on the labelled corpus', () => {
  it.each(Object.entries(floors.category))('%s keeps its F1', (category, floor) => {
    expect(measured.category[category]).toBeDefined();
    expect(measured.category[category]!.category).toBeGreaterThanOrEqual(floor.category);
    expect(measured.category[category]!.polarity).toBeGreaterThanOrEqual(floor.polarity);
  });

  it.each(Object.entries(floors.language))('%s text keeps its F1', (language, floor) => {
    expect(measured.language[language]!.category).toBeGreaterThanOrEqual(floor.category);
    expect(measured.language[language]!.polarity).toBeGreaterThanOrEqual(floor.polarity);
  });

  it('flags no more hard negatives', () => {
    expect(measured.negativesFlagged).toBeLessThanOrEqual(floors.negativesFlagged);
  });
});
