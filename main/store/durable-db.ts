// The database made durable: sql.js keeps SQLite in memory, so every committed transaction is
// also appended to the journal (and fsynced) before it is acknowledged, and checkpoints write
// the whole database to disk atomically and retire the journal behind them. See the design
// comment at the top of library-store.ts.
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError, StoreError } from './errors';
import { makeDirDurably, replaceFileDurably } from './fs-util';
import { JournalWriter, listSegments, type RetiredSegments } from './journal';
import { acquireLock } from './lock';
import { MIGRATIONS, migrate, type Migration } from './migrations';
import { replayJournal } from './replay';
import { loadSqlite, Sqlite, type Param } from './sqlite';
import { Recorder, rollback, type Reader, type Tx } from './transaction';

export const DB_FILE = 'library.sqlite';
export const JOURNAL_DIR = 'journal';

/** Checkpoint once the journal holds this much, or half the database's size if that is more. */
const DEFAULT_CHECKPOINT_BYTES = 16 * 1024 * 1024;

export interface DurableOptions {
  readonly now: () => Date;
  /** Journal size that starts a checkpoint (tests set it low to checkpoint often). */
  readonly checkpointBytes?: number | undefined;
  readonly migrations?: readonly Migration[] | undefined;
}

const SET_SEQ =
  "INSERT INTO meta (key, value) VALUES ('journal_seq', ?) " +
  'ON CONFLICT (key) DO UPDATE SET value = excluded.value';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DurableDb implements Reader {
  private closed = false;
  private checkpointing: Promise<void> | null = null;

  private constructor(
    private readonly dir: string,
    private readonly db: Sqlite,
    private readonly journal: JournalWriter,
    private readonly unlock: () => Promise<void>,
    private seq: number,
    private snapshotBytes: number,
    private readonly options: DurableOptions,
    /** What opening had to repair, in plain words (empty when all was well). */
    readonly warnings: readonly string[],
  ) {}

  static async open(dir: string, options: DurableOptions): Promise<DurableDb> {
    const journalDir = join(dir, JOURNAL_DIR);
    try {
      await makeDirDurably(journalDir);
    } catch (error) {
      throw new StoreError(
        'STORE_FAILED',
        `Cannot create the library folder ${dir}: ${describeFsError(error)}.`,
      );
    }
    const unlock = await acquireLock(dir);
    try {
      return await DurableDb.load(dir, journalDir, unlock, options);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  private static async load(
    dir: string,
    journalDir: string,
    unlock: () => Promise<void>,
    options: DurableOptions,
  ): Promise<DurableDb> {
    const dbPath = join(dir, DB_FILE);
    // A checkpoint that did not finish; the database file it would have replaced is intact.
    await rm(`${dbPath}.tmp`, { force: true });
    const snapshot = await readFile(dbPath).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError(
        'STORE_FAILED',
        `Cannot read the library database ${dbPath}: ${describeFsError(error)}.`,
      );
    });
    let segments = await listSegments(journalDir);
    if (!snapshot && segments.length > 0) {
      throw new StoreError(
        'STORE_FAILED',
        `The library database ${dbPath} is missing, but ${journalDir} holds saved changes. ` +
          'ClaimLens will not start an empty library over them: restore the file from a backup, ' +
          'or move the library folder away to start a new one.',
      );
    }
    const db = DurableDb.openSnapshot(await loadSqlite(), snapshot, dbPath);
    try {
      const { seq, warnings, damaged } = await replayJournal(db, segments);
      if (damaged) {
        const aside = join(
          dir,
          `journal-damaged-${options.now().toISOString().replace(/:/g, '-')}`,
        );
        await rename(journalDir, aside);
        await mkdir(journalDir);
        warnings.push(`The damaged journal was kept in ${aside} for inspection.`);
        segments = [];
      }
      const migrated = migrate(db, options.migrations ?? MIGRATIONS, options.now().toISOString());
      const store = new DurableDb(
        dir,
        db,
        new JournalWriter(journalDir),
        unlock,
        seq,
        snapshot?.length ?? 0,
        options,
        warnings,
      );
      if (!snapshot || segments.length > 0 || migrated.length > 0 || damaged) {
        // Start from a database file that holds everything, and an empty journal.
        await store.checkpoint(segments);
      }
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private static openSnapshot(
    sql: Awaited<ReturnType<typeof loadSqlite>>,
    snapshot: Uint8Array | null,
    dbPath: string,
  ): Sqlite {
    let db: Sqlite | undefined;
    try {
      db = new Sqlite(new sql.Database(snapshot));
      db.get('SELECT count(*) FROM sqlite_master');
      return db;
    } catch (error) {
      db?.close();
      throw new StoreError(
        'STORE_FAILED',
        `The library database ${dbPath} cannot be read: it is damaged or not a ClaimLens ` +
          `library (${message(error)}).`,
      );
    }
  }

  all<T>(sql: string, params?: readonly Param[]): T[] {
    this.assertUsable();
    return this.db.all<T>(sql, params);
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the row shape; SQL text cannot tell TypeScript
  get<T>(sql: string, params?: readonly Param[]): T | undefined {
    this.assertUsable();
    return this.db.get<T>(sql, params);
  }

  /**
   * Runs `change` (synchronous) in one transaction and resolves once it is in the journal on
   * disk. A change that wrote nothing resolves at once. Reads made before the promise resolves
   * already see the change: it is acknowledged (and only then safe) when the promise resolves.
   */
  write<T>(change: (tx: Tx) => T): Promise<T> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    const tx = new Recorder(this.db);
    let result: T;
    this.db.run('BEGIN');
    try {
      result = change(tx);
      if (tx.size > 0) tx.run(SET_SEQ, [String(this.seq + 1)]);
      this.db.run('COMMIT');
    } catch (error) {
      rollback(this.db);
      return Promise.reject(
        error instanceof StoreError
          ? error
          : new StoreError(
              'STORE_FAILED',
              `The library database refused the change: ${message(error)}.`,
            ),
      );
    }
    if (tx.size === 0) return Promise.resolve(result);
    this.seq += 1;
    return this.journal.append(tx.entry(this.seq)).then(
      () => {
        this.checkpointIfDue();
        return result;
      },
      (error: unknown) => {
        throw new StoreError(
          'STORE_FAILED',
          `The change could not be saved to disk: ${describeFsError(error)}. ` +
            'Close and reopen the library; changes not shown as saved were not kept.',
        );
      },
    );
  }

  /** Writes the whole database to disk and retires the journal written so far. */
  async checkpoint(stale: readonly string[] = []): Promise<void> {
    this.assertUsable();
    while (this.checkpointing) await this.checkpointing.catch(() => undefined);
    const run = this.writeSnapshot(stale);
    this.checkpointing = run.finally(() => {
      this.checkpointing = null;
    });
    await this.checkpointing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.journal.idle();
      while (this.checkpointing) await this.checkpointing.catch(() => undefined);
      // After a failed journal write memory may hold changes that were refused: keep the disk
      // as it is; the next open reads back what was acknowledged.
      if (this.journal.failed === null) await this.checkpoint();
    } finally {
      this.closed = true;
      await this.journal.close().catch(() => undefined);
      this.db.close();
      await this.unlock();
    }
  }

  private checkpointIfDue(): void {
    const due =
      this.options.checkpointBytes ?? Math.max(DEFAULT_CHECKPOINT_BYTES, this.snapshotBytes / 2);
    if (this.checkpointing || this.closed || this.journal.bytes < due) return;
    // A failed background checkpoint loses nothing: the journal still holds every change.
    this.checkpoint().catch(() => undefined);
  }

  private async writeSnapshot(stale: readonly string[]): Promise<void> {
    // Synchronous, so it holds exactly the changes committed so far, and nothing half-done.
    const data = this.db.export();
    const retired: RetiredSegments = this.journal.retire();
    try {
      await replaceFileDurably(join(this.dir, DB_FILE), data, this.dir);
      this.snapshotBytes = data.length;
    } catch (error) {
      throw new StoreError(
        'STORE_FAILED',
        `Could not write the library database to disk: ${describeFsError(error)}. ` +
          'Every saved change is still in the journal.',
      );
    } finally {
      await retired.release();
    }
    for (const path of [...retired.paths, ...stale]) await rm(path, { force: true });
  }

  private assertUsable(): void {
    const refusal = this.refusal();
    if (refusal) throw refusal;
  }

  /** Why the store accepts nothing now, if it does not. */
  private refusal(): StoreError | null {
    if (this.closed) return new StoreError('STORE_FAILED', 'The library is closed.');
    if (this.journal.failed !== null) {
      return new StoreError(
        'STORE_FAILED',
        `The library could not save a change to disk (${describeFsError(this.journal.failed)}). ` +
          'Close and reopen it; changes not shown as saved were not kept.',
      );
    }
    return null;
  }
}
