// Every bundled rule pack loads, and every rule's own `match` / `no_match` sentences behave as
// the rule says (the way Semgrep and YARA run rule tests).
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../shared/analysis/analyse';
import { compileRules } from '../../shared/rules/compile';
import { pagesFromPlainText } from '../../shared/text/page-text';
import { CATEGORIES } from '../../shared/model/taxonomy';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';

const packs = loadPacks([bundledRulesDir()]);
const rules = compileRules(packs);

function findingsFor(text: string, ruleId: string) {
  return analyseDocument(pagesFromPlainText(text), rules).findings.filter((f) => f.ruleId === ruleId);
}

describe('bundled rule packs', () => {
  it('cover every category of the taxonomy', () => {
    const covered = new Set(rules.rules.map((r) => r.category));
    expect(CATEGORIES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('give every rule at least one match and one no_match sentence', () => {
    const untested = packs.flatMap((p) =>
      p.data.rules.filter((r) => r.tests.match.length === 0 || r.tests.no_match.length === 0).map((r) => r.id),
    );
    expect(untested).toEqual([]);
  });
});

for (const pack of packs) {
  for (const rule of pack.data.rules) {
    describe(`${pack.data.pack.id} / ${rule.id}`, () => {
      for (const test of rule.tests.match) {
        const text = typeof test === 'string' ? test : test.text;
        it(`matches: ${text}`, () => {
          const found = findingsFor(text, rule.id);
          expect(found.map((f) => f.quote), 'no finding for this rule').not.toEqual([]);
          if (typeof test !== 'string') expect(found.map((f) => f.polarity)).toContain(test.polarity);
        });
      }
      for (const text of rule.tests.no_match) {
        it(`does not match: ${text}`, () => {
          expect(findingsFor(text, rule.id).map((f) => f.quote)).toEqual([]);
        });
      }
    });
  }
}
