// The library: documents opened in ClaimLens, their originals, analyses, triage, notes, user
// highlights, tags and the audit trail, in one folder on disk that survives a crash at any moment.
//
// Design
// ------
// The folder holds:
//   library.sqlite           the database (SQLite through sql.js: WebAssembly, no native module)
//   journal/<seq>.jsonl      changes committed since library.sqlite was last written
//   originals/<sha256>.<ext> each imported file, copied once, read-only (0444), never rewritten
//   library.lock             the process that has the library open
//
// sql.js keeps the database in memory, so durability comes from a write-ahead journal:
//  1. A change runs as one SQLite transaction in memory (synchronously, so changes never
//     interleave). Every statement it runs, with its parameters, is recorded, plus one that sets
//     meta.journal_seq to the change's sequence number.
//  2. The recorded statements become one JSON line with a CRC, appended to the journal and
//     fsynced. Only then does the change's promise resolve: what the UI shows as saved is on
//     disk. Changes that arrive during an fsync share the next one (group commit).
//  3. A checkpoint writes the whole database (one synchronous export, so it holds exactly the
//     changes committed so far) to library.sqlite.tmp, fsyncs it, renames it over
//     library.sqlite and fsyncs the folder; then deletes the journal segments written before
//     it. New changes go to a new segment meanwhile, so a checkpoint never blocks a save. It
//     runs when the journal outgrows max(16 MB, half the database), on close, and on open when
//     anything had to be replayed or migrated.
//  4. Opening loads library.sqlite, replays the journal lines whose sequence number is above
//     meta.journal_seq (so a line already in the database is never applied twice, whatever
//     moment a crash interrupted a checkpoint), runs pending migrations, and checkpoints.
//     A line cut short by a crash (bad CRC or JSON, no readable line after it) is a change that
//     was never acknowledged and is ignored. Anything worse (an unreadable line with readable
//     ones after it, a gap in the numbers) stops the replay there; the journal is kept aside
//     and the library opens with a warning (see warnings()) and an audit record.
//  5. Replaying statements, not operations, keeps replay exact: the statements carry their own
//     times and ids, and none uses SQLite's clock or random numbers.
//  6. If a journal write fails (disk full, I/O error), the in-memory database may be ahead of
//     the disk, so the store refuses every further read and write until it is reopened.
//
// Originals are hashed before anything else, copied under their SHA-256 and made durable
// before the database records them; a leftover copy from an import a crash interrupted is
// reused once it hashes right. detail() and readOriginal() re-hash the copy every time; a
// mismatch or a missing file is reported and recorded in the audit log, never repaired.
//
// Every change also appends an audit record in the same transaction, hash-chained (audit.ts).
//
// view() reads a document as the app shows it. The findings of the document last viewed stay in
// memory: a 400-page datasheet's thousands take about 0.1 s to read back, and a document is shown
// again after each change made on it. Only saveAnalysis and setStatus write findings; the first
// drops them, the second updates its one.
import { userInfo } from 'node:os';
import type { Quad } from '../../shared/model/finding';
import type {
  AnalysisUpload,
  AuditRecord,
  DocumentDetail,
  DocumentMeta,
  DocumentView,
  Note,
  StoredFinding,
  TriageStatus,
  UserHighlight,
} from '../../shared/model/library';
import { writeAnalysis } from './analysis';
import { Annotations } from './annotations';
import { appendAudit, readAudit, verifyAudit, type AuditVerdict } from './audit';
import { DurableDb } from './durable-db';
import { shortHash, StoreError } from './errors';
import { Evidence } from './evidence';
import { checkReviewerName, checkStatus, normaliseTags } from './inputs';
import {
  documentRow,
  listMeta,
  readFinding,
  readFindingBriefs,
  readFindings,
  readHighlights,
  uploadedBriefs,
  readMeta,
  readNotes,
  tagsOf,
  warningsOf,
  storedFinding,
  type DocumentRow,
  type FindingBriefs,
} from './rows';
import type { Tx } from './transaction';

export { StoreError } from './errors';

export interface LibraryOptions {
  /** Who is reviewing in this session; by default the name last set, else the OS user name. */
  readonly reviewer?: string;
  readonly now?: () => Date;
  /** Journal size that starts a checkpoint; tests set it low. */
  readonly checkpointBytes?: number;
}

const MAX_ERROR_LENGTH = 2000;

function osUserName(): string {
  try {
    return userInfo().username || 'reviewer';
  } catch {
    // No passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'reviewer';
  }
}

function notFound(sha256: string): StoreError {
  return new StoreError('NOT_FOUND', `Document ${shortHash(sha256)} is not in the library.`);
}

export class LibraryStore {
  private readonly annotations: Annotations;
  private readonly evidence: Evidence;
  /** The findings of the document last viewed, as readFindingBriefs returned them. */
  private shown: { readonly sha256: string; briefs: FindingBriefs } | null = null;

  private constructor(
    dir: string,
    private readonly db: DurableDb,
    private readonly now: () => Date,
    private reviewerName: string,
  ) {
    this.annotations = new Annotations(db, () => this.stamp());
    this.evidence = new Evidence(dir, db, () => this.stamp());
  }

  /** Opens (creating if needed) a library folder: database, originals, journal. Runs migrations. */
  static async open(dir: string, options: LibraryOptions = {}): Promise<LibraryStore> {
    const now = options.now ?? (() => new Date());
    const db = await DurableDb.open(dir, { now, checkpointBytes: options.checkpointBytes });
    try {
      await Evidence.prepare(dir);
      const stored = db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'reviewer'");
      const given = options.reviewer?.trim();
      const store = new LibraryStore(dir, db, now, given || stored?.value || osUserName());
      if (db.warnings.length > 0) {
        await db.write((tx) => {
          appendAudit(tx, {
            ...store.stamp(),
            action: 'library.recovered',
            detail: { warnings: db.warnings },
          });
        });
      }
      return store;
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** What opening had to repair (a damaged journal set aside), in plain words; usually empty. */
  warnings(): readonly string[] {
    return this.db.warnings;
  }

  /** Hashes the bytes first; copies the original once, read-only; creates the document or returns it. */
  async importDocument(
    fileName: string,
    bytes: Uint8Array,
  ): Promise<{ meta: DocumentMeta; created: boolean }> {
    const { sha256, created } = await this.evidence.import(fileName, bytes);
    return { meta: this.meta(sha256), created };
  }

  /** Every document, newest first. */
  list(): DocumentMeta[] {
    return listMeta(this.db);
  }

  /** Re-hashes the stored original on every call, with findings, highlights and notes. */
  async detail(sha256: string): Promise<DocumentDetail> {
    const verification = await this.evidence.verify(sha256, this.row(sha256).ext);
    return {
      meta: this.meta(sha256),
      verification,
      warnings: warningsOf(this.db, sha256),
      findings: readFindings(this.db, sha256),
      highlights: readHighlights(this.db, sha256),
      notes: readNotes(this.db, sha256),
    };
  }

  /** The document as the app shows it (findings without their rule's words and sentence, each
   * rule's words once), after re-hashing the stored original like detail(). */
  async view(sha256: string): Promise<DocumentView> {
    const verification = await this.evidence.verify(sha256, this.row(sha256).ext);
    const briefs = this.briefsOf(sha256);
    return {
      meta: this.meta(sha256),
      verification,
      warnings: warningsOf(this.db, sha256),
      findings: briefs.findings,
      rules: briefs.rules,
      highlights: readHighlights(this.db, sha256),
      notes: readNotes(this.db, sha256),
    };
  }

  /** The original's bytes after verifying them; VERIFICATION_FAILED when they no longer match. */
  async readOriginal(sha256: string): Promise<Uint8Array> {
    return await this.evidence.read(sha256, this.row(sha256).ext);
  }

  /** Pages' text and findings; findings with the same id keep their triage, notes stay. */
  async saveAnalysis(upload: AnalysisUpload): Promise<DocumentMeta> {
    const at = this.stamp();
    try {
      await this.db.write((tx) => {
        writeAnalysis(tx, upload, at.at, at.actor);
        // The document just read is the one the app shows next.
        this.shown = { sha256: upload.sha256, briefs: uploadedBriefs(tx, upload) };
      });
    } catch (error) {
      if (this.shown?.sha256 === upload.sha256) this.shown = null;
      throw error;
    }
    return this.meta(upload.sha256);
  }

  async markFailed(sha256: string, error: string): Promise<DocumentMeta> {
    const reason = error.trim().slice(0, MAX_ERROR_LENGTH) || 'The document could not be read.';
    const at = this.stamp();
    await this.db.write((tx) => {
      this.requireDocument(tx, sha256);
      tx.run(
        "UPDATE documents SET state = 'failed', error = ?, analysed_at = ?, warnings = '[]' " +
          'WHERE sha256 = ?',
        [reason, at.at, sha256],
      );
      appendAudit(tx, { ...at, action: 'analysis.failed', detail: { sha256, error: reason } });
    });
    return this.meta(sha256);
  }

  async setStatus(sha256: string, findingId: string, status: TriageStatus): Promise<StoredFinding> {
    const next = checkStatus(status);
    const at = this.stamp();
    return this.db.write((tx) => {
      this.requireDocument(tx, sha256);
      const row = readFinding(tx, sha256, findingId);
      if (!row) {
        throw new StoreError(
          'NOT_FOUND',
          `Finding ${findingId} is not among the findings of document ${shortHash(sha256)}.`,
        );
      }
      if (row.status === next && row.status_by !== null) return storedFinding(tx, row);
      tx.run(
        'UPDATE findings SET status = ?, status_by = ?, status_at = ? WHERE sha256 = ? AND id = ?',
        [next, at.actor, at.at, sha256, findingId],
      );
      appendAudit(tx, {
        ...at,
        action: 'finding.status',
        detail: { sha256, findingId, from: row.status, to: next },
      });
      const stored = storedFinding(tx, {
        ...row,
        status: next,
        status_by: at.actor,
        status_at: at.at,
      });
      if (this.shown?.sha256 === sha256) {
        const { findings, rules } = this.shown.briefs;
        const triage = {
          status: stored.status,
          statusBy: stored.statusBy,
          statusAt: stored.statusAt,
        };
        this.shown.briefs = {
          findings: findings.map((f) => (f.finding.id === findingId ? { ...f, ...triage } : f)),
          rules,
        };
      }
      return stored;
    });
  }

  /** Creates a note on a finding, a user highlight or the document itself, or updates one. */
  saveNote(input: {
    sha256: string;
    targetId: string;
    text: string;
    noteId?: string;
  }): Promise<Note> {
    return this.annotations.saveNote(input);
  }

  deleteNote(sha256: string, noteId: string): Promise<void> {
    return this.annotations.deleteNote(sha256, noteId);
  }

  addHighlight(input: {
    sha256: string;
    page: number;
    quote: string;
    quads: Quad[];
  }): Promise<UserHighlight> {
    return this.annotations.addHighlight(input);
  }

  /** Removes a user highlight and the notes on it (each recorded in the audit log). */
  removeHighlight(sha256: string, highlightId: string): Promise<void> {
    return this.annotations.removeHighlight(sha256, highlightId);
  }

  async setTags(sha256: string, tags: string[]): Promise<DocumentMeta> {
    const next = normaliseTags(tags);
    const at = this.stamp();
    await this.db.write((tx) => {
      this.requireDocument(tx, sha256);
      const current = tagsOf(tx, sha256);
      if (current.length === next.length && current.every((tag, i) => tag === next[i])) return;
      tx.run('DELETE FROM tags WHERE sha256 = ?', [sha256]);
      for (const [ord, tag] of next.entries()) {
        tx.run('INSERT INTO tags (sha256, ord, tag) VALUES (?, ?, ?)', [sha256, ord, tag]);
      }
      appendAudit(tx, {
        ...at,
        action: 'document.tags',
        detail: { sha256, from: current, to: next },
      });
    });
    return this.meta(sha256);
  }

  /** The name recorded with every change (default: the OS user name). */
  reviewer(): string {
    return this.reviewerName;
  }

  async setReviewer(name: string): Promise<void> {
    const next = checkReviewerName(name);
    const at = this.stamp();
    await this.db.write((tx) => {
      const stored = tx.get<{ value: string }>("SELECT value FROM settings WHERE key = 'reviewer'");
      if (stored?.value === next) return;
      tx.run(
        "INSERT INTO settings (key, value) VALUES ('reviewer', ?) " +
          'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [next],
      );
      appendAudit(tx, { ...at, action: 'reviewer.set', detail: { from: at.actor, to: next } });
    });
    this.reviewerName = next;
  }

  /** A page's text as the analysis saved it, or null when there is none. */
  /** One finding in full (sentence, explanation, references), for the reviewer's detail view. */
  finding(sha256: string, findingId: string): StoredFinding {
    const row = readFinding(this.db, sha256, findingId);
    if (row === undefined) {
      throw new StoreError(
        'NOT_FOUND',
        `Finding ${findingId} is not among the findings of document ${shortHash(sha256)}.`,
      );
    }
    return storedFinding(this.db, row);
  }

  /** Every page's text as the analysis saved it, in page order (the Rules screen's preview). */
  pageTexts(sha256: string): { page: number; text: string }[] {
    this.row(sha256);
    return this.db.all<{ page: number; text: string }>(
      'SELECT page, text FROM pages WHERE sha256 = ? ORDER BY page',
      [sha256],
    );
  }

  pageText(sha256: string, page: number): string | null {
    return (
      this.db.get<{ text: string }>('SELECT text FROM pages WHERE sha256 = ? AND page = ?', [
        sha256,
        page,
      ])?.text ?? null
    );
  }

  /**
   * Records a change kept outside the database in the audit log: a user's rule pack enabled,
   * disabled or removed (main/rules/user-packs.ts).
   */
  async recordChange(action: string, detail: Record<string, unknown>): Promise<void> {
    const at = this.stamp();
    await this.db.write((tx) => {
      appendAudit(tx, { ...at, action, detail });
    });
  }

  /** The audit log, oldest first. */
  audit(): AuditRecord[] {
    return readAudit(this.db);
  }

  /** Recomputes the audit log's hash chain and names the first record that breaks it. */
  verifyAudit(): AuditVerdict {
    return verifyAudit(this.db);
  }

  /** Waits for pending saves, writes the database file and releases the folder. */
  async close(): Promise<void> {
    await this.evidence.idle();
    await this.db.close();
  }

  /** The document's current findings as the app shows them, read once while it is viewed. */
  private briefsOf(sha256: string): FindingBriefs {
    if (this.shown?.sha256 !== sha256) {
      this.shown = { sha256, briefs: readFindingBriefs(this.db, sha256) };
    }
    // Copies of the lists, so a caller changing what it was given changes nothing here.
    const { findings, rules } = this.shown.briefs;
    return { findings: [...findings], rules: { ...rules } };
  }

  private stamp(): { at: string; actor: string } {
    return { at: this.now().toISOString(), actor: this.reviewerName };
  }

  private row(sha256: string): DocumentRow {
    const row = documentRow(this.db, sha256);
    if (!row) throw notFound(sha256);
    return row;
  }

  private meta(sha256: string): DocumentMeta {
    const meta = readMeta(this.db, sha256);
    if (!meta) throw notFound(sha256);
    return meta;
  }

  private requireDocument(tx: Tx, sha256: string): void {
    if (!tx.get('SELECT 1 FROM documents WHERE sha256 = ?', [sha256])) throw notFound(sha256);
  }
}
