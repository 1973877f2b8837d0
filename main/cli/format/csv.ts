// CSV for tender files and spreadsheets: one row per finding, and one row for each document with
// no finding or an error, so every input appears.
import type { AnalysisReport, Finding } from '../../../shared/model/finding';

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

export function formatCsv(report: AnalysisReport): string {
  const rows: string[][] = [[...COLUMNS]];
  for (const doc of report.documents) {
    const base = [doc.path, doc.sha256 ?? '', doc.pages?.toString() ?? '', doc.error ?? ''];
    if (doc.findings.length === 0) rows.push([...base, ...COLUMNS.slice(4).map(() => '')]);
    for (const f of doc.findings) rows.push([...base, ...findingCells(f)]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
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
