// Crash safety without killing a process: the library folder copied while a store has it open
// is what a crash at that moment would leave; journals cut short or damaged are read back
// correctly; a failed disk write stops the store instead of letting it drift from the disk.
import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryStore, StoreError } from '../../../main/store/library-store';
import { steppingClock, tempDir } from './helpers';

const open: LibraryStore[] = [];
/** One clock for every store in this file, so a reopened library's times go on forward. */
const clock = steppingClock();
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

async function openLibrary(dir: string, checkpointBytes?: number): Promise<LibraryStore> {
  const store = await LibraryStore.open(dir, {
    reviewer: 'Ada Lovelace',
    now: clock,
    ...(checkpointBytes === undefined ? {} : { checkpointBytes }),
  });
  open.push(store);
  return store;
}

/** A library with one document, and the store still open. */
async function started(checkpointBytes?: number) {
  const dir = await tempDir();
  const store = await openLibrary(dir, checkpointBytes);
  const { meta } = await store.importDocument('brochure.pdf', new TextEncoder().encode('%PDF-1.7'));
  return { dir, store, sha256: meta.sha256 };
}

/** What a crash right now would leave on disk: a copy of the folder, taken while the store is open. */
async function crashCopy(dir: string): Promise<string> {
  const copy = await tempDir('claimlens-crash-');
  await cp(dir, copy, { recursive: true });
  return copy;
}

async function segments(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'journal'))).map((name) => join(dir, 'journal', name));
}

async function noteTexts(store: LibraryStore, sha256: string): Promise<string[]> {
  return (await store.detail(sha256)).notes.map((note) => note.text);
}

describe('journal', () => {
  it('brings back acknowledged changes that never reached the database file', async () => {
    const { dir, store, sha256 } = await started();
    for (const text of ['one', 'two', 'three']) {
      await store.saveNote({ sha256, targetId: sha256, text });
    }
    const copy = await crashCopy(dir);
    expect(await segments(copy)).toHaveLength(1);

    const recovered = await openLibrary(copy);
    expect(await noteTexts(recovered, sha256)).toEqual(['one', 'two', 'three']);
    expect(recovered.warnings()).toEqual([]);
    expect(recovered.verifyAudit()).toEqual({ ok: true });
    // Opening wrote everything into the database file and emptied the journal.
    expect(await segments(copy)).toEqual([]);
  });

  it('ignores a last line cut short by a crash, and keeps working after it', async () => {
    const { dir, store, sha256 } = await started();
    await store.saveNote({ sha256, targetId: sha256, text: 'saved' });
    const copy = await crashCopy(dir);
    const [segment] = await segments(copy);
    const lines = (await readFile(segment!, 'utf8')).split('\n');
    // The start of a line whose write was interrupted: no newline, no end.
    await appendFile(segment!, lines[1]!.slice(0, 40));

    const recovered = await openLibrary(copy);
    expect(recovered.warnings()).toEqual([]);
    expect(await noteTexts(recovered, sha256)).toEqual(['saved']);
    await recovered.saveNote({ sha256, targetId: sha256, text: 'after the crash' });
    const copyAgain = await crashCopy(copy);
    expect(await noteTexts(await openLibrary(copyAgain), sha256)).toEqual([
      'saved',
      'after the crash',
    ]);
  });

  it('does not trust a last line whose checksum does not match', async () => {
    const { dir, store, sha256 } = await started();
    await store.saveNote({ sha256, targetId: sha256, text: 'first' });
    await store.saveNote({ sha256, targetId: sha256, text: 'second' });
    const copy = await crashCopy(dir);
    const [segment] = await segments(copy);
    const text = await readFile(segment!, 'utf8');
    await writeFile(segment!, text.replace('"second"', '"sekond"'));

    const recovered = await openLibrary(copy);
    expect(recovered.warnings()).toEqual([]);
    expect(await noteTexts(recovered, sha256)).toEqual(['first']);
  });

  it('stops at damage in the middle of the journal, keeps the journal aside and says so', async () => {
    const { dir, store, sha256 } = await started();
    for (const text of ['one', 'two', 'three']) {
      await store.saveNote({ sha256, targetId: sha256, text });
    }
    const copy = await crashCopy(dir);
    const [segment] = await segments(copy);
    const lines = (await readFile(segment!, 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('"two"', '"2wo"');
    await writeFile(segment!, lines.join('\n'));

    const recovered = await openLibrary(copy);
    expect(await noteTexts(recovered, sha256)).toEqual(['one']);
    const aside = (await readdir(copy)).filter((name) => name.startsWith('journal-damaged-'));
    expect(aside).toHaveLength(1);
    expect(recovered.warnings()).toEqual([
      `The journal ${segment!} is damaged at line 3; the changes from there on were not restored.`,
      `The damaged journal was kept in ${join(copy, aside[0]!)} for inspection.`,
    ]);
    expect(recovered.audit().at(-1)).toMatchObject({ action: 'library.recovered' });
    expect(recovered.verifyAudit()).toEqual({ ok: true });
  });

  it('checkpoints during a burst of saves without losing any', async () => {
    const { dir, store, sha256 } = await started(4096);
    const texts = Array.from({ length: 4 }, (_, worker) =>
      Array.from({ length: 60 }, (_, i) => `note ${worker}-${i} ${'x'.repeat(100)}`),
    );
    // Four writers saving one note after another, as fast as they can.
    await Promise.all(
      texts.map(async (list) => {
        for (const text of list) await store.saveNote({ sha256, targetId: sha256, text });
      }),
    );
    await store.close();
    open.splice(0);
    expect(await segments(dir)).toEqual([]);
    const reopened = await openLibrary(dir);
    expect((await noteTexts(reopened, sha256)).sort()).toEqual(texts.flat().sort());
    expect(reopened.verifyAudit()).toEqual({ ok: true });
  });

  it('stops accepting changes after a failed disk write, and keeps what was acknowledged', async () => {
    const { dir, store, sha256 } = await started();
    await store.saveNote({ sha256, targetId: sha256, text: 'acknowledged' });
    // The next segment cannot be created: the folder is gone (as on a removed or failing disk).
    await store.close();
    open.splice(0);
    const reopened = await openLibrary(dir);
    await rm(join(dir, 'journal'), { recursive: true });

    const failure: unknown = await reopened
      .saveNote({ sha256, targetId: sha256, text: 'refused' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).code).toBe('STORE_FAILED');
    expect((failure as StoreError).message).toBe(
      'The change could not be saved to disk: a file or folder is missing (ENOENT). ' +
        'Close and reopen the library; changes not shown as saved were not kept.',
    );
    expect(() => reopened.list()).toThrow(
      /Close and reopen it; changes not shown as saved were not kept/,
    );
    await reopened.close();
    open.splice(0);

    expect(await noteTexts(await openLibrary(dir), sha256)).toEqual(['acknowledged']);
  });

  it('will not start an empty library over a journal whose database file is gone', async () => {
    const { dir, store, sha256 } = await started();
    await store.saveNote({ sha256, targetId: sha256, text: 'saved' });
    const copy = await crashCopy(dir);
    await rm(join(copy, 'library.sqlite'));
    const failure: unknown = await LibraryStore.open(copy).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).message).toContain(
      'is missing, but ' + join(copy, 'journal') + ' holds saved changes',
    );
  });
});
