// Every bundled rule pack loads, covers the taxonomy, and every rule's own `match` / `no_match`
// sentences behave as the rule says.
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../shared/model/taxonomy';
import { compileRules } from '../../shared/rules/compile';
import { checkRuleTestCase, ruleTestCases } from '../../shared/rules/self-test';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';

const packs = loadPacks([bundledRulesDir()]);
const rules = compileRules(packs);

describe('bundled rule packs', () => {
  it('cover every category of the taxonomy', () => {
    const covered = new Set(rules.rules.map((r) => r.category));
    expect(CATEGORIES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('give every rule at least one match and one no_match sentence', () => {
    const untested = packs.flatMap((p) =>
      p.data.rules
        .filter((r) => r.tests.match.length === 0 || r.tests.no_match.length === 0)
        .map((r) => r.id),
    );
    expect(untested).toEqual([]);
  });
});

const cases = ruleTestCases(packs).map((c) => [`${c.ruleId} ${c.expect}: ${c.text}`, c] as const);

it.each(cases)('%s', (_name, testCase) => {
  expect(checkRuleTestCase(rules, testCase)).toBeNull();
});
