// Files the operating system asks the app to open: which command-line arguments are documents,
// and their import into a real library: every kind the app reads, told by its bytes, and a plain
// refusal for anything else.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { documentPaths, importPaths } from '../../main/open-files';
import { LibraryStore } from '../../main/store/library-store';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
const root = mkdtempSync(join(tmpdir(), 'claimlens-open-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('documentPaths', () => {
  it('takes every argument that is not a flag as a path from the launch folder, file: URLs too', () => {
    const args = [
      '--no-sandbox',
      'Price list.PDF',
      '-psn_0_12345',
      'notes.txt',
      join(FIXTURES, 'datasheet.docx'),
      pathToFileURL(join(root, 'Product page (2024).html')).href,
      '',
    ];
    expect(documentPaths(args, root)).toEqual([
      join(root, 'Price list.PDF'),
      join(root, 'notes.txt'),
      join(FIXTURES, 'datasheet.docx'),
      join(root, 'Product page (2024).html'),
    ]);
  });
});

describe('importPaths', () => {
  it('copies each readable file into the library, names the others and returns the last', async () => {
    const store = await LibraryStore.open(join(root, 'library'));
    const logged: string[] = [];
    try {
      const { last, refused } = await importPaths(
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
      expect(refused).toEqual([`gone.pdf: There is no such file (${join(root, 'gone.pdf')}).`]);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/could not open .*gone\.pdf/);
    } finally {
      await store.close();
    }
  });

  it('opens every kind the app reads, told by its bytes, and refuses the rest in plain words', async () => {
    const store = await LibraryStore.open(join(root, 'kinds'));
    try {
      const readable = [
        'datasheet.docx',
        'product-page.html',
        'plain.txt',
        'scanned-page.png',
        'scanned-page.jpg',
      ];
      // A PDF saved under another name is still a PDF; a GIF named .png is still a GIF.
      const renamed = join(root, 'brochure copy.bin');
      writeFileSync(renamed, readFileSync(join(FIXTURES, 'brochure-3p.pdf')));
      writeFileSync(join(root, 'logo.png'), 'GIF89a');
      writeFileSync(join(root, 'archive.zip'), Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0));
      writeFileSync(join(root, 'empty.pdf'), '');
      mkdirSync(join(root, 'brochures'), { recursive: true });
      const { last, refused } = await importPaths(
        store,
        [
          ...readable.map((name) => join(FIXTURES, name)),
          renamed,
          join(root, 'logo.png'),
          join(root, 'archive.zip'),
          join(root, 'empty.pdf'),
          join(root, 'brochures'),
        ],
        () => undefined,
      );
      expect(
        store
          .list()
          .map((d) => d.fileName)
          .sort(),
      ).toEqual([...readable, 'brochure copy.bin'].sort());
      expect(last).toBe(store.list().find((d) => d.fileName === 'brochure copy.bin')!.sha256);
      const reads =
        'ClaimLens reads PDF, Word (.docx), saved web pages (.html), PNG and JPEG images and ' +
        'plain text';
      expect(refused).toEqual([
        `logo.png: ${reads}; this is a GIF image.`,
        `archive.zip: ${reads}; this is a ZIP archive (perhaps a Word or Excel file).`,
        'empty.pdf: The file is empty (0 bytes).',
        'brochures: It is a folder; use "Open folder…" to import every document in it.',
      ]);
    } finally {
      await store.close();
    }
  });
});
