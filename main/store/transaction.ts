// Transactions as the store's code sees them: reads, and writes that are recorded statement by
// statement so the journal can replay them exactly.
import type { JournalEntry } from './journal';
import type { Param, Sqlite } from './sqlite';

export interface Reader {
  all<T>(sql: string, params?: readonly Param[]): T[];
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the row shape; SQL text cannot tell TypeScript
  get<T>(sql: string, params?: readonly Param[]): T | undefined;
}

/** A transaction: reads see its own writes; every `run` is recorded for the journal. */
export interface Tx extends Reader {
  run(sql: string, params?: readonly Param[]): void;
  /** Rows changed by the last `run`. */
  changes(): number;
}

export class Recorder implements Tx {
  private readonly sql: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly runs: [number, readonly Param[]][] = [];

  constructor(private readonly db: Sqlite) {}

  get size(): number {
    return this.runs.length;
  }

  all<T>(sql: string, params?: readonly Param[]): T[] {
    return this.db.all<T>(sql, params);
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the row shape; SQL text cannot tell TypeScript
  get<T>(sql: string, params?: readonly Param[]): T | undefined {
    return this.db.get<T>(sql, params);
  }

  run(sql: string, params: readonly Param[] = []): void {
    this.db.run(sql, params);
    let at = this.index.get(sql);
    if (at === undefined) {
      at = this.sql.push(sql) - 1;
      this.index.set(sql, at);
    }
    this.runs.push([at, params]);
  }

  changes(): number {
    return this.db.changes();
  }

  entry(seq: number): JournalEntry {
    return { seq, sql: this.sql, run: this.runs };
  }
}

export function rollback(db: Sqlite): void {
  try {
    db.run('ROLLBACK');
  } catch {
    // SQLite already rolled back (it does so itself after some errors).
  }
}
