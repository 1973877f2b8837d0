// Vendor identity: covered manufacturers found by name, brand and model-number grammar, with the
// evidence on every finding, and aliases a user adds in their own pack.
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../shared/analysis/analyse';
import { compileRules } from '../../shared/rules/compile';
import { loadRulePack } from '../../shared/rules/load';
import { checkRuleTestCase, ruleTestCases } from '../../shared/rules/self-test';
import { pagesFromPlainText } from '../../shared/text/page-text';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';

const bundled = loadPacks([bundledRulesDir()]);

const USER_PACK = `
pack: { id: my-org.oem, name: Our OEM list, version: 1.0.0 }
rules:
  - id: my-org.acmevision
    title: AcmeVision (Hikvision OEM)
    category: covered_vendor_mention
    explanation: Our audit found that AcmeVision cameras are Hikvision cameras with a new label.
    languages: [en]
    vendor: { name: HIKVISION, evidence: "AcmeVision relabels Hikvision cameras (our 2024 audit)." }
    patterns: ["=acmevision", { regex: '\\bAV-\\d{3}[A-Z]?\\b', model_number: true, case_sensitive: true }]
    tests:
      match: ["AcmeVision bullet camera"]
      no_match: ["Acme vision statement"]
`;

function withUserPack() {
  const user = loadRulePack(USER_PACK, 'my-oem.yaml', 'user');
  if (!user.ok) throw new Error(JSON.stringify(user.problems));
  return { rules: compileRules([...bundled, user.pack]), user: user.pack };
}

describe('vendor identity', () => {
  const rules = compileRules(bundled);
  const vendorsIn = (text: string) =>
    analyseDocument(pagesFromPlainText(text), rules).findings.map((f) => [
      f.vendor?.name,
      f.modelNumber ?? f.quote,
    ]);

  it('names the manufacturer behind brands and model-number grammars, with the evidence', () => {
    expect(
      vendorsIn(
        'HiLook IPC-T240H-MU, EZVIZ CS-C6N-A0-1C2WFR, Imou IPC-A22EP and a Dahua VTO2202F-P intercom.',
      ),
    ).toEqual([
      ['Hikvision', 'HiLook'],
      ['Hikvision', 'IPC-T240H-MU'],
      ['Hikvision', 'EZVIZ'],
      ['Hikvision', 'CS-C6N-A0-1C2WFR'],
      ['Dahua', 'Imou'],
      ['Dahua', 'IPC-A22EP'],
      ['Dahua', 'Dahua'],
      ['Dahua', 'VTO2202F-P'],
    ]);
    const [finding] = analyseDocument(pagesFromPlainText('Model DS-2CD2387G2-LU'), rules).findings;
    expect(finding?.vendor?.evidence).toMatch(/^Hikvision model numbers start DS- or iDS-/);
  });

  it('leaves look-alike model numbers alone', () => {
    expect(
      vendorsIn('DS-100 power supply, microSD up to SD128, NVR301-04LS3, CS-101 course.'),
    ).toEqual([]);
  });
});

describe("a user's pack", () => {
  it('adds a brand alias and a model grammar to an existing vendor', () => {
    const { rules } = withUserPack();
    const { findings, summary } = analyseDocument(
      pagesFromPlainText('AcmeVision AV-200 bullet cameras, recorded on a Hikvision NVR.'),
      rules,
    );
    expect(findings.map((f) => [f.ruleId, f.vendor?.name])).toEqual([
      ['my-org.acmevision', 'Hikvision'],
      ['my-org.acmevision', 'Hikvision'],
      ['vendor.hikvision', 'Hikvision'],
    ]);
    expect(findings[0]?.vendor?.evidence).toBe(
      'AcmeVision relabels Hikvision cameras (our 2024 audit).',
    );
    expect(summary.vendors).toEqual(['Hikvision']);
    expect(summary.modelNumbers).toEqual(['AV-200']);
  });

  it("runs its own test sentences with the bundled packs' cue words", () => {
    const { rules, user } = withUserPack();
    for (const test of ruleTestCases([user])) expect(checkRuleTestCase(rules, test)).toBeNull();
  });
});
