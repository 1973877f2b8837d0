// Evidence bundles: `claimlens bundle` on a real library (a fixture PDF analysed, triaged and
// noted) and on files analysed on the spot, then `claimlens verify` on the bundle as written and
// after tampering with each kind of file in it, as a careless and as a careful forger would.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleEvidence } from '../../../main/export/bundle-evidence';
import { BundleManifest } from '../../../main/export/bundle-manifest';
import { isSafePath } from '../../../main/export/bundle';
import { gatherEvidence } from '../../../main/export/document-args';
import { verifyBundle } from '../../../main/export/verify';
import { LibraryStore } from '../../../main/store/library-store';
import { tempDir } from '../store/helpers';
import { BROCHURE, makeLibrary, ROOT, type LibraryFixture } from './helpers';

const launcher = join(ROOT, 'main', 'cli', 'claimlens.mjs');
const PLAIN = join(ROOT, 'test/fixtures/files/plain.txt');

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

type Files = Record<string, Uint8Array>;

/** Unpacks, lets `edit` change the files, packs again. */
function tamper(zip: Uint8Array, edit: (files: Files) => void): Uint8Array {
  const files = unzipSync(zip);
  edit(files);
  return zipSync(files);
}

/** What a careful forger adds: manifest.json and SHA256SUMS rewritten to fit the edited files. */
function reseal(files: Files): void {
  const manifest = BundleManifest.parse(JSON.parse(strFromU8(files['manifest.json']!)));
  const next = {
    ...manifest,
    files: manifest.files.map((f) => ({
      ...f,
      size: files[f.path]!.length,
      sha256: sha(files[f.path]!),
    })),
  };
  files['manifest.json'] = strToU8(JSON.stringify(next, null, 2) + '\n');
  files['SHA256SUMS'] = strToU8(
    [
      `${sha(files['manifest.json'])}  manifest.json`,
      ...next.files.map((f) => `${f.sha256}  ${f.path}`),
    ].join('\n') + '\n',
  );
}

function problems(zip: Uint8Array): string[] {
  const result = verifyBundle(zip);
  if (result.status === 'unreadable') throw new Error(`unreadable: ${result.reason}`);
  return result.problems;
}

/** One byte changed at `offset` (from the end when negative). */
function flipByte(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = offset < 0 ? copy.length + offset : offset;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}

let library: LibraryFixture;
let zip: Uint8Array;
let manifest: BundleManifest;
let bundleRun: ReturnType<typeof claimlens>;
let out: string;

beforeAll(async () => {
  library = await makeLibrary();
  out = join(await tempDir('claimlens-bundle-'), 'evidence.zip');
  bundleRun = claimlens([
    'bundle',
    '--library',
    library.dir,
    library.sha256.slice(0, 10),
    '--out',
    out,
  ]);
  zip = new Uint8Array(readFileSync(out));
  manifest = BundleManifest.parse(JSON.parse(strFromU8(unzipSync(zip)['manifest.json']!)));
});

const pathOf = (role: string): string => manifest.files.find((f) => f.role === role)!.path;

describe('claimlens bundle from a library', () => {
  it('writes the bundle and says what went in', () => {
    expect(bundleRun.code).toBe(0);
    expect(bundleRun.stderr).toContain(`Wrote ${out} (`);
    expect(bundleRun.stderr).toContain(`brochure-3p.pdf  sha256 ${library.sha256}`);
    expect(bundleRun.stderr).toContain("(the library's chain)");
  });

  it('holds the original, annotated copy, reports, annotations, findings and audit log, hashed', () => {
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([
      'manifest.json',
      'SHA256SUMS',
      `annotated/${library.sha256}.annotated.pdf`,
      'annotations/annotations.jsonld',
      'audit/audit.jsonl',
      'findings/findings.csv',
      'findings/findings.json',
      `originals/${library.sha256}.pdf`,
      'report/report.html',
      'report/report.pdf',
    ]);
    expect(files[`originals/${library.sha256}.pdf`]).toEqual(
      new Uint8Array(readFileSync(BROCHURE)),
    );
    for (const f of manifest.files) {
      expect(sha(files[f.path]!), f.path).toBe(f.sha256);
      expect(files[f.path]!.length, f.path).toBe(f.size);
    }
    const annotated = files[`annotated/${library.sha256}.annotated.pdf`]!;
    expect(sha(annotated.subarray(0, readFileSync(BROCHURE).length))).toBe(library.sha256);
    expect(strFromU8(files['report/report.html']!)).toContain('brochure-3p.pdf');
    expect(strFromU8(files['report/report.pdf']!.subarray(0, 5))).toBe('%PDF-');
    expect(strFromU8(files['annotations/annotations.jsonld']!)).toContain(
      `urn:sha256:${library.sha256}`,
    );
    expect(strFromU8(files['findings/findings.csv']!)).toContain(library.sha256);
    expect(manifest.omitted).toEqual([]);
  });

  it('the manifest names tool, engine, packs, reviewer, UTC time and the chain head', async () => {
    expect(manifest.format).toBe('claimlens-evidence-bundle');
    expect(manifest.reviewer).toBe('Ada Lawyer');
    expect(manifest.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(manifest.tool.name).toBe('claimlens');
    expect(manifest.engine).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.rulePacks.map((p) => p.id)).toContain('claimlens.core');
    expect(manifest.rulePacks.every((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
    expect(manifest.documents).toEqual([
      expect.objectContaining({
        sha256: library.sha256,
        fileName: 'brochure-3p.pdf',
        pages: 3,
        source: 'library',
        notes: 3,
      }),
    ]);
    const store = await LibraryStore.open(library.dir);
    const audit = store.audit();
    await store.close();
    expect(manifest.audit).toEqual({
      path: 'audit/audit.jsonl',
      records: audit.length,
      headHash: audit.at(-1)!.hash,
      scope: 'library',
    });
    const lines = strFromU8(unzipSync(zip)['audit/audit.jsonl']!).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(audit);
    expect(lines.some((l) => l.includes('note.saved') || l.includes('note'))).toBe(true);
  });

  it('SHA256SUMS checks every file, manifest.json included, in sha256sum format', () => {
    const sums = strFromU8(unzipSync(zip)['SHA256SUMS']!).trimEnd().split('\n');
    expect(sums).toHaveLength(manifest.files.length + 1);
    expect(sums[0]).toBe(`${sha(unzipSync(zip)['manifest.json']!)}  manifest.json`);
  });

  it('claimlens verify: intact, exit 0', () => {
    const run = claimlens(['verify', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${out}: INTACT`);
    expect(run.stdout).toContain(
      `${manifest.files.length} files match manifest.json and SHA256SUMS`,
    );
    expect(verifyBundle(zip)).toMatchObject({ status: 'intact', problems: [] });
  });
});

describe('claimlens verify catches tampering', () => {
  const original = (): string => `originals/${library.sha256}.pdf`;

  it('an original changed', () => {
    const path = original();
    const found = problems(tamper(zip, (f) => void (f[path] = flipByte(f[path]!, 200))));
    expect(found).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${path} was changed: it hashes to [0-9a-f]{16}\\.\\.\\.; the manifest records ${library.sha256.slice(0, 16)}\\.\\.\\. \\(the original,`,
        ),
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^The original .* does not hash to the SHA-256 in its name \(it hashes to [0-9a-f]{16}\.\.\.\): the file was altered\.$/,
      ),
    );
  });

  it('an original changed and the manifest rewritten to match: its name still gives it away', () => {
    const path = original();
    const found = problems(
      tamper(zip, (f) => {
        f[path] = flipByte(f[path]!, 200);
        reseal(f);
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(`^The original ${path} does not hash to the SHA-256 in its name`),
      ),
    ]);
  });

  it('the annotated copy changed inside the original part, even with the manifest rewritten', () => {
    const path = pathOf('annotated-pdf');
    const careless = problems(tamper(zip, (f) => void (f[path] = flipByte(f[path]!, 100))));
    expect(careless).toContainEqual(
      expect.stringMatching(new RegExp(`^${path} was changed: .*\\(the annotated PDF copy,`)),
    );
    const careful = problems(
      tamper(zip, (f) => {
        f[path] = flipByte(f[path]!, 100);
        reseal(f);
      }),
    );
    expect(careful).toEqual([
      `The annotated copy ${path} does not begin with the original brochure-3p.pdf unchanged: its first ${readFileSync(BROCHURE).length} bytes do not hash to the original's SHA-256 (${library.sha256.slice(0, 16)}...).`,
    ]);
  });

  it('the W3C annotations changed', () => {
    const path = pathOf('annotations');
    const found = problems(
      tamper(zip, (f) => {
        f[path] = strToU8(strFromU8(f[path]!).replace('brochure-3p.pdf', 'brochure-4p.pdf'));
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^annotations\/annotations\.jsonld was changed: .* \(the W3C annotations, /,
      ),
    ]);
  });

  it('the findings table changed', () => {
    const path = pathOf('findings-csv');
    const found = problems(tamper(zip, (f) => void (f[path] = flipByte(f[path]!, -3))));
    expect(found).toEqual([
      expect.stringMatching(/^findings\/findings\.csv was changed: .* \(the findings as CSV, /),
    ]);
  });

  it('the report changed', () => {
    const path = pathOf('report-html');
    const found = problems(
      tamper(zip, (f) => {
        f[path] = strToU8(strFromU8(f[path]!).replace('brochure-3p.pdf', 'other.pdf'));
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(`^${path} was changed: .* \\(the HTML report, \\d+ bytes, SHA-256 `),
      ),
    ]);
  });

  it('an audit record edited: the manifest catches it, and the chain does when the manifest is rewritten', () => {
    const edit = (f: Files): void => {
      const lines = strFromU8(f['audit/audit.jsonl']!).split('\n');
      const record = JSON.parse(lines[1]!) as { actor: string };
      record.actor = 'Someone Else';
      lines[1] = JSON.stringify(record);
      f['audit/audit.jsonl'] = strToU8(lines.join('\n'));
    };
    expect(problems(tamper(zip, edit))).toContainEqual(
      expect.stringMatching(/^audit\/audit\.jsonl was changed: /),
    );
    const careful = problems(
      tamper(zip, (f) => {
        edit(f);
        reseal(f);
      }),
    );
    expect(careful).toEqual([
      expect.stringMatching(
        /^The audit log is broken: Audit record 2 \(.*\) was changed after it was written: its contents no longer match its hash\.$/,
      ),
    ]);
  });

  it('an audit record removed from the middle, or the last one dropped', () => {
    const drop =
      (index: number) =>
      (f: Files): void => {
        const lines = strFromU8(f['audit/audit.jsonl']!).trimEnd().split('\n');
        lines.splice(index < 0 ? lines.length + index : index, 1);
        f['audit/audit.jsonl'] = strToU8(lines.join('\n') + '\n');
        reseal(f);
      };
    expect(problems(tamper(zip, drop(2)))).toContainEqual(
      'The audit log is broken: Audit record 3 is missing: the log jumps from record 2 to 4.',
    );
    const last = problems(tamper(zip, drop(-1)));
    expect(last).toContainEqual(
      expect.stringMatching(/^The audit log holds \d+ records; the manifest records \d+\.$/),
    );
    expect(last).toContainEqual(
      expect.stringMatching(
        /^The audit log ends at [0-9a-f]{16}\.\.\.; the manifest records the chain's head as /,
      ),
    );
  });

  it('the manifest itself edited (the reviewer renamed)', () => {
    const found = problems(
      tamper(zip, (f) => {
        f['manifest.json'] = strToU8(
          strFromU8(f['manifest.json']!).replace('Ada Lawyer', 'Eve Forger'),
        );
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^manifest\.json was changed after the bundle was made: it hashes to [0-9a-f]{16}\.\.\., SHA256SUMS records [0-9a-f]{16}\.\.\.\.$/,
      ),
    ]);
  });

  it('a file added', () => {
    const found = problems(
      tamper(zip, (f) => void (f['report/extra-notes.txt'] = strToU8('later'))),
    );
    expect(found).toEqual([
      'report/extra-notes.txt is in the bundle but not in the manifest: it was added after the bundle was made.',
    ]);
  });

  it('a file removed', () => {
    const path = pathOf('report-html');
    const found = problems(tamper(zip, (f) => Reflect.deleteProperty(f, path)));
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${path} is missing: the manifest lists it \\(the HTML report, \\d+ bytes, SHA-256 [0-9a-f]{16}\\.\\.\\.\\), but the bundle does not hold it\\.$`,
        ),
      ),
    ]);
  });

  it('a path that would write outside the folder (zip slip)', () => {
    const found = problems(tamper(zip, (f) => void (f['../../.bashrc'] = strToU8('rm -rf ~'))));
    expect(found).toContainEqual(
      expect.stringMatching(/^The zip holds a file with an unsafe path, "\.\.\/\.\.\/\.bashrc"/),
    );
    for (const bad of ['/etc/passwd', 'C:/x', 'a\\..\\b', 'a//b', './a', 'a/../b', '']) {
      expect(isSafePath(bad), bad).toBe(false);
    }
    expect(isSafePath(`originals/${library.sha256}.pdf`)).toBe(true);
  });

  it('claimlens verify says what does not match and exits 1', async () => {
    const path = join(await tempDir('claimlens-verify-'), 'altered.zip');
    writeFileSync(
      path,
      tamper(zip, (f) => Reflect.deleteProperty(f, pathOf('report-html'))),
    );
    const run = claimlens(['verify', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path}: ALTERED: 1 thing does not match`);
    expect(run.stdout).toContain(`  - ${pathOf('report-html')} is missing: the manifest lists it`);
    const json = claimlens(['verify', path, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'altered',
      problems: [expect.stringContaining('is missing')],
    });
  });

  it('a file that is not a bundle: exit 2 with the reason', async () => {
    const dir = await tempDir('claimlens-verify-');
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'PK but not really a zip');
    const run = claimlens(['verify', notZip]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/not\.zip: NOT A READABLE BUNDLE: it is not a readable zip file \(/);
    const noManifest = join(dir, 'plain.zip');
    writeFileSync(noManifest, zipSync({ 'a.txt': strToU8('hello') }));
    const second = claimlens(['verify', noManifest]);
    expect(second.code).toBe(2);
    expect(second.stdout).toContain(
      'it has no manifest.json, so it is not a ClaimLens evidence bundle.',
    );
    expect(claimlens(['verify', join(dir, 'missing.zip')]).stdout).toContain(
      'there is no such file.',
    );
  });
});

describe('a bundle of files analysed on the spot', () => {
  it('writes a chain of its own for the documents, and is the same bytes for the same input', async () => {
    const now = new Date('2026-02-03T04:05:06Z');
    const docs = await gatherEvidence({ documents: [BROCHURE, PLAIN], reviewer: 'Buyer' }, { now });
    const first = await bundleEvidence(docs, { now });
    const second = await bundleEvidence(docs, { now });
    expect(sha(second.zip)).toBe(sha(first.zip));
    expect(verifyBundle(first.zip)).toMatchObject({ status: 'intact' });
    expect(first.manifest.audit.scope).toBe('bundle');
    const records = strFromU8(unzipSync(first.zip)['audit/audit.jsonl']!)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; actor: string });
    expect(records.map((r) => r.action)).toEqual([
      'document.analysed',
      'document.analysed',
      'bundle.created',
    ]);
    expect(records.every((r) => r.actor === 'Buyer')).toBe(true);
    // A text file has no PDF to annotate: said in the manifest, not silently left out.
    expect(first.manifest.omitted).toEqual([
      expect.stringMatching(/^Annotated PDF copy of plain\.txt: plain\.txt is not a PDF/),
    ]);
    expect(first.manifest.files.map((f) => f.role).sort()).toEqual([
      'annotated-pdf',
      'annotations',
      'audit-log',
      'findings-csv',
      'findings-json',
      'original',
      'original',
      'report-html',
      'report-pdf',
    ]);
  });

  it('refuses to run without --out, or with a document that does not exist', () => {
    const noOut = claimlens(['bundle', BROCHURE]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('Say where to write the bundle: --out FILE.zip.');
    const missing = claimlens(['bundle', 'no-such.pdf', '--out', '/tmp/never-written.zip']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such.pdf: no such file or folder.');
  });
});
