// The evidence source: a real library folder and a real fixture PDF give an export everything it
// needs (triage, notes, highlights, page texts, audit, provenance), and refuse what they must.
import { createHash } from 'node:crypto';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { ENGINE_VERSION } from '../../../shared/analysis/engine';
import { DocumentDetail } from '../../../shared/model/library';
import { gatherEvidence } from '../../../main/export/document-args';
import { EvidenceError, selectDocument } from '../../../main/export/evidence-source';
import { tempDir } from '../store/helpers';
import { analyseFixture, BROCHURE, LIBREOFFICE, makeLibrary, NOTE_TEXT } from './helpers';

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function letters(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

async function rejection(promise: Promise<unknown>): Promise<EvidenceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EvidenceError);
  return error as EvidenceError;
}

describe('evidence from a file analysed on the spot', () => {
  it('reads the PDF with the engine: findings need review, page texts hold their quotes', async () => {
    const doc = await analyseFixture();
    expect(DocumentDetail.parse(doc.detail)).toEqual(doc.detail);
    expect(doc.source).toBe('file');
    expect(doc.detail.meta.fileName).toBe('brochure-3p.pdf');
    expect(doc.detail.meta.pages).toBe(3);
    expect(sha(doc.bytes)).toBe(doc.detail.meta.sha256);
    expect(doc.detail.findings.length).toBeGreaterThan(5);
    expect(doc.detail.notes).toEqual([]);
    for (const { finding, status } of doc.detail.findings) {
      expect(status).toBe('needs-review');
      const text = doc.pageTexts.get(finding.page)!;
      // The quote is the page text's span with line-end hyphens and spaces joined.
      expect(letters(text.slice(finding.start, finding.end))).toBe(letters(finding.quote));
    }
    expect(doc.engine).toBe(ENGINE_VERSION);
    expect(doc.tool).toEqual({ name: 'claimlens', version: packageJson.version });
    expect(doc.rulePacks.length).toBeGreaterThan(0);
    for (const pack of doc.rulePacks) expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.reviewer).toBe('tester');
  });

  it('says plainly why an encrypted or missing file cannot be exported', async () => {
    const encrypted = await rejection(
      gatherEvidence({ documents: [join(BROCHURE, '..', 'encrypted.pdf')] }),
    );
    expect(encrypted.code).toBe('UNREADABLE');
    expect(encrypted.message).toMatch(/password/);
    const missing = await rejection(gatherEvidence({ documents: ['no-such-file.pdf'] }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no such file.*--library/);
  });
});

describe('evidence from a library', () => {
  it('carries triage, notes, the user highlight, page texts, audit and provenance', async () => {
    const lib = await makeLibrary();
    const [doc] = await gatherEvidence({ library: lib.dir, documents: [lib.sha256] });
    expect(doc!.source).toBe('library');
    expect(sha(doc!.bytes)).toBe(lib.sha256);
    expect(doc!.reviewer).toBe('Ada Lawyer');
    const confirmed = doc!.detail.findings.find((f) => f.finding.id === lib.confirmedId)!;
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.statusBy).toBe('Ada Lawyer');
    expect(doc!.detail.notes.map((n) => n.text)).toContain(NOTE_TEXT);
    expect(doc!.detail.highlights.map((h) => h.id)).toEqual([lib.highlightId]);
    expect([...doc!.pageTexts.keys()]).toEqual([1, 2, 3]);
    const actions = doc!.audit.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['analysis.saved', 'finding.status']));
    expect(doc!.audit.every((r) => r.detail.includes(lib.sha256))).toBe(true);
    expect(doc!.engine).toBe(ENGINE_VERSION);
    expect(doc!.rulePacks.every((p) => p.version !== '' && /^[0-9a-f]{64}$/.test(p.sha256))).toBe(
      true,
    );
  });

  it('finds a document by hash prefix or file name and says when a name is unknown', async () => {
    const lib = await makeLibrary();
    const byPrefix = await gatherEvidence({
      library: lib.dir,
      documents: [lib.sha256.slice(0, 8)],
    });
    const byName = await gatherEvidence({ library: lib.dir, documents: ['brochure-3p.pdf'] });
    expect(byPrefix[0]!.detail.meta.sha256).toBe(lib.sha256);
    expect(byName[0]!.detail.meta.sha256).toBe(lib.sha256);
    const unknown = await rejection(gatherEvidence({ library: lib.dir, documents: ['other.pdf'] }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('brochure-3p.pdf');
  });

  it('refuses an original that was altered on disk', async () => {
    const lib = await makeLibrary();
    const originals = join(lib.dir, 'originals');
    const [file] = await readdir(originals);
    await chmod(join(originals, file!), 0o644);
    await writeFile(join(originals, file!), 'altered');
    const error = await rejection(gatherEvidence({ library: lib.dir, documents: [lib.sha256] }));
    expect(error.code).toBe('VERIFICATION');
    expect(error.message).toMatch(/altered on disk/);
  });

  it('refuses a folder that is not a library, and --rules with --library', async () => {
    const empty = await tempDir();
    expect((await rejection(gatherEvidence({ library: empty, documents: ['x'] }))).message).toMatch(
      /not a ClaimLens library/,
    );
    const lib = await makeLibrary(LIBREOFFICE);
    const error = await rejection(
      gatherEvidence({ library: lib.dir, rules: ['my.yaml'], documents: [lib.sha256] }),
    );
    expect(error.code).toBe('USAGE');
    // The library open in another ClaimLens (process 1 always runs): said in words, not thrown.
    await writeFile(join(lib.dir, 'library.lock'), JSON.stringify({ pid: 1, host: hostname() }));
    const locked = await rejection(gatherEvidence({ library: lib.dir, documents: [lib.sha256] }));
    expect(locked.message).toMatch(/open in another ClaimLens window or command/);
  });
});

describe('selectDocument', () => {
  const meta = (sha256: string, fileName: string) =>
    ({ sha256, fileName }) as Parameters<typeof selectDocument>[0][number];
  const docs = [
    meta('abcdef01'.padEnd(64, '0'), 'a.pdf'),
    meta('abcdef02'.padEnd(64, '0'), 'a.pdf'),
  ];

  it('asks for more characters when a prefix or name matches two documents', () => {
    expect(() => selectDocument(docs, 'abcdef')).toThrow(/matches 2 documents/);
    expect(() => selectDocument(docs, 'a.pdf')).toThrow(/matches 2 documents/);
    expect(selectDocument(docs, 'abcdef02').sha256).toBe(docs[1]!.sha256);
  });
});
