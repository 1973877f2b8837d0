// Schema migrations: a library written at schema 1 (a real one, kept in fixtures/library-v1)
// opens with everything in it; a later migration runs once on top of it; a library from a newer
// version, or a migration that fails, leaves the folder as it was and says why.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableDb } from '../../../main/store/durable-db';
import { LibraryStore, StoreError } from '../../../main/store/library-store';
import { MIGRATIONS, type Migration } from '../../../main/store/migrations';
import { steppingClock, tempDir } from './helpers';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'library-v1');
const SHA256 = 'ba26a34bf6e46a093884a1af824c262323997670aa30f6c6510777d0edceb544';

async function fixtureCopy(): Promise<string> {
  const dir = await tempDir('claimlens-v1-');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

/** What a next migration could look like: a column for coloured notes. */
const NEXT = MIGRATIONS.length + 1;
const colours: Migration = {
  version: NEXT,
  name: 'note colours',
  up: (db) => {
    db.exec("ALTER TABLE notes ADD COLUMN colour TEXT NOT NULL DEFAULT 'yellow'");
  },
};

describe('migrations', () => {
  it('opens a library written at schema 1 with everything in it', async () => {
    const dir = await fixtureCopy();
    const store = await LibraryStore.open(dir);
    try {
      expect(store.reviewer()).toBe('Grace Hopper');
      expect(store.list()).toMatchObject([
        {
          sha256: SHA256,
          fileName: 'sentinel-datasheet.txt',
          bytes: 158,
          pages: 2,
          state: 'analysed',
          tags: ['tender 2026', 'NDAA 889'],
        },
      ]);
      const detail = await store.detail(SHA256);
      expect(detail.verification).toBe('verified');
      // Schema 2 records what an analysis could not check; none was recorded before it.
      expect(detail.warnings).toEqual([]);
      expect(detail.findings).toHaveLength(4);
      expect(detail.findings.map((f) => f.status)).toEqual([
        'confirmed',
        'dismissed',
        'needs-review',
        'needs-review',
      ]);
      expect(detail.notes.map((n) => n.text)).toEqual([
        'Race inference claimed outright: Article 5(1)(g).',
        'Applies to the public, not only staff.',
      ]);
      expect(detail.highlights).toMatchObject([{ page: 2, quote: 'every passer-by' }]);
      expect(store.audit()).toHaveLength(9);
      expect(store.verifyAudit()).toEqual({ ok: true });
      expect((await store.readOriginal(SHA256)).length).toBe(158);
    } finally {
      await store.close();
    }
  });

  it('upgrades a schema 1 library to the current schema, and keeps warnings saved after it', async () => {
    const dir = await fixtureCopy();
    const store = await LibraryStore.open(dir);
    try {
      await store.saveAnalysis({
        sha256: SHA256,
        pages: [
          { page: 1, text: 'Sentinel datasheet' },
          { page: 2, text: '' },
        ],
        findings: [],
        engine: 'test',
        rulePacks: [],
        warnings: ['1 page could not be read and was not checked: 2.'],
      });
    } finally {
      await store.close();
    }
    const again = await LibraryStore.open(dir);
    try {
      expect((await again.detail(SHA256)).warnings).toEqual([
        '1 page could not be read and was not checked: 2.',
      ]);
      expect((await again.view(SHA256)).warnings).toHaveLength(1);
      await again.markFailed(SHA256, 'The PDF is damaged.');
      expect((await again.detail(SHA256)).warnings).toEqual([]);
    } finally {
      await again.close();
    }
    const db = await DurableDb.open(dir, { now: steppingClock() });
    expect(db.all('SELECT version, name FROM schema_version ORDER BY version')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
    await db.close();
  });

  it('runs a later migration once, on top of schema 1', async () => {
    const dir = await fixtureCopy();
    const migrations = [...MIGRATIONS, colours];
    const options = { now: steppingClock(), migrations };
    const db = await DurableDb.open(dir, options);
    expect(db.all('SELECT version, name FROM schema_version ORDER BY version')).toEqual([
      ...MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
      { version: NEXT, name: 'note colours' },
    ]);
    expect(db.all('SELECT colour FROM notes')).toEqual([
      { colour: 'yellow' },
      { colour: 'yellow' },
    ]);
    await db.close();
    // Adding the column a second time would fail: opening again runs nothing.
    const again = await DurableDb.open(dir, options);
    expect(again.get('SELECT count(*) AS n FROM notes')).toEqual({ n: 2 });
    await again.close();
  });

  it('refuses a library from a newer version of ClaimLens, and leaves it as it was', async () => {
    const dir = await fixtureCopy();
    await (
      await DurableDb.open(dir, { now: steppingClock(), migrations: [...MIGRATIONS, colours] })
    ).close();
    const before = await readFile(join(dir, 'library.sqlite'));
    const error: unknown = await LibraryStore.open(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      `This library was last used by a newer version of ClaimLens (database schema ${NEXT}; this ` +
        `version knows schema ${MIGRATIONS.length} at most). Update ClaimLens to open it.`,
    );
    expect(await readFile(join(dir, 'library.sqlite'))).toEqual(before);
  });

  it('leaves the library at its old schema when a migration fails', async () => {
    const dir = await fixtureCopy();
    const broken: Migration = {
      version: NEXT,
      name: 'broken',
      up: (db) => {
        db.exec(
          'ALTER TABLE notes ADD COLUMN colour TEXT; ALTER TABLE no_such_table ADD COLUMN x TEXT',
        );
      },
    };
    const error: unknown = await DurableDb.open(dir, {
      now: steppingClock(),
      migrations: [...MIGRATIONS, broken],
    }).catch((e: unknown) => e);
    expect((error as StoreError).message).toMatch(
      new RegExp(
        `^Could not upgrade the library database to schema ${NEXT} \\(broken\\): ` +
          'no such table: no_such_table\\.$',
      ),
    );
    const store = await LibraryStore.open(dir);
    expect(store.audit()).toHaveLength(9);
    await store.close();
  });
});
