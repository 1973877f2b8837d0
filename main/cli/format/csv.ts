// CSV for tender files and spreadsheets: one row per finding, and one row for each document with
// no finding or an error, so every input appears.
import type { AnalysisReport, Finding } from '../../../shared/model/finding';
import type { Verdict, VerdictReason } from '../../../shared/policy/evaluate';

const COLUMNS = [
  'path',
  'sha256',
  'pages',
  'error',
  'page',
  'severity',
  'category',
  'polarity',
  'negated',
  'hedged',
  'confidence',
  'rule_id',
  'title',
  'quote',
  'sentence',
  'start',
  'end',
  'vendor',
  'model_number',
] as const;

/**
 * `verdicts[i]` are document i's procurement verdicts (--policy): each policy adds the columns
 * `verdict:<policy>` (the document's PASS or FAIL, on each of its rows) and `reason:<policy>`
 * (on a finding's row, how it counts: "fail <clause>: <reference>" or "review ...").
 */
export function formatCsv(
  report: AnalysisReport,
  verdicts?: readonly (readonly Verdict[])[],
): string {
  const policies = verdicts?.[0]?.map((v) => v.policy) ?? [];
  const rows: string[][] = [
    [...COLUMNS, ...policies.flatMap((id) => [`verdict:${id}`, `reason:${id}`])],
  ];
  for (const [i, doc] of report.documents.entries()) {
    const base = [doc.path, doc.sha256 ?? '', doc.pages?.toString() ?? '', doc.error ?? ''];
    const judged = verdicts?.[i] ?? [];
    const reasons = judged.map(
      (v) => new Map([...v.reasons, ...v.review].map((r) => [r.findingId, r])),
    );
    const policyCells = (f: Finding | null): string[] =>
      judged.flatMap((v, p) => {
        const r = f === null ? undefined : reasons[p]!.get(f.id);
        return [v.verdict, r ? reasonCell(r) : f === null ? v.unchecked.join(' ') : ''];
      });
    if (doc.findings.length === 0) {
      rows.push([...base, ...COLUMNS.slice(4).map(() => ''), ...policyCells(null)]);
    }
    for (const f of doc.findings) rows.push([...base, ...findingCells(f), ...policyCells(f)]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function reasonCell(r: VerdictReason): string {
  return `${r.effect} ${r.clause}: ${r.references.map((ref) => ref.title).join('; ')}`;
}

function findingCells(f: Finding): string[] {
  return [
    String(f.page),
    f.severity,
    f.category,
    f.polarity,
    String(f.negated),
    String(f.hedged),
    f.confidence.toFixed(2),
    f.ruleId,
    f.title,
    f.quote,
    f.sentence,
    String(f.start),
    String(f.end),
    f.vendor?.name ?? '',
    f.modelNumber ?? '',
  ];
}

/**
 * RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula
 * (document text is untrusted: OWASP "CSV injection").
 */
export function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
