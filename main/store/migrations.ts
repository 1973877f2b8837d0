// The database schema as numbered migrations. Add a change as the next entry of MIGRATIONS and
// never edit one that has shipped: libraries in the field were built by it.
import { StoreError } from './errors';
import type { Sqlite } from './sqlite';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Sqlite) => void;
}

// The tables `schema_version` (kept by migrate) and `meta` (the journal's last sequence number)
// are the store's own machinery: later migrations keep them as they are.
// A finding's rule-level text (title, explanation, references: over half its bytes, the same for
// every finding of a rule) is stored once in `rule_texts`, keyed by its hash; `findings.finding`
// holds the rest of the engine's finding as JSON.
const schema1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  sha256 TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  ext TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  pages INTEGER,
  added_at TEXT NOT NULL,
  analysed_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'analysed', 'failed')),
  error TEXT,
  summary TEXT,
  counts TEXT NOT NULL,
  engine TEXT,
  rule_packs TEXT,
  verification TEXT NOT NULL CHECK (verification IN ('verified', 'failed', 'missing'))
);
CREATE INDEX documents_added ON documents (added_at);
CREATE TABLE pages (
  sha256 TEXT NOT NULL REFERENCES documents (sha256),
  page INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (sha256, page)
);
CREATE TABLE rule_texts (hash TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE findings (
  sha256 TEXT NOT NULL REFERENCES documents (sha256),
  id TEXT NOT NULL,
  current INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  finding TEXT NOT NULL,
  rule_text TEXT NOT NULL REFERENCES rule_texts (hash),
  status TEXT NOT NULL CHECK (status IN ('needs-review', 'confirmed', 'dismissed')),
  status_by TEXT,
  status_at TEXT,
  engine TEXT NOT NULL,
  rule_pack_sha256 TEXT NOT NULL,
  PRIMARY KEY (sha256, id)
);
CREATE INDEX findings_order ON findings (sha256, current, ord);
CREATE TABLE highlights (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES documents (sha256),
  page INTEGER NOT NULL,
  quote TEXT NOT NULL,
  quads TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX highlights_document ON highlights (sha256, page);
CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES documents (sha256),
  target_id TEXT NOT NULL,
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX notes_document ON notes (sha256, created_at);
CREATE TABLE tags (
  sha256 TEXT NOT NULL REFERENCES documents (sha256),
  ord INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (sha256, tag)
);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, pages, findings, notes, highlights, tags, settings, audit',
    up: (db) => {
      db.exec(schema1);
    },
  },
  {
    version: 2,
    // What the reader could not check (damaged pages, pages read by OCR and how well), as a JSON
    // array of sentences; documents analysed before it have none recorded.
    name: 'document warnings',
    up: (db) => {
      db.exec("ALTER TABLE documents ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'");
    },
  },
];

/** The schema version a database is at; 0 for a new, empty one. */
export function schemaVersion(db: Sqlite): number {
  const table = db.get<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
  );
  if (!table) return 0;
  return (
    db.get<{ version: number | null }>('SELECT max(version) AS version FROM schema_version')
      ?.version ?? 0
  );
}

/** Brings the database up to the last migration, each in its own transaction; returns those run. */
export function migrate(db: Sqlite, migrations: readonly Migration[], now: string): number[] {
  for (const [index, migration] of migrations.entries()) {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3 ...: found ${migration.version}`);
    }
  }
  const current = schemaVersion(db);
  const newest = migrations.length;
  if (current > newest) {
    throw new StoreError(
      'STORE_FAILED',
      `This library was last used by a newer version of ClaimLens (database schema ${current}; ` +
        `this version knows schema ${newest} at most). Update ClaimLens to open it.`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    db.run('BEGIN');
    try {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_version ' +
          '(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      migration.up(db);
      db.run('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now,
      ]);
      db.run('COMMIT');
    } catch (error) {
      db.run('ROLLBACK');
      throw new StoreError(
        'STORE_FAILED',
        `Could not upgrade the library database to schema ${migration.version} ` +
          `(${migration.name}): ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    applied.push(migration.version);
  }
  return applied;
}
