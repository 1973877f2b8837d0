// `claimlens import --library DIR FOLDER...` run as a user runs it: a folder with two editions of a
// brochure, a copy of one of them, a damaged PDF and an empty file; then the same folder again
// (all duplicates), Ctrl-C in the middle of a bigger folder, and `claimlens diff` between two of
// the library's documents.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EditionDiff } from '../../shared/diff/diff';
import { LibraryStore } from '../../main/store/library-store';
import { writeEditions } from './diff-editions';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');

interface Summary {
  files: number;
  cancelled: boolean;
  imported: { path: string; sha256: string; pages: number | null; findings: number }[];
  duplicates: { path: string; sha256: string; sameAs: string; reason: string }[];
  failed: { path: string; sha256: string | null; error: string }[];
  notImported: string[];
}

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
let folder: string;
let library: string;
let editions: { oldPdf: string; newPdf: string };

beforeAll(async () => {
  mkdirSync(join(root, 'test', '.output'), { recursive: true });
  dir = mkdtempSync(join(root, 'test', '.output', 'import-'));
  folder = join(dir, 'brochures');
  mkdirSync(join(folder, 'vendor-a'), { recursive: true });
  editions = await writeEditions(folder);
  copyFileSync(editions.oldPdf, join(folder, 'vendor-a', 'sv-9000-copy.pdf'));
  writeFileSync(join(folder, 'vendor-a', 'damaged.pdf'), '%PDF-1.7\n1 0 obj <<');
  writeFileSync(join(folder, 'empty.txt'), '');
  library = join(dir, 'library');
});

describe('claimlens import', () => {
  let first: Summary;
  beforeAll(() => {
    const run = claimlens(['import', '--library', library, folder, '--format', 'json']);
    expect(run.code).toBe(2);
    first = JSON.parse(run.stdout) as Summary;
    expect(run.stderr).toContain('import: 5 of 5 files (100%)');
  });

  it('imports each distinct readable file once and names the copy as a duplicate', () => {
    expect(first.files).toBe(5);
    expect(first.imported.map((f) => f.path).sort()).toEqual(
      [editions.oldPdf, editions.newPdf].sort(),
    );
    expect(first.imported.find((f) => f.path === editions.newPdf)?.pages).toBe(5);
    expect(first.duplicates).toHaveLength(1);
    expect(first.duplicates[0]).toMatchObject({ reason: 'in-this-run' });
    expect([first.duplicates[0]!.path, first.duplicates[0]!.sameAs].sort()).toEqual(
      [editions.oldPdf, join(folder, 'vendor-a', 'sv-9000-copy.pdf')].sort(),
    );
  });

  it('lists every failure with its reason in plain words', () => {
    expect(first.failed.map((f) => [f.path, f.error])).toEqual([
      [join(folder, 'empty.txt'), 'The file is empty (0 bytes).'],
      [join(folder, 'vendor-a', 'damaged.pdf'), expect.stringMatching(/damaged|cannot|not/i)],
    ]);
  });

  it('stored findings and page texts in the library, as the app would', async () => {
    const store = await LibraryStore.open(library);
    try {
      const docs = store.list();
      const newer = docs.find(
        (d) => d.sha256 === first.imported.find((f) => f.path === editions.newPdf)!.sha256,
      )!;
      expect(newer).toMatchObject({ state: 'analysed', pages: 5 });
      expect(store.pageText(newer.sha256, 3)).toContain('Gait recognition is planned');
      expect((await store.detail(newer.sha256)).findings).toHaveLength(
        first.imported.find((f) => f.path === editions.newPdf)!.findings,
      );
      expect(docs.find((d) => d.fileName === 'damaged.pdf')?.state).toBe('failed');
    } finally {
      await store.close();
    }
  });

  it('imports nothing twice when the folder is imported again', () => {
    const run = claimlens(['import', '--library', library, folder]);
    expect(run.stdout).toMatch(/0 imported, 4 duplicates skipped, 1 failed/);
    expect(run.stdout).toContain('already in the library as damaged.pdf (it could not be read:');
  });

  it('compares two library documents by SHA-256 prefix and file name', () => {
    const oldSha = first.imported.find((f) => f.path === editions.oldPdf)!.sha256;
    const run = claimlens([
      'diff',
      '--library',
      library,
      oldSha.slice(0, 10),
      'sv-9000-2024.pdf',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const diff = EditionDiff.loose().parse(JSON.parse(run.stdout));
    expect(diff.summary).toEqual({ added: 1, removed: 2, changed: 3, unchanged: 2, moved: 1 });
    expect(diff.new.name).toBe('sv-9000-2024.pdf');
  });

  it('keeps what could not be checked or was read by OCR with the document, for the app and reports', async () => {
    const scans = join(dir, 'scans');
    mkdirSync(scans);
    copyFileSync(join(root, 'test/fixtures/files/scanned-no-text.pdf'), join(scans, 'scan.pdf'));
    const scanLibrary = join(dir, 'scan-library');
    const run = claimlens(['import', '--library', scanLibrary, scans, '--ocr-languages', 'eng']);
    expect(run.code).toBe(0);
    const store = await LibraryStore.open(scanLibrary);
    let sha256: string;
    try {
      const [doc] = store.list();
      sha256 = doc!.sha256;
      expect((await store.detail(sha256)).warnings).toEqual([
        expect.stringMatching(
          /^1 page has no text layer .* was read by OCR: page 1 \(\d+ words, mean confidence \d+%\)\.$/,
        ),
      ]);
    } finally {
      await store.close();
    }
    const report = claimlens(['report', '--library', scanLibrary, sha256, '--format', 'html']);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/1 page has no text layer .* was read by OCR/);
  });

  it('refuses a library another process has open, in plain words', async () => {
    const store = await LibraryStore.open(library);
    try {
      const run = claimlens(['import', '--library', library, folder]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is open in another ClaimLens');
    } finally {
      await store.close();
    }
  });

  it('needs --library and a path', () => {
    expect(claimlens(['import', folder]).stderr).toContain('needs --library DIR');
    expect(claimlens(['import', '--library', library]).stderr).toContain('at least one folder');
  });
});

describe('claimlens import, cancelled', () => {
  it('keeps what was saved on Ctrl-C, and a second run imports the rest', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 60; i++) {
      writeFileSync(
        join(many, `note-${String(i).padStart(2, '0')}.txt`),
        `Datasheet ${i}. The camera performs face recognition against watchlists.\n`,
      );
    }
    const lib = join(dir, 'library-cancel');
    const child = spawn(
      process.execPath,
      [launcher, 'import', '--library', lib, many, '--format', 'json', '--jobs', '1'],
      {
        cwd: root,
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let signalled = false;
    child.stderr.on('data', (d: Buffer) => {
      if (!signalled && d.toString().includes('import: ')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(signalled).toBe(true);
    expect(code).toBe(2);
    const cancelled = JSON.parse(stdout) as Summary;
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.notImported.length).toBeGreaterThan(0);
    expect(cancelled.imported.length + cancelled.notImported.length).toBe(60);

    const rest = JSON.parse(
      claimlens(['import', '--library', lib, many, '--format', 'json']).stdout,
    ) as Summary;
    expect(rest.duplicates).toHaveLength(cancelled.imported.length);
    expect(rest.imported).toHaveLength(cancelled.notImported.length);
    expect(rest.cancelled).toBe(false);
  });
});
