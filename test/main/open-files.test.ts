// Files the operating system asks the app to open: which command-line arguments are documents,
// and their import into a real library.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentPaths, importPaths } from '../../main/open-files';
import { LibraryStore } from '../../main/store/library-store';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
const root = mkdtempSync(join(tmpdir(), 'claimlens-open-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('documentPaths', () => {
  it('keeps existing files of the kinds ClaimLens reads, resolved against the launch folder', () => {
    writeFileSync(join(root, 'Price list.PDF'), '%PDF-1.4\n');
    writeFileSync(join(root, 'notes.txt'), 'text');
    writeFileSync(join(root, 'main.mjs'), 'export {};');
    const args = [
      '/opt/ClaimLens/claimlens',
      '--no-sandbox',
      'main.mjs',
      'Price list.PDF',
      'notes.txt',
      'missing.pdf',
      join(FIXTURES, 'brochure-3p.pdf'),
      join(FIXTURES, 'datasheet.docx'),
    ];
    expect(documentPaths(args, root)).toEqual([
      join(root, 'Price list.PDF'),
      join(root, 'notes.txt'),
      join(FIXTURES, 'brochure-3p.pdf'),
      join(FIXTURES, 'datasheet.docx'),
    ]);
  });
});

describe('importPaths', () => {
  it('copies each readable file into the library, names the others and returns the last', async () => {
    const store = await LibraryStore.open(join(root, 'library'));
    const logged: string[] = [];
    try {
      const last = await importPaths(
        store,
        [join(FIXTURES, 'rotated.pdf'), join(root, 'gone.pdf'), join(FIXTURES, 'brochure-3p.pdf')],
        (message) => logged.push(message),
      );
      const list = store.list();
      expect(list.map((d) => d.fileName).sort()).toEqual(['brochure-3p.pdf', 'rotated.pdf']);
      const brochure = list.find((d) => d.fileName === 'brochure-3p.pdf')!;
      expect(last).toBe(brochure.sha256);
      expect(await store.readOriginal(brochure.sha256)).toEqual(
        new Uint8Array(readFileSync(join(FIXTURES, 'brochure-3p.pdf'))),
      );
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/could not open .*gone\.pdf/);
    } finally {
      await store.close();
    }
  });
});
