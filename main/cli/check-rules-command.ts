// `claimlens check-rules`: validates rule packs (file, line and reason for each problem) and runs
// every rule's own test sentences, so a pack author sees what their rules do before using them.
import { compileRules, type LoadedPack } from '../../shared/rules/compile';
import { checkRuleTestCase, ruleTestCases } from '../../shared/rules/self-test';

/**
 * Runs the test sentences of `tested`; `packs` (the bundled ones and `tested`) are all loaded,
 * since a user's pack relies on the bundled cue lists for denials and hedges, as in `analyse`.
 */
export function checkRulesCommand(
  packs: readonly LoadedPack[],
  tested: readonly LoadedPack[],
): number {
  const rules = compileRules(packs);
  const cases = ruleTestCases(tested);
  let failures = 0;
  for (const testCase of cases) {
    const problem = checkRuleTestCase(rules, testCase);
    if (problem !== null) {
      failures++;
      process.stdout.write(
        `FAIL ${testCase.packId}/${testCase.ruleId}: "${testCase.text}" ${problem}\n`,
      );
    }
  }
  const ruleCount = tested.reduce((n, p) => n + p.data.rules.length, 0);
  process.stdout.write(
    `${tested.length} pack${tested.length === 1 ? '' : 's'}, ${ruleCount} rule${ruleCount === 1 ? '' : 's'}, ` +
      `${cases.length} test sentences: ${failures === 0 ? 'all pass' : `${failures} failed`}.\n`,
  );
  return failures === 0 ? 0 : 1;
}
