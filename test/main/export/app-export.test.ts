// The app's export channel on a real library: files saved under names that replace nothing,
// the same bytes as the command line makes, and a refusal carried as EXPORT_FAILED in words.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocument, saveIntoFolder } from '../../../main/export/app-export';
import { HandlerError } from '../../../main/ipc/dispatch';
import { LibraryStore } from '../../../main/store/library-store';
import { makeLibrary, ROOT } from './helpers';

describe('the export channel', () => {
  it('saves each export in the folder without replacing an earlier one', async () => {
    const lib = await makeLibrary();
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-app-export-'));
    const store = await LibraryStore.open(lib.dir);
    try {
      const save = saveIntoFolder(folder);
      const first = await exportDocument(store, save, { sha256: lib.sha256, format: 'csv' });
      const second = await exportDocument(store, save, { sha256: lib.sha256, format: 'csv' });
      expect(first).toMatchObject({ saved: true, fileName: 'brochure-3p.findings.csv' });
      expect(first.path).toBe(join(folder, 'brochure-3p.findings.csv'));
      expect(second.path).toBe(join(folder, 'brochure-3p.findings (2).csv'));
      expect((await readdir(folder)).sort()).toEqual([
        'brochure-3p.findings (2).csv',
        'brochure-3p.findings.csv',
      ]);
      expect(await readFile(second.path!, 'utf8')).toContain(lib.confirmedId);
      const cancelled = await exportDocument(store, () => Promise.resolve(null), {
        sha256: lib.sha256,
        format: 'w3c',
      });
      expect(cancelled).toMatchObject({ saved: false, path: null });
    } finally {
      await store.close();
    }
  });

  it('says why an annotated copy of a text file cannot be made', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claimlens-app-export-'));
    const store = await LibraryStore.open(dir);
    try {
      const bytes = new Uint8Array(await readFile(join(ROOT, 'test/fixtures/files/plain.txt')));
      const { meta } = await store.importDocument('plain.txt', bytes);
      await store.saveAnalysis({
        sha256: meta.sha256,
        pages: [{ page: 1, text: 'The camera infers ethnicity.' }],
        findings: [],
        engine: 'test',
        rulePacks: [],
      });
      const error = await exportDocument(store, saveIntoFolder(dir), {
        sha256: meta.sha256,
        format: 'annotated-pdf',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HandlerError);
      expect((error as HandlerError).code).toBe('EXPORT_FAILED');
      expect((error as HandlerError).message).toMatch(/plain\.txt is not a PDF/);
    } finally {
      await store.close();
    }
  });
});
