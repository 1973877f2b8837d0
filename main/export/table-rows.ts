// CSV and JSON exports: one row per finding and per reviewer highlight (and per note on the
// document as a whole), with the document's hash and file name, page, quote, rule, category,
// severity, polarity, triage and the notes with their author and time. CSV cells go through the
// CLI's formula-safe writer (document text is untrusted).
import { cell } from '../cli/format/csv';
import type { EvidenceDocument } from './evidence-source';
import { exportRecords, noteLines } from './records';

export interface ExportRow {
  readonly documentSha256: string;
  readonly fileName: string;
  readonly kind: 'finding' | 'highlight' | 'document-note';
  readonly id: string;
  readonly page: number | null;
  readonly quote: string;
  readonly ruleId: string | null;
  readonly title: string | null;
  readonly category: string | null;
  readonly severity: string | null;
  readonly polarity: string | null;
  readonly status: string | null;
  readonly statusBy: string | null;
  readonly statusAt: string | null;
  readonly sentence: string | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly notes: readonly { author: string; createdAt: string; updatedAt: string; text: string }[];
}

export function exportRows(doc: EvidenceDocument): ExportRow[] {
  const { sha256, fileName } = doc.detail.meta;
  const { records, documentNotes } = exportRecords(doc);
  const notes = (
    list: readonly { author: string; createdAt: string; updatedAt: string; text: string }[],
  ) =>
    list.map(({ author, createdAt, updatedAt, text }) => ({ author, createdAt, updatedAt, text }));
  const rows: ExportRow[] = records.map((r) =>
    r.kind === 'finding'
      ? {
          documentSha256: sha256,
          fileName,
          kind: 'finding',
          id: r.id,
          page: r.page,
          quote: r.quote,
          ruleId: r.ruleId,
          title: r.title,
          category: r.category,
          severity: r.severity,
          polarity: r.polarity,
          status: r.status,
          statusBy: r.statusBy,
          statusAt: r.statusAt,
          sentence: r.sentence,
          start: r.start,
          end: r.end,
          notes: notes(r.notes),
        }
      : {
          documentSha256: sha256,
          fileName,
          kind: 'highlight',
          id: r.id,
          page: r.page,
          quote: r.quote,
          ruleId: null,
          title: null,
          category: null,
          severity: null,
          polarity: null,
          status: null,
          statusBy: r.createdBy,
          statusAt: r.createdAt,
          sentence: null,
          start: null,
          end: null,
          notes: notes(r.notes),
        },
  );
  if (documentNotes.length > 0) {
    rows.push({
      documentSha256: sha256,
      fileName,
      kind: 'document-note',
      id: sha256,
      page: null,
      quote: '',
      ruleId: null,
      title: null,
      category: null,
      severity: null,
      polarity: null,
      status: null,
      statusBy: null,
      statusAt: null,
      sentence: null,
      start: null,
      end: null,
      notes: notes(documentNotes),
    });
  }
  return rows;
}

const CSV_COLUMNS = [
  ['document_sha256', (r) => r.documentSha256],
  ['file_name', (r) => r.fileName],
  ['kind', (r) => r.kind],
  ['id', (r) => r.id],
  ['page', (r) => r.page],
  ['quote', (r) => r.quote],
  ['rule_id', (r) => r.ruleId],
  ['title', (r) => r.title],
  ['category', (r) => r.category],
  ['severity', (r) => r.severity],
  ['polarity', (r) => r.polarity],
  ['status', (r) => r.status],
  // For a reviewer's highlight: who made it and when.
  ['status_by', (r) => r.statusBy],
  ['status_at', (r) => r.statusAt],
  ['notes', (r) => noteLines(r.notes).join('\n')],
  ['sentence', (r) => r.sentence],
  ['start', (r) => r.start],
  ['end', (r) => r.end],
] as const satisfies readonly (readonly [string, (row: ExportRow) => string | number | null])[];

/** RFC 4180 CSV with a header row; CRLF line ends as spreadsheets expect. */
export function exportCsv(documents: readonly EvidenceDocument[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const doc of documents) {
    for (const row of exportRows(doc)) {
      lines.push(CSV_COLUMNS.map(([, value]) => cell(String(value(row) ?? ''))).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** The rows with each document's identity and provenance, and who exported them when. */
export function exportJson(documents: readonly EvidenceDocument[]): string {
  const [first] = documents;
  const report = {
    tool: first?.tool,
    exportedAt: first?.gatheredAt,
    exportedBy: first?.reviewer,
    documents: documents.map((d) => ({
      sha256: d.detail.meta.sha256,
      fileName: d.detail.meta.fileName,
      pages: d.detail.meta.pages,
      source: d.source,
      analysedAt: d.detail.meta.analysedAt,
      engine: d.engine,
      rulePacks: d.rulePacks,
      warnings: d.warnings,
    })),
    rows: documents.flatMap(exportRows),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
