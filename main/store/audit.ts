// The audit log: one record per change, hash-chained (each record's hash covers the previous
// record's hash and its own fields), so an edited, removed or inserted record shows.
import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../shared/model/library';
import type { Reader, Tx } from './transaction';

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function auditHash(
  prevHash: string,
  seq: number,
  at: string,
  actor: string,
  action: string,
  detail: string,
): string {
  // A JSON array keeps the field boundaries unambiguous ("ab"+"c" never hashes as "a"+"bc").
  return createHash('sha256')
    .update(JSON.stringify([prevHash, seq, at, actor, action, detail]))
    .digest('hex');
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  /** `area.verb`, e.g. `note.saved`, `finding.status`. */
  readonly action: string;
  /** What changed; stored as JSON text. */
  readonly detail: Record<string, unknown>;
}

/** Appends a record inside the change's own transaction, so the change and its record are one. */
export function appendAudit(tx: Tx, entry: AuditEntry): void {
  const last = tx.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
  );
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const detail = JSON.stringify(entry.detail);
  const hash = auditHash(prevHash, seq, entry.at, entry.actor, entry.action, detail);
  tx.run(
    'INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [seq, entry.at, entry.actor, entry.action, detail, prevHash, hash],
  );
}

export function readAudit(db: Reader): AuditRecord[] {
  return db.all<AuditRow>('SELECT * FROM audit ORDER BY seq').map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

export type AuditVerdict = { ok: true } | { ok: false; seq: number; reason: string };

/** Recomputes the chain from the first record and names the first one that breaks it. */
export function verifyAudit(db: Reader): AuditVerdict {
  return verifyAuditRecords(readAudit(db));
}

/**
 * The same check over records read from elsewhere (an evidence bundle's audit log), in the order
 * given: numbered from 1 without gaps, each linked to the one before, each matching its hash.
 */
export function verifyAuditRecords(records: Iterable<AuditRecord>): AuditVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const row of records) {
    if (row.seq !== expectedSeq) {
      return {
        ok: false,
        seq: row.seq,
        reason:
          row.seq > expectedSeq
            ? `Audit record ${expectedSeq} is missing: the log jumps from record ${expectedSeq - 1} to ${row.seq}.`
            : `Audit record ${row.seq} is out of order.`,
      };
    }
    if (row.prevHash !== prevHash) {
      return {
        ok: false,
        seq: row.seq,
        reason: `Audit record ${row.seq} does not link to record ${row.seq - 1}: a record before it was changed, removed or inserted.`,
      };
    }
    const hash = auditHash(row.prevHash, row.seq, row.at, row.actor, row.action, row.detail);
    if (hash !== row.hash) {
      return {
        ok: false,
        seq: row.seq,
        reason: `Audit record ${row.seq} (${row.action}, ${row.at}) was changed after it was written: its contents no longer match its hash.`,
      };
    }
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true };
}
