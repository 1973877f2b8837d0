// The audit log's hash chain: every change is recorded, the chain links each record to the one
// before, and an edit made to the database file behind ClaimLens's back is caught and named.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditRecord } from '../../../shared/model/library';
import { auditHash, GENESIS_HASH } from '../../../main/store/audit';
import { LibraryStore } from '../../../main/store/library-store';
import { loadSqlite, Sqlite } from '../../../main/store/sqlite';
import { makeUpload, steppingClock, tempDir } from './helpers';

/** A library with one record of every kind of change, closed (so all of it is in library.sqlite). */
async function libraryWithHistory(): Promise<string> {
  const dir = await tempDir();
  const store = await LibraryStore.open(dir, { reviewer: 'Ada Lovelace', now: steppingClock() });
  const { meta } = await store.importDocument('brochure.pdf', new TextEncoder().encode('%PDF-1.7'));
  const upload = makeUpload(meta.sha256, 2, 2);
  await store.saveAnalysis(upload);
  await store.setStatus(meta.sha256, upload.findings[0]!.id, 'confirmed');
  const note = await store.saveNote({
    sha256: meta.sha256,
    targetId: upload.findings[0]!.id,
    text: 'Key claim.',
  });
  await store.saveNote({
    sha256: meta.sha256,
    targetId: note.targetId,
    text: 'Key claim, p.1.',
    noteId: note.id,
  });
  const highlight = await store.addHighlight({
    sha256: meta.sha256,
    page: 1,
    quote: 'gait',
    quads: [[0, 1, 2, 1, 0, 0, 2, 0]],
  });
  await store.removeHighlight(meta.sha256, highlight.id);
  await store.deleteNote(meta.sha256, note.id);
  await store.setTags(meta.sha256, ['tender 2026']);
  await store.markFailed(meta.sha256, 'Damaged page 2.');
  await store.setReviewer('Grace Hopper');
  await store.close();
  return dir;
}

/** Edits library.sqlite directly, as someone with access to the folder could. */
async function tamper(dir: string, ...statements: string[]): Promise<void> {
  const path = join(dir, 'library.sqlite');
  const sql = await loadSqlite();
  const db = new Sqlite(new sql.Database(await readFile(path)));
  for (const statement of statements) db.exec(statement);
  await writeFile(path, db.export());
  db.close();
}

async function verdict(dir: string): Promise<ReturnType<LibraryStore['verifyAudit']>> {
  const store = await LibraryStore.open(dir);
  try {
    return store.verifyAudit();
  } finally {
    await store.close();
  }
}

describe('audit log', () => {
  it('records every change, each linked to the one before by its hash', async () => {
    const dir = await libraryWithHistory();
    const store = await LibraryStore.open(dir);
    const records = store.audit();
    await store.close();
    expect(records.map((r) => r.action)).toEqual([
      'document.imported',
      'analysis.saved',
      'finding.status',
      'note.created',
      'note.updated',
      'highlight.added',
      'highlight.removed',
      'note.deleted',
      'document.tags',
      'analysis.failed',
      'reviewer.set',
    ]);
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    for (const [i, record] of records.entries()) {
      expect(AuditRecord.parse(record)).toEqual(record);
      expect(record.prevHash).toBe(i === 0 ? GENESIS_HASH : records[i - 1]!.hash);
      expect(record.hash).toBe(
        auditHash(
          record.prevHash,
          record.seq,
          record.at,
          record.actor,
          record.action,
          record.detail,
        ),
      );
    }
    expect(records[0]!.actor).toBe('Ada Lovelace');
    expect(JSON.parse(records.at(-1)!.detail)).toEqual({
      from: 'Ada Lovelace',
      to: 'Grace Hopper',
    });
    expect(await verdict(dir)).toEqual({ ok: true });
  });

  it('names the record whose contents were edited in the database file', async () => {
    const dir = await libraryWithHistory();
    await tamper(
      dir,
      `UPDATE audit SET detail = replace(detail, '"to":"confirmed"', '"to":"dismissed"') WHERE seq = 3`,
    );
    expect(await verdict(dir)).toEqual({
      ok: false,
      seq: 3,
      reason:
        'Audit record 3 (finding.status, 2026-01-05T09:00:04.000Z) was changed after it was written: ' +
        'its contents no longer match its hash.',
    });
  });

  it('catches an edit whose hash was recomputed, at the next record', async () => {
    const dir = await libraryWithHistory();
    const store = await LibraryStore.open(dir);
    const record = store.audit()[3]!;
    await store.close();
    const forged = record.detail.replace('Key claim.', 'Weak claim.');
    const hash = auditHash(
      record.prevHash,
      record.seq,
      record.at,
      record.actor,
      record.action,
      forged,
    );
    await tamper(
      dir,
      `UPDATE audit SET detail = '${forged.replace(/'/g, "''")}', hash = '${hash}' WHERE seq = 4`,
    );
    expect(await verdict(dir)).toMatchObject({ ok: false, seq: 5 });
  });

  it('catches a removed record', async () => {
    const dir = await libraryWithHistory();
    await tamper(dir, 'DELETE FROM audit WHERE seq = 2');
    expect(await verdict(dir)).toEqual({
      ok: false,
      seq: 3,
      reason: 'Audit record 2 is missing: the log jumps from record 1 to 3.',
    });
  });
});
