// The readable table: per document, a header with its identity and risk, then one block per
// finding (severity, category, page, how it is stated, the quote, and why it matters).
import type { AnalysisReport, DocumentResult, Finding } from '../../../shared/model/finding';
import { isLowOcrConfidence } from '../../../shared/ocr/ocr-text';
import { CATEGORY_LABELS, type Severity } from '../../../shared/model/taxonomy';
import type { Verdict } from '../../../shared/policy/evaluate';
import { verdictLines, verdictTotals } from './verdicts';

export interface TableStyle {
  readonly width: number;
  readonly colour: boolean;
}

const SEVERITY_COLOUR: Record<Severity, string> = {
  prohibited: '\x1b[1;97;41m',
  high: '\x1b[1;31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
};
const POLARITY_LABEL: Record<Finding['polarity'], string> = {
  asserted: 'claimed',
  negated: 'DENIED',
  optional: 'optional',
  roadmap: 'planned',
  third_party: 'third-party',
};

/** `verdicts[i]` are document i's procurement verdicts, when --policy was given. */
export function formatTable(
  report: AnalysisReport,
  style: TableStyle,
  verdicts?: readonly (readonly Verdict[])[],
): string {
  const paint = (code: string, text: string): string =>
    style.colour ? `${code}${text}\x1b[0m` : text;
  const bold = (text: string): string => paint('\x1b[1m', text);
  const dim = (text: string): string => paint('\x1b[2m', text);
  const out: string[] = [];
  for (const [i, doc] of report.documents.entries()) {
    out.push(bold(doc.path));
    out.push(`  ${documentLine(doc)}`);
    for (const warning of doc.warnings) out.push(`  ${paint('\x1b[33m', 'warning:')} ${warning}`);
    if (doc.error !== null) {
      out.push(`  ${paint('\x1b[1;31m', 'error:')} ${doc.error}`);
      out.push(...verdictLines(verdicts?.[i] ?? [], paint), '');
      continue;
    }
    for (const f of doc.findings) {
      const severity = paint(SEVERITY_COLOUR[f.severity], f.severity.toUpperCase().padEnd(10));
      const polarity = f.negated
        ? paint('\x1b[1;32m', POLARITY_LABEL[f.polarity])
        : POLARITY_LABEL[f.polarity];
      const cue = f.cue ? dim(` ("${f.cue}")`) : '';
      out.push(
        `  ${severity} p.${String(f.page).padEnd(4)} ${CATEGORY_LABELS[f.category]} - ${polarity}${cue}` +
          ocrNote(f, paint, dim),
      );
      for (const line of wrap(`"${f.quote}"`, style.width - 4)) out.push(`    ${line}`);
      const why = f.vendor ? `${f.title}: ${f.vendor.evidence}` : f.title;
      for (const line of wrap(why, style.width - 4)) out.push(`    ${dim(line)}`);
    }
    out.push(...verdictLines(verdicts?.[i] ?? [], paint));
    out.push('');
  }
  out.push(totalsLine(report.documents));
  if (verdicts !== undefined) out.push(verdictTotals(verdicts));
  return out.join('\n') + '\n';
}

/** Findings on OCR pages say how sure the recogniser was; a low figure asks for a look. */
function ocrNote(
  f: Finding,
  paint: (code: string, text: string) => string,
  dim: (text: string) => string,
): string {
  if (f.ocrConfidence === undefined) return '';
  const percent = `${Math.round(f.ocrConfidence * 100)}%`;
  return isLowOcrConfidence(f)
    ? ` ${paint('\x1b[1;33m', `[OCR ${percent}: low, check the quote on the page]`)}`
    : dim(` [OCR ${percent}]`);
}

function documentLine(doc: DocumentResult): string {
  const id = doc.sha256 ? `sha256 ${doc.sha256.slice(0, 16)}...` : 'not hashed';
  if (doc.error !== null || doc.summary === null) return id;
  const denied = doc.summary.negated > 0 ? ` (${doc.summary.negated} denied)` : '';
  const vendors =
    doc.summary.vendors.length > 0 ? `, vendors: ${doc.summary.vendors.join(', ')}` : '';
  return (
    `${doc.pages} page${doc.pages === 1 ? '' : 's'}, ${id}, risk: ${doc.summary.risk}, ` +
    `${doc.findings.length} finding${doc.findings.length === 1 ? '' : 's'}${denied}${vendors}`
  );
}

function totalsLine(docs: readonly DocumentResult[]): string {
  const failed = docs.filter((d) => d.error !== null).length;
  const findings = docs.reduce((n, d) => n + d.findings.length, 0);
  const risky = docs.filter((d) => d.summary && d.summary.risk !== 'none').length;
  return (
    `${docs.length} document${docs.length === 1 ? '' : 's'}: ${findings} finding${findings === 1 ? '' : 's'}, ` +
    `${risky} with claims to review, ${failed} unreadable.`
  );
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
