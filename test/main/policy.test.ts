// Procurement verdicts (`claimlens analyse --policy`): the bundled policies load and name only
// rules and vendors the packs have, a broken policy is reported at its line, and real documents
// (the sample brochure, plain-text datasheets) get PASS or FAIL with the right reasons, in every
// output format, with the documented exit codes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnalysisReport, type DocumentResult } from '../../shared/model/finding';
import { JudgedDocument, type Verdict } from '../../shared/policy/evaluate';
import { checkPolicyAgainstPacks, loadPolicy, ruleIdMatcher } from '../../shared/policy/load';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');
const SAMPLE = 'resources/samples/sentinel-vision-brochure.pdf';
const POLICIES = ['eu-ai-act', 'us-ndaa-889', 'uk-public-sector'];

const JudgedReport = AnalysisReport.extend({ documents: z.array(JudgedDocument) });

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'claimlens-policy-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Plain-text datasheets, one situation each.
const CLEAN = file(
  'clean.txt',
  'The camera records 4K video at 30 frames per second and supports ONVIF Profile S.\n',
);
const DENIALS = file(
  'denials.txt',
  'The camera contains no Hikvision or Dahua components. It does not support ethnicity detection.\n',
);
const MIXED = file(
  'mixed.txt',
  'The DS-2CD2143G2-I is a 4 MP dome camera.\n' +
    'Ethnicity detection is planned for a future firmware release.\n' +
    'Optional licence: emotion recognition for classrooms, to measure student attention and mood.\n',
);
const REVIEW_ONLY = file(
  'review-only.txt',
  'Built on the LTS Platinum series.\nPowered by a Hi3559A system-on-chip.\n',
);

describe('bundled policies', () => {
  const packs = loadPacks([bundledRulesDir()]);
  it.each(POLICIES)('%s loads and names only rules and vendors the packs have', (id) => {
    const path = join(root, 'resources', 'policies', `${id}.yaml`);
    const text = readFileSync(path, 'utf8');
    const result = loadPolicy(text, path, 'x');
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.policy.data.policy.id).toBe(id);
    expect(checkPolicyAgainstPacks(text, result.policy, packs)).toEqual([]);
  });

  it('matches rule ids exactly, with * for any characters', () => {
    expect(ruleIdMatcher('face.scraping')('face.scraping')).toBe(true);
    expect(ruleIdMatcher('face.scraping')('face.scraping-zh')).toBe(false);
    expect(ruleIdMatcher('*.china-storage')('de.china-storage')).toBe(true);
    expect(ruleIdMatcher('*.china-storage')('cloud.china-storage-x')).toBe(false);
    expect(ruleIdMatcher('vendor.*')('vendor.dahua')).toBe(true);
  });
});

describe('a broken policy file', () => {
  const broken = [
    'policy:',
    '  id: my-policy',
    '  name: Mine',
    '  version: 1.0.0',
    'clauses:',
    '  - id: no-face',
    '    title: No face recognition',
    '    references: [Our tender rules, section 4]',
    '    when:',
    '      categories: [face_recognitoin]',
    '  - id: no-ref',
    '    title: Clause without a reference',
    '    references: []',
    '    when: { rules: [face.recognition] }',
    '  - id: empty-when',
    '    title: Matches nothing',
    '    references: [x]',
    '    when: { min_severity: high }',
    '',
  ].join('\n');

  it('is reported with file, line, column and reason for each problem', () => {
    const result = loadPolicy(broken, 'mine.yaml', 'x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^mine\.yaml:10:20: clauses\[0\] \(no-face\) > when > categories\[0\]: is not valid; use one of ethnicity_race, /,
      ),
    );
    expect(lines).toContainEqual(
      'mine.yaml:13:17: clauses[1] (no-ref) > references: needs the legal or policy reference it rests on',
    );
    expect(lines).toContainEqual(
      'mine.yaml:18:11: clauses[2] (empty-when) > when: needs at least one of categories, rules or vendors',
    );
  });

  it('naming a rule or vendor that no pack has is reported at its line', () => {
    const text = [
      'policy: { id: typo, name: Typo, version: 1.0.0 }',
      'clauses:',
      '  - id: c1',
      '    title: Typo in a rule id',
      '    references: [x]',
      '    when:',
      '      rules: [face.recogniton]',
      '      vendors: [Hikvison]',
      '',
    ].join('\n');
    const result = loadPolicy(text, 'typo.yaml', 'x');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const problems = checkPolicyAgainstPacks(text, result.policy, loadPacks([bundledRulesDir()]));
    expect(problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '7:15: clauses[0] (c1) > when > rules[0]: "face.recogniton" matches no rule in the loaded rule packs; check the id, or add its pack with --rules',
      expect.stringMatching(
        /^8:17: clauses\[0\] \(c1\) > when > vendors\[0\]: no rule in the loaded rule packs reports the vendor "Hikvison" \(known: Dahua, Hikvision, /,
      ),
    ]);
  });

  it('stops the CLI with exit 2 and the problems in plain words', () => {
    const path = file('broken-policy.yaml', broken);
    const run = claimlens(['analyse', CLEAN, '--policy', path, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('claimlens: a policy has problems:');
    expect(run.stderr).toMatch(/broken-policy\.yaml:13:17: clauses\[1\] \(no-ref\) > references/);
    expect(run.stdout).toBe('');
  });

  it('an unknown policy name is a usage error that lists the bundled ones', () => {
    const run = claimlens(['analyse', CLEAN, '--policy', 'eu-ai-akt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--policy "eu-ai-akt" is neither a bundled policy (eu-ai-act, uk-public-sector, us-ndaa-889) nor a policy file that exists.',
    );
  });
});

describe('verdicts on real documents', () => {
  let report: z.infer<typeof JudgedReport>;
  let code: number | null;

  beforeAll(() => {
    const run = claimlens([
      'analyse',
      SAMPLE,
      CLEAN,
      DENIALS,
      MIXED,
      REVIEW_ONLY,
      ...POLICIES.flatMap((p) => ['--policy', p]),
      '--format',
      'json',
    ]);
    code = run.code;
    report = JudgedReport.parse(JSON.parse(run.stdout));
  });

  const verdict = (path: string, policy: string): Verdict => {
    const doc = report.documents.find((d) => d.path.endsWith(path.replace(root + '/', '')));
    expect(doc, `${path} in the output`).toBeDefined();
    const v = doc!.verdicts.find((x) => x.policy === policy);
    expect(v, `${policy} verdict for ${path}`).toBeDefined();
    return v!;
  };
  const reasonKeys = (v: Verdict, which: 'reasons' | 'review' = 'reasons'): string[] =>
    v[which].map((r) => `${r.clause} p.${r.page} ${r.ruleId} ${r.polarity}: ${r.quote}`);

  it('exits 1 because a document FAILs', () => {
    expect(code).toBe(1);
  });

  it('every document has one verdict per policy, in the order given, with the policy hash', () => {
    for (const doc of report.documents) {
      expect(doc.verdicts.map((v) => v.policy)).toEqual(POLICIES);
      for (const v of doc.verdicts) {
        const bytes = readFileSync(join(root, 'resources', 'policies', `${v.policy}.yaml`));
        expect(v.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
    }
  });

  it('the sample brochure fails the EU AI Act under Art. 5(1)(g) and (f), with page and quote', () => {
    const v = verdict(SAMPLE, 'eu-ai-act');
    expect(v.verdict).toBe('FAIL');
    const keys = reasonKeys(v);
    expect(keys).toContain(
      'art5-1-g p.2 ethnicity.inference asserted: classify race and ethnicity',
    );
    expect(keys).toContain(
      // "With the optional SV-Insight Pro licence, ...": the opening phrase makes the whole
      // sentence's emotion recognition an option, and an option fails the policy too.
      'art5-1-f p.2 emotion.workplace-education optional: measure the mood of customers and staff',
    );
    const g = v.reasons.find((r) => r.clause === 'art5-1-g')!;
    expect(g.references[0]!.title).toBe('EU AI Act (Regulation (EU) 2024/1689), Article 5(1)(g)');
    // The denied "does not support ethnicity detection" is not a reason.
    expect(keys.filter((k) => k.includes('ethnicity detection'))).toEqual([]);
    // High-risk biometrics are for review, not failure; the planned gait feature is among them.
    expect(reasonKeys(v, 'review')).toContain(
      'annex-iii-1a p.3 gait.recognition roadmap: Gait recognition',
    );
    expect(v.review.every((r) => r.effect === 'review')).toBe(true);
  });

  it('the sample brochure fails NDAA 889 and the UK policy for naming Hikvision and Dahua', () => {
    for (const policy of ['us-ndaa-889', 'uk-public-sector']) {
      const v = verdict(SAMPLE, policy);
      expect(v.verdict).toBe('FAIL');
      expect(new Set(v.reasons.map((r) => r.vendor))).toEqual(new Set(['Hikvision', 'Dahua']));
      expect(v.reasons.every((r) => r.page === 4)).toBe(true);
    }
  });

  it('a datasheet with no risky claim passes every policy', () => {
    for (const policy of POLICIES) {
      const v = verdict(CLEAN, policy);
      expect(v).toMatchObject({ verdict: 'PASS', reasons: [], review: [], unchecked: [] });
    }
  });

  it('denials pass: no Hikvision or Dahua components, no ethnicity detection', () => {
    for (const policy of POLICIES) expect(verdict(DENIALS, policy).verdict).toBe('PASS');
  });

  it('a model number fails NDAA 889 as such; an option fails, a plan goes to review', () => {
    const ndaa = verdict(MIXED, 'us-ndaa-889');
    expect(ndaa.verdict).toBe('FAIL');
    expect(reasonKeys(ndaa)).toEqual([
      's889-model p.1 vendor.hikvision-model asserted: DS-2CD2143G2-I',
    ]);
    expect(ndaa.reasons[0]!.modelNumber).toBe('DS-2CD2143G2-I');
    const eu = verdict(MIXED, 'eu-ai-act');
    expect(eu.verdict).toBe('FAIL');
    expect(eu.reasons.map((r) => `${r.clause} ${r.polarity}`)).toEqual([
      'art5-1-f optional',
      'art5-1-f optional',
    ]);
    expect(reasonKeys(eu, 'review')).toEqual([
      'art5-1-g p.1 ethnicity.inference roadmap: Ethnicity detection',
    ]);
  });

  it('a reported OEM brand and a HiSilicon part are for review and do not fail', () => {
    for (const policy of ['us-ndaa-889', 'uk-public-sector']) {
      const v = verdict(REVIEW_ONLY, policy);
      expect(v.verdict).toBe('PASS');
      expect(v.review.map((r) => r.ruleId).sort()).toEqual([
        'vendor.hikvision-oem',
        'vendor.hisilicon-part',
      ]);
    }
  });
});

describe('outputs and exit codes', () => {
  it('the table shows PASS or FAIL per policy with clause, reference, page and quote', () => {
    const run = claimlens([
      'analyse',
      MIXED,
      CLEAN,
      '--policy',
      'us-ndaa-889',
      '--format',
      'table',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  FAIL us-ndaa-889 (US NDAA section 889 covered vendors)');
    expect(run.stdout).toContain(
      "    fails s889-model: Model number of a covered manufacturer's equipment",
    );
    expect(run.stdout).toContain('US National Defense Authorization Act for FY2019, section 889');
    expect(run.stdout).toContain(
      '      p.1    vendor.hikvision-model [Hikvision] "DS-2CD2143G2-I"',
    );
    expect(run.stdout).toContain('  PASS us-ndaa-889 (US NDAA section 889 covered vendors)');
    expect(run.stdout).toContain('Verdicts: us-ndaa-889 1 FAIL, 1 PASS.');
  });

  it('CSV gets a verdict and a reason column per policy', () => {
    const run = claimlens(['analyse', MIXED, CLEAN, '--policy', 'us-ndaa-889', '--format', 'csv']);
    expect(run.code).toBe(1);
    const rows = run.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/,model_number,verdict:us-ndaa-889,reason:us-ndaa-889$/);
    const modelRow = rows.find((r) => r.includes('DS-2CD2143G2-I'))!;
    expect(modelRow).toMatch(
      /,FAIL,"fail s889-model: US National Defense Authorization Act for FY2019, section 889/,
    );
    const cleanRow = rows.find((r) => r.includes('clean.txt'))!;
    expect(cleanRow.endsWith(',PASS,')).toBe(true);
  });

  it('JSON Lines documents carry their verdicts as they stream', () => {
    const run = claimlens(['analyse', CLEAN, '--policy', 'eu-ai-act', '--format', 'jsonl']);
    expect(run.code).toBe(0);
    const doc = JudgedDocument.parse(JSON.parse(run.stdout.trim()));
    expect(doc.verdicts.map((v) => `${v.policy} ${v.verdict}`)).toEqual(['eu-ai-act PASS']);
  });

  it('every document passing exits 0; --fail-on still applies next to a policy', () => {
    expect(
      claimlens(['analyse', CLEAN, DENIALS, ...POLICIES.flatMap((p) => ['--policy', p])]).code,
    ).toBe(0);
    // The plan to add ethnicity detection passes NDAA 889, but reaches --fail-on prohibited.
    const run = claimlens([
      'analyse',
      MIXED,
      '--policy',
      'uk-public-sector',
      '--fail-on',
      'prohibited',
    ]);
    expect(run.code).toBe(1);
  });

  it('an unreadable document FAILs (it cannot be checked) and exit 2 wins over 1', () => {
    const run = claimlens([
      'analyse',
      MIXED,
      'test/fixtures/files/corrupt.pdf',
      '--policy',
      'us-ndaa-889',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(2);
    const report = JudgedReport.parse(JSON.parse(run.stdout));
    const corrupt = report.documents.find((d) => d.path.endsWith('corrupt.pdf'))!;
    expect(corrupt.verdicts[0]!.verdict).toBe('FAIL');
    expect(corrupt.verdicts[0]!.reasons).toEqual([]);
    expect(corrupt.verdicts[0]!.unchecked[0]).toMatch(
      /^The document could not be read, so it cannot pass: /,
    );
  });

  it('a user policy file works like a bundled one', () => {
    const path = file(
      'no-cloud.yaml',
      [
        'policy: { id: no-cloud, name: No cloud, version: 1.0.0 }',
        'clauses:',
        '  - id: cloud',
        '    title: Recordings leave the site',
        '    references: [{ title: Our data-protection impact assessment, url: https://example.org/dpia }]',
        '    when: { categories: [data_transfer_cloud] }',
        '',
      ].join('\n'),
    );
    const run = claimlens(['analyse', SAMPLE, CLEAN, '--policy', path, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JudgedReport.parse(JSON.parse(run.stdout));
    const [sample, clean] = report.documents as (DocumentResult & { verdicts: Verdict[] })[];
    expect(sample!.verdicts[0]!.verdict).toBe('FAIL');
    expect(sample!.verdicts[0]!.reasons[0]!.references).toEqual([
      { title: 'Our data-protection impact assessment', url: 'https://example.org/dpia' },
    ]);
    expect(clean!.verdicts[0]!.verdict).toBe('PASS');
  });
});
