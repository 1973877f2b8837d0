// One flat record per thing an export shows: each finding and each user highlight with the notes
// on it, and the notes on the document itself. The annotated PDF, the W3C annotations and the
// CSV/JSON rows are all written from these, so the formats never disagree.
import type { Polarity, Quad, Reference } from '../../shared/model/finding';
import type { Note, TriageStatus } from '../../shared/model/library';
import type { Category, Severity } from '../../shared/model/taxonomy';
import type { EvidenceDocument } from './evidence-source';

export interface FindingRecord {
  readonly kind: 'finding';
  readonly id: string;
  readonly page: number;
  readonly quote: string;
  readonly quads: readonly Quad[];
  /** Offsets into the page text. */
  readonly start: number;
  readonly end: number;
  readonly ruleId: string;
  readonly rulePack: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly polarity: Polarity;
  readonly negated: boolean;
  readonly sentence: string;
  readonly explanation: string;
  readonly references: readonly Reference[];
  readonly status: TriageStatus;
  readonly statusBy: string | null;
  readonly statusAt: string | null;
  /** When the analysis that produced it was saved (or run). */
  readonly createdAt: string;
  readonly notes: readonly Note[];
}

export interface HighlightRecord {
  readonly kind: 'highlight';
  readonly id: string;
  readonly page: number;
  readonly quote: string;
  readonly quads: readonly Quad[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly notes: readonly Note[];
}

export type ExportRecord = FindingRecord | HighlightRecord;

export interface ExportRecords {
  /** Findings and highlights in page order, findings first on a page by position. */
  readonly records: readonly ExportRecord[];
  /** Notes written on the document as a whole. */
  readonly documentNotes: readonly Note[];
}

export function exportRecords(doc: EvidenceDocument): ExportRecords {
  const { meta, findings, highlights, notes } = doc.detail;
  const notesOn = new Map<string, Note[]>();
  for (const note of [...notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const list = notesOn.get(note.targetId) ?? [];
    list.push(note);
    notesOn.set(note.targetId, list);
  }
  const analysedAt = meta.analysedAt ?? meta.addedAt;
  const found: FindingRecord[] = findings.map(({ finding: f, status, statusBy, statusAt }) => ({
    kind: 'finding',
    id: f.id,
    page: f.page,
    quote: f.quote,
    quads: f.quads,
    start: f.start,
    end: f.end,
    ruleId: f.ruleId,
    rulePack: f.rulePack,
    title: f.title,
    category: f.category,
    severity: f.severity,
    polarity: f.polarity,
    negated: f.negated,
    sentence: f.sentence,
    explanation: f.explanation,
    references: f.references,
    status,
    statusBy,
    statusAt,
    createdAt: analysedAt,
    notes: notesOn.get(f.id) ?? [],
  }));
  const marked: HighlightRecord[] = highlights.map((h) => ({
    kind: 'highlight',
    id: h.id,
    page: h.page,
    quote: h.quote,
    quads: h.quads,
    createdBy: h.createdBy,
    createdAt: h.createdAt,
    notes: notesOn.get(h.id) ?? [],
  }));
  const records = [...found, ...marked].sort(
    (a, b) => a.page - b.page || (a.kind === b.kind ? 0 : a.kind === 'finding' ? -1 : 1),
  );
  return { records, documentNotes: notesOn.get(meta.sha256) ?? [] };
}

/** When a record last changed: its triage or its latest note, else when it was made. */
export function modifiedAt(record: ExportRecord): string {
  const times = [record.createdAt, ...record.notes.map((n) => n.updatedAt)];
  if (record.kind === 'finding' && record.statusAt !== null) times.push(record.statusAt);
  return times.reduce((latest, t) => (t > latest ? t : latest));
}

/** "Ada Lawyer, 2026-01-05 09:00 UTC: text" for each note, one a line. */
export function noteLines(notes: readonly Pick<Note, 'author' | 'updatedAt' | 'text'>[]): string[] {
  return notes.map((n) => `${n.author}, ${utc(n.updatedAt)}: ${n.text}`);
}

/** An ISO time as "2026-01-05 09:00 UTC", for people reading an export. */
export function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A finding's triage in words: "confirmed by Ada Lawyer, 2026-01-05 09:00 UTC". */
export function statusLine(record: FindingRecord): string {
  if (record.statusBy === null) return record.status;
  return `${record.status} by ${record.statusBy}${record.statusAt ? `, ${utc(record.statusAt)}` : ''}`;
}
