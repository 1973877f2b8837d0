// Runs the `match` / `no_match` sentences that rules carry, as Semgrep and YARA run rule tests:
// used by `npm test` and by `claimlens check-rules` for users' own packs.
import { analyseDocument } from '../analysis/analyse';
import type { Polarity } from '../model/finding';
import { pagesFromPlainText } from '../text/page-text';
import type { CompiledRules, LoadedPack } from './compile';

export interface RuleTestCase {
  readonly packId: string;
  readonly ruleId: string;
  readonly text: string;
  readonly expect: 'match' | 'no_match';
  readonly polarity?: Polarity;
}

export function ruleTestCases(packs: readonly LoadedPack[]): RuleTestCase[] {
  return packs.flatMap((pack) =>
    pack.data.rules.flatMap((rule) => [
      ...rule.tests.match.map((test): RuleTestCase => {
        const base = { packId: pack.data.pack.id, ruleId: rule.id, expect: 'match' as const };
        return typeof test === 'string'
          ? { ...base, text: test }
          : { ...base, text: test.text, polarity: test.polarity };
      }),
      ...rule.tests.no_match.map((text): RuleTestCase => ({
        packId: pack.data.pack.id,
        ruleId: rule.id,
        text,
        expect: 'no_match',
      })),
    ]),
  );
}

/** Null when the case passes, otherwise what went wrong in a sentence. */
export function checkRuleTestCase(rules: CompiledRules, test: RuleTestCase): string | null {
  const found = analyseDocument(pagesFromPlainText(test.text), rules).findings.filter(
    (f) => f.ruleId === test.ruleId,
  );
  if (test.expect === 'no_match') {
    return found.length === 0
      ? null
      : `matched "${found.map((f) => f.quote).join('", "')}" but should not`;
  }
  if (found.length === 0) return 'found nothing but should match';
  if (test.polarity !== undefined && !found.some((f) => f.polarity === test.polarity)) {
    return `matched as ${found.map((f) => f.polarity).join(', ')} but should be ${test.polarity}`;
  }
  return null;
}
