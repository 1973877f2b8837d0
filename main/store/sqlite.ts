// sql.js (SQLite compiled to WebAssembly: no native module to rebuild for Electron) loaded once
// per process, and a connection wrapper that compiles each statement once and reuses it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, Statement } from 'sql.js';

/** The values the store binds: text, numbers and NULL (originals live in files, not blobs). */
export type Param = string | number | null;

let engine: Promise<SqlJsStatic> | undefined;

export function loadSqlite(): Promise<SqlJsStatic> {
  engine ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    const wasm = await readFile(wasmPath);
    return initSqlJs({ wasmBinary: new Uint8Array(wasm).buffer });
  })();
  engine.catch(() => {
    engine = undefined;
  });
  return engine;
}

export class Sqlite {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    // The database lives in sql.js's in-memory file system, and durability comes from the
    // store's own journal: SQLite's rollback journal can stay in memory (ROLLBACK still works)
    // and it has nothing to sync. Together about 10% off a large analysis's save.
    db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF');
  }

  run(sql: string, params: readonly Param[] = []): void {
    const statement = this.prepare(sql);
    try {
      statement.bind(params as Param[]);
      statement.step();
    } finally {
      statement.reset();
    }
  }

  all<T>(sql: string, params: readonly Param[] = []): T[] {
    const statement = this.prepare(sql);
    try {
      statement.bind(params as Param[]);
      const rows: T[] = [];
      // getAsObject() asks SQLite for the column names again on every row: a third of reading
      // a long document's thousands of findings. The names are read once here.
      let names: string[] | null = null;
      while (statement.step()) {
        names ??= statement.getColumnNames();
        const values = statement.get();
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
        rows.push(row as T);
      }
      return rows;
    } finally {
      statement.reset();
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the row shape; SQL text cannot tell TypeScript
  get<T>(sql: string, params: readonly Param[] = []): T | undefined {
    const statement = this.prepare(sql);
    try {
      statement.bind(params as Param[]);
      return statement.step() ? (statement.getAsObject() as T) : undefined;
    } finally {
      statement.reset();
    }
  }

  /** Several statements without parameters (migrations). */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** Rows changed by the last INSERT, UPDATE or DELETE. */
  changes(): number {
    return this.db.getRowsModified();
  }

  /** The whole database as the bytes of an SQLite file (a consistent copy; the connection stays open). */
  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
    this.db.close();
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
