// `claimlens export` run as a user runs it (the launcher, a real process) on a real library
// folder and on fixture files: the files it writes, its exit codes and its errors.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../store/helpers';
import { BROCHURE, makeLibrary, NOTE_TEXT, ROOT } from './helpers';

const launcher = join(ROOT, 'main', 'cli', 'claimlens.mjs');

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, 'export', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('claimlens export', () => {
  it('writes an annotated copy of a library document whose prefix is the original', async () => {
    const lib = await makeLibrary();
    const out = join(await tempDir('claimlens-cli-export-'), 'copy.pdf');
    const run = claimlens([
      '--library',
      lib.dir,
      lib.sha256.slice(0, 10),
      '--format',
      'annotated-pdf',
      '--out',
      out,
    ]);
    expect(run.stderr).toMatch(/^Wrote .*copy\.pdf: \d+ annotations appended to brochure-3p\.pdf/);
    expect(run.code).toBe(0);
    const bytes = readFileSync(out);
    const original = readFileSync(BROCHURE);
    expect(createHash('sha256').update(bytes.subarray(0, original.length)).digest('hex')).toBe(
      lib.sha256,
    );
  });

  it('prints CSV, JSON and W3C annotations of a library document with its notes', async () => {
    const lib = await makeLibrary();
    const csv = claimlens(['--library', lib.dir, 'brochure-3p.pdf', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^document_sha256,file_name,kind,id,page,quote/);
    expect(csv.stdout).toContain(NOTE_TEXT);
    const json = JSON.parse(
      claimlens(['--library', lib.dir, lib.sha256, '--format', 'json']).stdout,
    ) as { rows: unknown[] };
    expect(json.rows.length).toBeGreaterThan(3);
    const w3c = JSON.parse(
      claimlens(['--library', lib.dir, lib.sha256, '--format', 'w3c']).stdout,
    ) as { type: string; total: number };
    expect(w3c.type).toBe('AnnotationCollection');
    expect(w3c.total).toBeGreaterThan(3);
  });

  it('exits 2 with the reason, and writes nothing, when a document cannot be exported', async () => {
    const dir = await tempDir('claimlens-cli-export-');
    const out = join(dir, 'out.csv');
    const run = claimlens([
      BROCHURE,
      'test/fixtures/files/encrypted.pdf',
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/encrypted\.pdf: The PDF is protected by a password/);
    expect(existsSync(out)).toBe(false);
    const usage = claimlens([BROCHURE, '--format', 'annotated-pdf']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs --out FILE/);
    const two = claimlens([
      BROCHURE,
      BROCHURE.replace('brochure-3p', 'libreoffice-en'),
      '--format',
      'annotated-pdf',
      '--out',
      join(dir, 'x.pdf'),
    ]);
    expect(two.stderr).toMatch(/one document at a time/);
    const lib = await makeLibrary();
    const missing = claimlens(['--library', lib.dir, 'nothing-like-this.pdf', '--format', 'csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No document in the library matches "nothing-like-this\.pdf"/);
  });
});
