// The library as the app uses it: import, originals kept read-only and verified, analyses that
// keep a reviewer's triage, notes, highlights, tags, reviewer, and everything back after reopening.
import { chmod, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DocumentDetail,
  DocumentMeta,
  DocumentView,
  type RuleText,
  type StoredFindingBrief,
} from '../../../shared/model/library';
import { LibraryStore, StoreError } from '../../../main/store/library-store';
import { makeFinding, makeUpload, steppingClock, tempDir } from './helpers';

const PDF = new TextEncoder().encode(
  '%PDF-1.7\n% a brochure that advertises ethnicity detection\n',
);

const open: LibraryStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

async function library(
  dir?: string,
  reviewer = 'Ada Lovelace',
): Promise<{ dir: string; store: LibraryStore }> {
  const folder = dir ?? (await tempDir());
  const store = await LibraryStore.open(folder, { reviewer, now: steppingClock() });
  open.push(store);
  return { dir: folder, store };
}

async function reopen(dir: string, store: LibraryStore, reviewer?: string): Promise<LibraryStore> {
  await store.close();
  open.splice(open.indexOf(store), 1);
  return (await library(dir, reviewer)).store;
}

/** What the app is shown of a detail: findings without sentence and rule words (once a rule). */
function viewOf(detail: DocumentDetail): DocumentView {
  const rules: Record<string, RuleText> = {};
  const findings = detail.findings.map((stored): StoredFindingBrief => {
    const { explanation, references, sentence, title, ...finding } = stored.finding;
    rules[finding.ruleId] ??= { title, explanation, references };
    return { finding, status: stored.status, statusBy: stored.statusBy, statusAt: stored.statusAt };
  });
  return { ...detail, findings, rules };
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StoreError))
    throw new Error(`expected a StoreError, got ${String(error)}`);
  return error;
}

describe('importing', () => {
  it('stores a file once under its SHA-256, read-only, and returns the same document the second time', async () => {
    const { dir, store } = await library();
    const first = await store.importDocument('/home/ada/Brochures/vendor brochure.PDF', PDF);
    expect(first.created).toBe(true);
    expect(DocumentMeta.parse(first.meta)).toEqual(first.meta);
    expect(first.meta).toMatchObject({
      fileName: 'vendor brochure.PDF',
      bytes: PDF.length,
      pages: null,
      state: 'pending',
      tags: [],
    });
    expect(first.meta.sha256).toMatch(/^[0-9a-f]{64}$/);

    const second = await store.importDocument('copy.pdf', PDF);
    expect(second).toEqual({ meta: first.meta, created: false });
    expect(store.list()).toHaveLength(1);

    const original = join(dir, 'originals', `${first.meta.sha256}.pdf`);
    expect(await readdir(join(dir, 'originals'))).toEqual([`${first.meta.sha256}.pdf`]);
    expect((await stat(original)).mode & 0o777).toBe(0o444);
    expect(new Uint8Array(await readFile(original))).toEqual(PDF);
    expect(store.audit().filter((r) => r.action === 'document.imported')).toHaveLength(1);
  });

  it('lists documents newest first', async () => {
    const { store } = await library();
    await store.importDocument('a.pdf', new TextEncoder().encode('first'));
    await store.importDocument('b.pdf', new TextEncoder().encode('second'));
    await store.importDocument('c.txt', new TextEncoder().encode('third'));
    expect(store.list().map((d) => d.fileName)).toEqual(['c.txt', 'b.pdf', 'a.pdf']);
  });

  it('refuses an empty file in plain words', async () => {
    const { store } = await library();
    const error = await rejection(store.importDocument('empty.pdf', new Uint8Array()));
    expect(error.code).toBe('INVALID');
    expect(error.message).toBe('empty.pdf is empty (0 bytes): there is nothing to keep.');
  });
});

describe('verifying originals', () => {
  it('reports a changed original as failed and refuses to serve it, without repairing it', async () => {
    const { dir, store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    expect((await store.detail(meta.sha256)).verification).toBe('verified');
    expect(await store.readOriginal(meta.sha256)).toEqual(PDF);

    const original = join(dir, 'originals', `${meta.sha256}.pdf`);
    await chmod(original, 0o644);
    const tampered = new TextEncoder().encode('%PDF-1.7\n% a brochure that never mentions it\n');
    await writeFile(original, tampered);

    expect((await store.detail(meta.sha256)).verification).toBe('failed');
    const error = await rejection(store.readOriginal(meta.sha256));
    expect(error.code).toBe('VERIFICATION_FAILED');
    expect(error.message).toContain('has changed since it was imported');
    // Importing the original bytes again does not overwrite the evidence of tampering.
    expect((await store.importDocument('brochure.pdf', PDF)).created).toBe(false);
    expect(new Uint8Array(await readFile(original))).toEqual(tampered);
    // Recorded once, however often it is looked at.
    expect(store.audit().filter((r) => r.action === 'original.failed')).toHaveLength(1);
  });

  it('reports a missing original, and the same bytes imported again restore it', async () => {
    const { dir, store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    await unlink(join(dir, 'originals', `${meta.sha256}.pdf`));
    expect((await store.detail(meta.sha256)).verification).toBe('missing');
    const error = await rejection(store.readOriginal(meta.sha256));
    expect(error.code).toBe('VERIFICATION_FAILED');
    expect(error.message).toContain('is missing from the library');

    await store.importDocument('brochure.pdf', PDF);
    expect((await store.detail(meta.sha256)).verification).toBe('verified');
    expect(store.audit().map((r) => r.action)).toEqual([
      'document.imported',
      'original.missing',
      'original.restored',
    ]);
  });

  it('says which document it cannot find', async () => {
    const { store } = await library();
    const error = await rejection(store.detail('f'.repeat(64)));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Document ffffffffffff… is not in the library.');
  });
});

describe('analyses, triage and notes', () => {
  it('keeps triage and notes on findings with the same id when a document is analysed again', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const upload = makeUpload(meta.sha256, 3, 4);
    const saved = await store.saveAnalysis(upload);
    expect(saved).toMatchObject({ state: 'analysed', pages: 3, error: null });
    expect(saved.summary?.risk).toBe('prohibited');
    expect(saved.counts).toEqual(saved.summary?.bySeverity);

    const [kept, gone] = upload.findings;
    const confirmed = await store.setStatus(meta.sha256, kept!.id, 'confirmed');
    expect(confirmed).toMatchObject({ status: 'confirmed', statusBy: 'Ada Lovelace' });
    expect(confirmed.engine).toBe(upload.engine);
    expect(confirmed.rulePackSha256).toBe(upload.rulePacks[0]!.sha256);
    await store.setStatus(meta.sha256, gone!.id, 'dismissed');
    const note = await store.saveNote({
      sha256: meta.sha256,
      targetId: kept!.id,
      text: 'Page 1, top.',
    });

    // The new engine drops one finding, rewords another and adds one.
    const reworded = { ...kept!, explanation: 'A clearer explanation.' };
    const added = makeFinding(2, 99);
    await store.saveAnalysis({
      ...upload,
      engine: 'claimlens-engine 0.2.0',
      findings: [reworded, ...upload.findings.slice(2), added],
    });
    const detail = await store.detail(meta.sha256);
    expect(DocumentDetail.parse(detail)).toEqual(detail);
    const byId = new Map(detail.findings.map((f) => [f.finding.id, f]));
    expect(byId.get(kept!.id)).toMatchObject({
      status: 'confirmed',
      statusBy: 'Ada Lovelace',
      engine: 'claimlens-engine 0.2.0',
      finding: { explanation: 'A clearer explanation.' },
    });
    expect(byId.has(gone!.id)).toBe(false);
    expect(byId.get(added.id)?.status).toBe('needs-review');
    expect(detail.findings.map((f) => f.finding.id)).toEqual([
      reworded.id,
      ...upload.findings.slice(2).map((f) => f.id),
      added.id,
    ]);
    expect(detail.notes).toEqual([note]);

    // The dropped finding's triage comes back with it.
    await store.saveAnalysis(upload);
    const again = await store.detail(meta.sha256);
    expect(again.findings.find((f) => f.finding.id === gone!.id)?.status).toBe('dismissed');
    expect(again.findings).toHaveLength(upload.findings.length);
  });

  it('views a document as the app shows it, as it changes: the same as its detail read afresh', async () => {
    const { dir, store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const upload = makeUpload(meta.sha256, 2, 3);
    await store.saveAnalysis(upload);
    const [first, second] = upload.findings;
    const viewed = await store.view(meta.sha256);
    expect(DocumentView.parse(viewed)).toEqual(viewed);
    expect(viewed).toEqual(viewOf(await store.detail(meta.sha256)));

    await store.setStatus(meta.sha256, first!.id, 'confirmed');
    const shown = await store.view(meta.sha256);
    expect(shown.findings.find((f) => f.finding.id === first!.id)).toMatchObject({
      status: 'confirmed',
      statusBy: 'Ada Lovelace',
    });
    expect(shown).toEqual(viewOf(await store.detail(meta.sha256)));
    // A caller changing what it was given changes nothing in the store.
    shown.findings.length = 0;
    shown.rules = {};

    const added = makeFinding(2, 77);
    await store.saveAnalysis({ ...upload, findings: [...upload.findings, added] });
    await store.setStatus(meta.sha256, second!.id, 'dismissed');
    const latest = await store.view(meta.sha256);
    expect(latest.findings.map((f) => f.finding.id)).toContain(added.id);
    expect(latest).toEqual(viewOf(await store.detail(meta.sha256)));

    const again = await reopen(dir, store);
    expect(await again.view(meta.sha256)).toEqual(latest);
  });

  it('creates, updates and deletes notes, each in the audit log', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const upload = makeUpload(meta.sha256, 1, 2);
    await store.saveAnalysis(upload);
    const target = upload.findings[0]!.id;

    const note = await store.saveNote({
      sha256: meta.sha256,
      targetId: target,
      text: 'Check page 4.',
    });
    expect(note).toMatchObject({ targetId: target, text: 'Check page 4.', author: 'Ada Lovelace' });
    const updated = await store.saveNote({
      sha256: meta.sha256,
      targetId: target,
      text: 'Checked: also on page 4.',
      noteId: note.id,
    });
    expect(updated).toMatchObject({
      id: note.id,
      createdAt: note.createdAt,
      text: 'Checked: also on page 4.',
    });
    expect(updated.updatedAt > note.updatedAt).toBe(true);
    const onDocument = await store.saveNote({
      sha256: meta.sha256,
      targetId: meta.sha256,
      text: 'Whole brochure.',
    });
    expect((await store.detail(meta.sha256)).notes).toEqual([updated, onDocument]);

    await store.deleteNote(meta.sha256, note.id);
    expect((await store.detail(meta.sha256)).notes).toEqual([onDocument]);
    expect(
      store
        .audit()
        .map((r) => r.action)
        .slice(-4),
    ).toEqual(['note.created', 'note.updated', 'note.created', 'note.deleted']);
    expect(JSON.parse(store.audit().at(-1)!.detail)).toMatchObject({
      text: 'Checked: also on page 4.',
    });
  });

  it('refuses notes that have nowhere to go, in plain words', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const nowhere = await rejection(
      store.saveNote({ sha256: meta.sha256, targetId: 'no-such-finding', text: 'x' }),
    );
    expect(nowhere.code).toBe('NOT_FOUND');
    expect(nowhere.message).toContain('There is no finding or highlight no-such-finding');
    const empty = await rejection(
      store.saveNote({ sha256: meta.sha256, targetId: meta.sha256, text: '  ' }),
    );
    expect(empty.code).toBe('INVALID');
    expect(empty.message).toBe('A note needs some text; delete the note to remove it.');
    const gone = await rejection(store.deleteNote(meta.sha256, 'no-such-note'));
    expect(gone.code).toBe('NOT_FOUND');
    const status = await rejection(store.setStatus(meta.sha256, 'no-such-finding', 'confirmed'));
    expect(status.code).toBe('NOT_FOUND');
    expect(store.audit()).toHaveLength(1);
  });

  it('adds and removes user highlights, removing their notes with them', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    await store.saveAnalysis(makeUpload(meta.sha256, 2, 1));
    const quads: [number, number, number, number, number, number, number, number][] = [
      [10, 20, 110, 20, 10, 8, 110, 8],
    ];
    const highlight = await store.addHighlight({
      sha256: meta.sha256,
      page: 2,
      quote: 'gait analysis',
      quads,
    });
    expect(highlight).toMatchObject({
      page: 2,
      quote: 'gait analysis',
      quads,
      createdBy: 'Ada Lovelace',
    });
    await store.saveNote({
      sha256: meta.sha256,
      targetId: highlight.id,
      text: 'Also in the spec table.',
    });
    expect((await store.detail(meta.sha256)).highlights).toEqual([highlight]);

    const badPage = await rejection(
      store.addHighlight({ sha256: meta.sha256, page: 3, quote: 'x', quads }),
    );
    expect(badPage.message).toBe('There is no page 3: the document has 2 pages.');

    await store.removeHighlight(meta.sha256, highlight.id);
    const detail = await store.detail(meta.sha256);
    expect(detail.highlights).toEqual([]);
    expect(detail.notes).toEqual([]);
    expect(
      store
        .audit()
        .map((r) => r.action)
        .slice(-2),
    ).toEqual(['note.deleted', 'highlight.removed']);
  });

  it('marks a document that could not be read, with why', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('locked.pdf', PDF);
    const failed = await store.markFailed(meta.sha256, 'The PDF is password-protected.');
    expect(failed).toMatchObject({ state: 'failed', error: 'The PDF is password-protected.' });
  });

  it('refuses an analysis whose findings do not fit it', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const upload = makeUpload(meta.sha256, 1, 2);
    const twice = await rejection(
      store.saveAnalysis({ ...upload, findings: [upload.findings[0]!, upload.findings[0]!] }),
    );
    expect(twice.code).toBe('INVALID');
    expect(twice.message).toContain('two findings with id');
    const offPage = await rejection(
      store.saveAnalysis({ ...upload, findings: [makeFinding(5, 1)] }),
    );
    expect(offPage.message).toContain('is on page 5, which the analysis does not include');
    const unknownPack = await rejection(store.saveAnalysis({ ...upload, rulePacks: [] }));
    expect(unknownPack.message).toContain('which the analysis does not list');
    expect(store.list()[0]!.state).toBe('pending');
  });
});

describe('tags, reviewer and page text', () => {
  it('keeps tags tidy and in order', async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const tagged = await store.setTags(meta.sha256, [
      '  tender 2026 ',
      'NDAA',
      'tender  2026',
      '',
      'NDAA',
    ]);
    expect(tagged.tags).toEqual(['tender 2026', 'NDAA']);
    await store.setTags(meta.sha256, ['tender 2026', 'NDAA']);
    expect(store.audit().filter((r) => r.action === 'document.tags')).toHaveLength(1);
  });

  it('records who did what: the reviewer set, and by default the OS user', async () => {
    const dir = await tempDir();
    const byDefault = await LibraryStore.open(dir);
    expect(byDefault.reviewer()).not.toBe('');
    await byDefault.setReviewer('  Grace   Hopper ');
    expect(byDefault.reviewer()).toBe('Grace Hopper');
    const { meta } = await byDefault.importDocument('brochure.pdf', PDF);
    await byDefault.close();

    const { store } = await library(dir, '');
    expect(store.reviewer()).toBe('Grace Hopper');
    expect(store.audit().at(-1)).toMatchObject({
      action: 'document.imported',
      actor: 'Grace Hopper',
    });
    expect(store.list()[0]!.sha256).toBe(meta.sha256);
    const error = await rejection(store.setReviewer('   '));
    expect(error.message).toBe('The reviewer name cannot be empty.');
  });

  it("serves a page's text as analysed", async () => {
    const { store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    expect(store.pageText(meta.sha256, 1)).toBeNull();
    await store.saveAnalysis(makeUpload(meta.sha256, 2, 1, 100));
    expect(store.pageText(meta.sha256, 2)).toMatch(/^Page 2\. The camera performs/);
    expect(store.pageText(meta.sha256, 3)).toBeNull();
  });
});

describe('reopening', () => {
  it('brings everything back after close and open', async () => {
    const { dir, store } = await library();
    const { meta } = await store.importDocument('brochure.pdf', PDF);
    const upload = makeUpload(meta.sha256, 2, 3);
    await store.saveAnalysis(upload);
    await store.setStatus(meta.sha256, upload.findings[1]!.id, 'confirmed');
    await store.saveNote({
      sha256: meta.sha256,
      targetId: upload.findings[1]!.id,
      text: 'Evidence for the report.',
    });
    await store.addHighlight({
      sha256: meta.sha256,
      page: 1,
      quote: 'every passer-by',
      quads: [[1, 2, 3, 2, 1, 0, 3, 0]],
    });
    await store.setTags(meta.sha256, ['tender 2026']);
    const before = {
      list: store.list(),
      detail: await store.detail(meta.sha256),
      audit: store.audit(),
    };

    const again = await reopen(dir, store);
    expect(again.list()).toEqual(before.list);
    expect(await again.detail(meta.sha256)).toEqual(before.detail);
    expect(again.audit()).toEqual(before.audit);
    expect(again.pageText(meta.sha256, 2)).toBe(upload.pages[1]!.text);
    expect(again.verifyAudit()).toEqual({ ok: true });
  });

  it('lets one store at a time open a library folder', async () => {
    const { dir } = await library();
    const error = await rejection(LibraryStore.open(dir));
    expect(error.code).toBe('STORE_FAILED');
    expect(error.message).toBe(`The library at ${dir} is already open in ClaimLens.`);
  });

  it('says so when used after closing', async () => {
    const { store } = await library();
    await store.close();
    open.splice(0);
    expect(() => store.list()).toThrow('The library is closed.');
  });
});
