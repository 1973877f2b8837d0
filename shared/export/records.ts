// One flat record per thing an export shows: each finding and each user highlight with the notes
// on it, and the notes on the document itself. The annotated PDF, the W3C annotations and the
// CSV/JSON rows are all written from these, so the formats never disagree.
// The app's renderer makes the annotated copy's records from the document view it shows
// (viewRecords), the command line and main from the library's detail (exportRecords): one code.
import type { Polarity, Quad, Reference } from '../model/finding';
import type {
  DocumentDetail,
  DocumentView,
  Note,
  TriageStatus,
  UserHighlight,
} from '../model/library';
import type { Category, Severity } from '../model/taxonomy';

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

/**
 * A finding as the annotated copy shows it: everything but the sentence, which the app's
 * document view does not carry (it comes with 'finding:get' for the one selected).
 */
export type AnnotationFinding = Omit<FindingRecord, 'sentence'>;
export type AnnotationRecord = AnnotationFinding | HighlightRecord;

export interface ExportRecords<R extends AnnotationRecord = ExportRecord> {
  /** Findings and highlights in page order, findings first on a page by position. */
  readonly records: readonly R[];
  /** Notes written on the document as a whole. */
  readonly documentNotes: readonly Note[];
}

/** The records of a document's evidence (a library's detail, or a file analysed on the spot). */
export function exportRecords(doc: { readonly detail: DocumentDetail }): ExportRecords {
  const { meta, findings, highlights, notes } = doc.detail;
  const notesOn = notesByTarget(notes);
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
    createdAt: meta.analysedAt ?? meta.addedAt,
    notes: notesOn.get(f.id) ?? [],
  }));
  return ordered(found, highlightRecords(highlights, notesOn), notesOn.get(meta.sha256) ?? []);
}

/**
 * The same records of the document the app shows (what the annotated copy needs): each
 * finding's title, explanation and references from its rule's words in `view.rules`.
 */
export function viewRecords(view: DocumentView): ExportRecords<AnnotationRecord> {
  const { meta, findings, highlights, notes, rules } = view;
  const notesOn = notesByTarget(notes);
  const found: AnnotationFinding[] = findings.map(({ finding: f, status, statusBy, statusAt }) => {
    const rule = rules[f.ruleId];
    return {
      kind: 'finding',
      id: f.id,
      page: f.page,
      quote: f.quote,
      quads: f.quads,
      start: f.start,
      end: f.end,
      ruleId: f.ruleId,
      rulePack: f.rulePack,
      // A view always carries its findings' rules; the id stands in should one be missing.
      title: rule?.title ?? f.ruleId,
      category: f.category,
      severity: f.severity,
      polarity: f.polarity,
      negated: f.negated,
      explanation: rule?.explanation ?? '',
      references: rule?.references ?? [],
      status,
      statusBy,
      statusAt,
      createdAt: meta.analysedAt ?? meta.addedAt,
      notes: notesOn.get(f.id) ?? [],
    };
  });
  return ordered(found, highlightRecords(highlights, notesOn), notesOn.get(meta.sha256) ?? []);
}

/** Notes by what they are on (a finding, a highlight, or the document's hash), oldest first. */
function notesByTarget(notes: readonly Note[]): Map<string, Note[]> {
  const notesOn = new Map<string, Note[]>();
  for (const note of [...notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const list = notesOn.get(note.targetId) ?? [];
    list.push(note);
    notesOn.set(note.targetId, list);
  }
  return notesOn;
}

function highlightRecords(
  highlights: readonly UserHighlight[],
  notesOn: ReadonlyMap<string, Note[]>,
): HighlightRecord[] {
  return highlights.map((h) => ({
    kind: 'highlight',
    id: h.id,
    page: h.page,
    quote: h.quote,
    quads: h.quads,
    createdBy: h.createdBy,
    createdAt: h.createdAt,
    notes: notesOn.get(h.id) ?? [],
  }));
}

function ordered<F extends AnnotationFinding>(
  found: readonly F[],
  marked: readonly HighlightRecord[],
  documentNotes: readonly Note[],
): ExportRecords<F | HighlightRecord> {
  const records = [...found, ...marked].sort(
    (a, b) => a.page - b.page || (a.kind === b.kind ? 0 : a.kind === 'finding' ? -1 : 1),
  );
  return { records, documentNotes };
}

/** When a record last changed: its triage or its latest note, else when it was made. */
export function modifiedAt(record: AnnotationRecord): string {
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
export function statusLine(
  record: Pick<FindingRecord, 'status' | 'statusBy' | 'statusAt'>,
): string {
  if (record.statusBy === null) return record.status;
  return `${record.status} by ${record.statusBy}${record.statusAt ? `, ${utc(record.statusAt)}` : ''}`;
}
