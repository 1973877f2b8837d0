// Reading the library's tables back into the shared model's shapes (DocumentMeta, StoredFinding,
// the DocumentView's findings, Note, UserHighlight).
import type { DocumentSummary, Quad } from '../../shared/model/finding';
import type {
  AnalysisState,
  AnalysisUpload,
  DocumentMeta,
  DocumentView,
  Note,
  RuleText,
  StoredFinding,
  StoredFindingBrief,
  TriageStatus,
  UserHighlight,
  Verification,
} from '../../shared/model/library';
import { joinFinding, parseRuleText } from './finding-codec';
import type { Reader } from './transaction';

export interface DocumentRow {
  sha256: string;
  file_name: string;
  ext: string;
  bytes: number;
  pages: number | null;
  added_at: string;
  analysed_at: string | null;
  state: AnalysisState;
  error: string | null;
  summary: string | null;
  counts: string;
  verification: Verification;
}

export interface FindingRow {
  id: string;
  finding: string;
  rule_text: string;
  status: TriageStatus;
  status_by: string | null;
  status_at: string | null;
  engine: string;
  rule_pack_sha256: string;
}

export interface NoteRow {
  id: string;
  target_id: string;
  text: string;
  author: string;
  created_at: string;
  updated_at: string;
}

export interface HighlightRow {
  id: string;
  page: number;
  quote: string;
  quads: string;
  created_by: string;
  created_at: string;
}

const DOCUMENT_COLUMNS =
  'sha256, file_name, ext, bytes, pages, added_at, analysed_at, state, error, summary, counts, verification';

export function documentRow(db: Reader, sha256: string): DocumentRow | undefined {
  return db.get<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE sha256 = ?`, [
    sha256,
  ]);
}

function toMeta(row: DocumentRow, tags: string[]): DocumentMeta {
  return {
    sha256: row.sha256,
    fileName: row.file_name,
    bytes: row.bytes,
    pages: row.pages,
    addedAt: row.added_at,
    analysedAt: row.analysed_at,
    state: row.state,
    error: row.error,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as DocumentSummary),
    counts: JSON.parse(row.counts) as Record<string, number>,
    tags,
  };
}

/** What the last analysis could not check, in plain words (none before it was recorded). */
export function warningsOf(db: Reader, sha256: string): string[] {
  const row = db.get<{ warnings: string }>('SELECT warnings FROM documents WHERE sha256 = ?', [
    sha256,
  ]);
  return row === undefined ? [] : (JSON.parse(row.warnings) as string[]);
}

export function tagsOf(db: Reader, sha256: string): string[] {
  return db
    .all<{ tag: string }>('SELECT tag FROM tags WHERE sha256 = ? ORDER BY ord', [sha256])
    .map((row) => row.tag);
}

export function readMeta(db: Reader, sha256: string): DocumentMeta | undefined {
  const row = documentRow(db, sha256);
  return row && toMeta(row, tagsOf(db, sha256));
}

/** Every document, newest first. */
export function listMeta(db: Reader): DocumentMeta[] {
  const tags = new Map<string, string[]>();
  for (const row of db.all<{ sha256: string; tag: string }>(
    'SELECT sha256, tag FROM tags ORDER BY sha256, ord',
  )) {
    const list = tags.get(row.sha256);
    if (list) list.push(row.tag);
    else tags.set(row.sha256, [row.tag]);
  }
  return db
    .all<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY added_at DESC, rowid DESC`,
    )
    .map((row) => toMeta(row, tags.get(row.sha256) ?? []));
}

type RuleTexts = Map<string, ReturnType<typeof parseRuleText>>;

function ruleTexts(db: Reader, where: string, params: readonly string[]): RuleTexts {
  const rows = db.all<{ hash: string; text: string }>(
    `SELECT hash, text FROM rule_texts WHERE hash IN (${where})`,
    params,
  );
  return new Map(rows.map((row) => [row.hash, parseRuleText(row.text)]));
}

function toStoredFinding(row: FindingRow, texts: RuleTexts): StoredFinding {
  const text = texts.get(row.rule_text);
  if (!text) throw new Error(`finding ${row.id} has lost its rule text ${row.rule_text}`);
  return {
    finding: joinFinding(row.finding, text),
    status: row.status,
    statusBy: row.status_by,
    statusAt: row.status_at,
    engine: row.engine,
    rulePackSha256: row.rule_pack_sha256,
  };
}

const FINDING_COLUMNS =
  'id, finding, rule_text, status, status_by, status_at, engine, rule_pack_sha256';

/** The findings of the latest analysis, in the engine's order. */
export function readFindings(db: Reader, sha256: string): StoredFinding[] {
  const texts = ruleTexts(db, 'SELECT rule_text FROM findings WHERE sha256 = ? AND current = 1', [
    sha256,
  ]);
  return db
    .all<FindingRow>(
      `SELECT ${FINDING_COLUMNS} FROM findings WHERE sha256 = ? AND current = 1 ORDER BY ord`,
      [sha256],
    )
    .map((row) => toStoredFinding(row, texts));
}

export type FindingBriefs = Pick<DocumentView, 'findings' | 'rules'>;

/**
 * The findings of the latest analysis as the app shows them, in the engine's order: each without
 * its sentence and rule words, which come once per rule. Read straight from the stored columns
 * (the rule words are stored apart already), without joining each finding and splitting it again.
 */
export function readFindingBriefs(db: Reader, sha256: string): FindingBriefs {
  const texts = ruleTexts(db, 'SELECT rule_text FROM findings WHERE sha256 = ? AND current = 1', [
    sha256,
  ]);
  const rules: Record<string, RuleText> = {};
  const findings = db
    .all<Omit<FindingRow, 'engine' | 'rule_pack_sha256'>>(
      'SELECT id, finding, rule_text, status, status_by, status_at FROM findings ' +
        'WHERE sha256 = ? AND current = 1 ORDER BY ord',
      [sha256],
    )
    .map((row): StoredFindingBrief => {
      const { sentence, ...finding } = JSON.parse(row.finding) as StoredFindingBrief['finding'] & {
        sentence: string;
      };
      if (!Object.hasOwn(rules, finding.ruleId)) {
        const text = texts.get(row.rule_text);
        if (!text) throw new Error(`finding ${row.id} has lost its rule text ${row.rule_text}`);
        rules[finding.ruleId] = text;
      }
      return { finding, status: row.status, statusBy: row.status_by, statusAt: row.status_at };
    });
  return { findings, rules };
}

/**
 * What readFindingBriefs returns right after `upload` was written, built from the upload itself
 * with only the triage read back: a fraction of reading every finding back.
 */
export function uploadedBriefs(db: Reader, upload: AnalysisUpload): FindingBriefs {
  const triage = new Map(
    db
      .all<Pick<FindingRow, 'id' | 'status' | 'status_by' | 'status_at'>>(
        'SELECT id, status, status_by, status_at FROM findings WHERE sha256 = ? AND current = 1',
        [upload.sha256],
      )
      .map((row) => [row.id, row]),
  );
  const rules: Record<string, RuleText> = {};
  const findings = upload.findings.map((full): StoredFindingBrief => {
    const { explanation, references, sentence, title, ...finding } = full;
    if (!Object.hasOwn(rules, finding.ruleId))
      rules[finding.ruleId] = { title, explanation, references };
    const row = triage.get(finding.id);
    if (!row) throw new Error(`finding ${finding.id} was not written`);
    return { finding, status: row.status, statusBy: row.status_by, statusAt: row.status_at };
  });
  return { findings, rules };
}

export function readFinding(db: Reader, sha256: string, id: string): FindingRow | undefined {
  return db.get<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM findings WHERE sha256 = ? AND id = ? AND current = 1`,
    [sha256, id],
  );
}

/** One finding as stored, with its rule text. */
export function storedFinding(db: Reader, row: FindingRow): StoredFinding {
  return toStoredFinding(row, ruleTexts(db, '?', [row.rule_text]));
}

export function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    targetId: row.target_id,
    text: row.text,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function readNote(db: Reader, sha256: string, id: string): NoteRow | undefined {
  return db.get<NoteRow>(
    'SELECT id, target_id, text, author, created_at, updated_at FROM notes WHERE sha256 = ? AND id = ?',
    [sha256, id],
  );
}

export function readNotes(db: Reader, sha256: string): Note[] {
  return db
    .all<NoteRow>(
      'SELECT id, target_id, text, author, created_at, updated_at FROM notes ' +
        'WHERE sha256 = ? ORDER BY created_at, rowid',
      [sha256],
    )
    .map(toNote);
}

export function toHighlight(row: HighlightRow): UserHighlight {
  return {
    id: row.id,
    page: row.page,
    quote: row.quote,
    quads: JSON.parse(row.quads) as Quad[],
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function readHighlight(db: Reader, sha256: string, id: string): HighlightRow | undefined {
  return db.get<HighlightRow>(
    'SELECT id, page, quote, quads, created_by, created_at FROM highlights WHERE sha256 = ? AND id = ?',
    [sha256, id],
  );
}

export function readHighlights(db: Reader, sha256: string): UserHighlight[] {
  return db
    .all<HighlightRow>(
      'SELECT id, page, quote, quads, created_by, created_at FROM highlights ' +
        'WHERE sha256 = ? ORDER BY page, created_at, rowid',
      [sha256],
    )
    .map(toHighlight);
}
