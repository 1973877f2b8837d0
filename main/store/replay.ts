// Replaying the journal on open: the entries newer than the database file, in order, up to the
// first sign of damage (a torn last line is not damage: it was never acknowledged).
import { readSegment, type JournalEntry } from './journal';
import type { Sqlite } from './sqlite';
import { rollback } from './transaction';

function applyEntry(db: Sqlite, entry: JournalEntry): void {
  db.run('BEGIN');
  try {
    for (const [at, params] of entry.run) {
      const sql = entry.sql[at];
      if (sql === undefined) throw new Error(`statement ${at} is not in the entry`);
      db.run(sql, params);
    }
    db.run('COMMIT');
  } catch (error) {
    rollback(db);
    throw error;
  }
}

export function journalSeq(db: Sqlite): number {
  const meta = db.get<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
  );
  if (!meta) return 0;
  const row = db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'journal_seq'");
  return row ? Number(row.value) : 0;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Applies the journal entries newer than the database file, in order, up to any damage. */
export async function replayJournal(
  db: Sqlite,
  segments: readonly string[],
): Promise<{ seq: number; warnings: string[]; damaged: boolean }> {
  let seq = journalSeq(db);
  const warnings: string[] = [];
  for (const path of segments) {
    const segment = await readSegment(path);
    for (const entry of segment.entries) {
      if (entry.seq <= seq) continue;
      if (entry.seq !== seq + 1) {
        warnings.push(
          `The journal ${path} skips from change ${seq} to ${entry.seq}; ` +
            'the changes from there on were not restored.',
        );
        return { seq, warnings, damaged: true };
      }
      try {
        applyEntry(db, entry);
      } catch (error) {
        warnings.push(
          `Change ${entry.seq} in ${path} could not be restored (${message(error)}); ` +
            'it and the changes after it were not restored.',
        );
        return { seq, warnings, damaged: true };
      }
      seq = entry.seq;
    }
    if (segment.damagedLine !== null) {
      warnings.push(
        `The journal ${path} is damaged at line ${segment.damagedLine}; ` +
          'the changes from there on were not restored.',
      );
      return { seq, warnings, damaged: true };
    }
  }
  return { seq, warnings, damaged: false };
}
