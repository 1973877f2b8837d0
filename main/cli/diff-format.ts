// The edition diff as a readable table and as CSV (one row per change), in the style of
// `claimlens analyse`'s formats.
import type { DiffChange, DiffFinding, EditionDiff, EditionSide } from '../../shared/diff/diff';
import { CATEGORY_LABELS } from '../../shared/model/taxonomy';
import { cell } from './format/csv';
import { wrap, type TableStyle } from './format/table';

const KIND_COLOUR: Record<DiffChange['kind'], string> = {
  added: '\x1b[1;31m',
  removed: '\x1b[1;32m',
  changed: '\x1b[1;33m',
};

const POLARITY_WORD: Record<DiffFinding['polarity'], string> = {
  asserted: 'claimed',
  negated: 'denied',
  optional: 'optional',
  roadmap: 'planned',
  third_party: 'third-party',
};

export function formatDiffTable(diff: EditionDiff, style: TableStyle): string {
  const paint = (code: string, text: string): string =>
    style.colour ? `${code}${text}\x1b[0m` : text;
  const dim = (text: string): string => paint('\x1b[2m', text);
  const out: string[] = [
    `old: ${sideLine(diff.old)}`,
    `new: ${sideLine(diff.new)}`,
    summaryLine(diff),
    '',
  ];
  for (const c of diff.changes) {
    const kind = paint(KIND_COLOUR[c.kind], c.kind.toUpperCase().padEnd(8));
    const f = (c.new ?? c.old)!;
    const where = `${c.old ? `p.${c.old.page}` : '-'} -> ${c.new ? `p.${c.new.page}` : '-'}`;
    const what = c.kind === 'changed' ? `: ${c.fields.join(', ')} changed` : '';
    out.push(
      `${kind} ${f.severity.toUpperCase().padEnd(10)} ${where.padEnd(14)} ${CATEGORY_LABELS[c.category]}${what}`,
    );
    out.push(`  ${dim(c.title)}`);
    if (c.kind === 'changed') {
      out.push(...findingLines('old', c.old!, style.width));
      out.push(...findingLines('new', c.new!, style.width));
    } else out.push(...findingLines(c.kind === 'added' ? 'new' : 'old', f, style.width));
    out.push('');
  }
  if (diff.changes.length === 0) out.push('No finding was added, removed or changed.', '');
  return out.join('\n') + '\n';
}

function findingLines(label: string, f: DiffFinding, width: number): string[] {
  const head = `  ${label}: ${f.severity}, ${POLARITY_WORD[f.polarity]}, "${f.quote}"`;
  return [head, ...wrap(`in: ${f.sentence}`, width - 7).map((l) => `       ${l}`)];
}

function sideLine(side: EditionSide): string {
  const pages = side.pages === null ? '' : `${side.pages} page${side.pages === 1 ? '' : 's'}, `;
  const hash = side.sha256 ? `, sha256 ${side.sha256.slice(0, 16)}...` : '';
  return `${side.name} (${pages}${side.findings} finding${side.findings === 1 ? '' : 's'}${hash})`;
}

export function summaryLine(diff: EditionDiff): string {
  const s = diff.summary;
  const moved = s.moved > 0 ? ` (${s.moved} on another page)` : '';
  return `${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged${moved}.`;
}

const COLUMNS = [
  'change',
  'fields',
  'rule_id',
  'category',
  'title',
  'old_page',
  'old_severity',
  'old_polarity',
  'old_quote',
  'old_sentence',
  'new_page',
  'new_severity',
  'new_polarity',
  'new_quote',
  'new_sentence',
  'old_sha256',
  'new_sha256',
] as const;

/** One row per change; text a spreadsheet would run as a formula is quoted (see format/csv.ts). */
export function formatDiffCsv(diff: EditionDiff): string {
  const sideCells = (f: DiffFinding | null): string[] =>
    f === null
      ? ['', '', '', '', '']
      : [String(f.page), f.severity, f.polarity, f.quote, f.sentence];
  const rows: string[][] = [[...COLUMNS]];
  for (const c of diff.changes) {
    rows.push([
      c.kind,
      c.fields.join(' '),
      c.ruleId,
      c.category,
      c.title,
      ...sideCells(c.old),
      ...sideCells(c.new),
      diff.old.sha256 ?? '',
      diff.new.sha256 ?? '',
    ]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
