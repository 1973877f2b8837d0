// Judges a document against a procurement policy: PASS, or FAIL with every finding that fails it
// and the clause and legal reference it fails under. Pure, so the CLI and the app share it.
import { z } from 'zod';
import {
  DocumentResult,
  Polarity,
  Reference,
  type Finding,
  type Reference as ReferenceType,
} from '../model/finding';
import { atOrAbove, Category, Severity } from '../model/taxonomy';
import type { RuleReference } from '../rules/schema';
import { ruleIdMatcher } from './load';
import type { Clause, Effect, LoadedPolicy } from './schema';

export const VerdictReason = z.strictObject({
  /** The policy clause the finding falls under. */
  clause: z.string(),
  title: z.string(),
  effect: z.enum(['fail', 'review']),
  references: z.array(Reference),
  findingId: z.string(),
  ruleId: z.string(),
  category: Category,
  severity: Severity,
  polarity: Polarity,
  page: z.number().int(),
  quote: z.string(),
  vendor: z.string().optional(),
  modelNumber: z.string().optional(),
});
export type VerdictReason = z.infer<typeof VerdictReason>;

export const Verdict = z.strictObject({
  policy: z.string(),
  name: z.string(),
  version: z.string(),
  sha256: z.string(),
  verdict: z.enum(['PASS', 'FAIL']),
  /** Findings that fail the document, each under the first clause that matches it. */
  reasons: z.array(VerdictReason),
  /** Findings a person should look at that do not fail it (roadmap, third party, review clauses). */
  review: z.array(VerdictReason),
  /** What could not be checked: an unreadable document (which fails) or pages without text. */
  unchecked: z.array(z.string()),
});
export type Verdict = z.infer<typeof Verdict>;

/** A document in a report run with --policy: the usual result plus one verdict per policy. */
export const JudgedDocument = DocumentResult.extend({ verdicts: z.array(Verdict) });
export type JudgedDocument = z.infer<typeof JudgedDocument>;

const STRENGTH: Record<Effect, number> = { ignore: 0, review: 1, fail: 2 };

export function judge(doc: DocumentResult, policy: LoadedPolicy): Verdict {
  const reasons: VerdictReason[] = [];
  const review: VerdictReason[] = [];
  const matchers = policy.data.clauses.map((clause) => clauseMatcher(clause));
  for (const finding of doc.findings) {
    // Denials never count: "contains no Hikvision components" is what a buyer wants to read.
    if (finding.polarity === 'negated') continue;
    // The first clause that matches decides, as in a firewall's rule list: a narrow clause
    // (an OEM brand to review) goes before the broad one (every covered vendor fails).
    const index = matchers.findIndex((matches) => matches(finding));
    if (index < 0) continue;
    const clause = policy.data.clauses[index]!;
    const hedge = finding.polarity === 'asserted' ? 'fail' : policy.data.hedged[finding.polarity];
    const effect = weaker(clause.effect, hedge);
    if (effect === 'ignore') continue;
    (effect === 'fail' ? reasons : review).push(reason(finding, clause, effect));
  }
  const unchecked: string[] = [];
  if (doc.error !== null)
    unchecked.push(`The document could not be read, so it cannot pass: ${doc.error}`);
  unchecked.push(...doc.warnings);
  return {
    policy: policy.data.policy.id,
    name: policy.data.policy.name,
    version: policy.data.policy.version,
    sha256: policy.sha256,
    verdict: reasons.length > 0 || doc.error !== null ? 'FAIL' : 'PASS',
    reasons,
    review,
    unchecked,
  };
}

export function judgeAll(doc: DocumentResult, policies: readonly LoadedPolicy[]): JudgedDocument {
  return { ...doc, verdicts: policies.map((p) => judge(doc, p)) };
}

function clauseMatcher(clause: Clause): (finding: Finding) => boolean {
  const { categories, rules, vendors, min_severity: minSeverity, model_number } = clause.when;
  const ruleTests = rules?.map(ruleIdMatcher);
  return (f) =>
    (categories === undefined || categories.includes(f.category)) &&
    (ruleTests === undefined || ruleTests.some((test) => test(f.ruleId))) &&
    (vendors === undefined || (f.vendor !== undefined && vendors.includes(f.vendor.name))) &&
    (minSeverity === undefined || atOrAbove(f.severity, minSeverity)) &&
    (model_number !== true || f.modelNumber !== undefined);
}

function weaker(a: Effect, b: Effect): Effect {
  return STRENGTH[a] <= STRENGTH[b] ? a : b;
}

function reason(f: Finding, clause: Clause, effect: 'fail' | 'review'): VerdictReason {
  return {
    clause: clause.id,
    title: clause.title,
    effect,
    references: clause.references.map(toReference),
    findingId: f.id,
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    polarity: f.polarity,
    page: f.page,
    quote: f.quote,
    ...(f.vendor ? { vendor: f.vendor.name } : {}),
    ...(f.modelNumber !== undefined ? { modelNumber: f.modelNumber } : {}),
  };
}

function toReference(ref: z.infer<typeof RuleReference>): ReferenceType {
  return typeof ref === 'string' ? { title: ref } : ref;
}
