// Procurement verdicts in the readable table: per document and policy, PASS or FAIL, then the
// reasons grouped by clause (reference, page, rule and quote) and what to review.
import type { Verdict, VerdictReason } from '../../../shared/policy/evaluate';

/** Findings shown per clause; the JSON and CSV outputs carry every one. */
const SHOWN = 5;

export type Paint = (code: string, text: string) => string;

export function verdictLines(verdicts: readonly Verdict[], paint: Paint): string[] {
  const out: string[] = [];
  for (const v of verdicts) {
    const outcome =
      v.verdict === 'PASS' ? paint('\x1b[1;32m', 'PASS') : paint('\x1b[1;97;41m', 'FAIL');
    out.push(`  ${outcome} ${paint('\x1b[1m', v.policy)} (${v.name})`);
    for (const line of v.unchecked) out.push(`    ${paint('\x1b[33m', 'not checked:')} ${line}`);
    out.push(...clauseLines(v.reasons, 'fails', paint));
    out.push(...clauseLines(v.review, 'review', paint));
    if (v.verdict === 'PASS' && v.review.length === 0 && v.unchecked.length === 0) {
      out.push('    no finding falls under this policy');
    }
  }
  return out;
}

function clauseLines(reasons: readonly VerdictReason[], label: string, paint: Paint): string[] {
  const byClause = new Map<string, VerdictReason[]>();
  for (const r of reasons) byClause.set(r.clause, [...(byClause.get(r.clause) ?? []), r]);
  const out: string[] = [];
  for (const [clause, list] of byClause) {
    const first = list[0]!;
    const tag = label === 'fails' ? paint('\x1b[1;31m', label) : paint('\x1b[33m', label);
    out.push(`    ${tag} ${clause}: ${first.title}`);
    for (const ref of first.references) out.push(`      ${paint('\x1b[2m', ref.title)}`);
    for (const r of list.slice(0, SHOWN)) {
      const how = r.polarity === 'asserted' ? '' : ` (${r.polarity.replace('_', '-')})`;
      const vendor = r.vendor !== undefined ? ` [${r.vendor}]` : '';
      out.push(`      p.${String(r.page).padEnd(4)} ${r.ruleId}${vendor}${how} "${r.quote}"`);
    }
    if (list.length > SHOWN) {
      out.push(`      ... and ${list.length - SHOWN} more (every one in --format json or csv)`);
    }
  }
  return out;
}

/** "Verdicts: eu-ai-act 1 FAIL, 2 PASS; us-ndaa-889 3 PASS." for the end of the table. */
export function verdictTotals(perDocument: readonly (readonly Verdict[])[]): string {
  const totals = new Map<string, { pass: number; fail: number }>();
  for (const verdicts of perDocument) {
    for (const v of verdicts) {
      const t = totals.get(v.policy) ?? { pass: 0, fail: 0 };
      if (v.verdict === 'PASS') t.pass++;
      else t.fail++;
      totals.set(v.policy, t);
    }
  }
  const parts = [...totals].map(([id, t]) => `${id} ${t.fail} FAIL, ${t.pass} PASS`);
  return `Verdicts: ${parts.join('; ')}.`;
}
