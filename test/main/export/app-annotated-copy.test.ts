// The app's annotated copy on a real library: the renderer builds it (shared/export/annotated-
// pdf.ts, from the document view and the original main serves) and 'document:export' only checks
// it: main saves a copy whose first N bytes hash to the document's SHA-256, refuses in words one
// that does not, and never runs pdf-lib's parser on the untrusted original on that path.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportDocument, saveIntoFolder } from '../../../main/export/app-export';
import { evidenceFromLibrary, TOOL } from '../../../main/export/evidence-source';
import { renderExport } from '../../../main/export/render-export';
import { HandlerError } from '../../../main/ipc/dispatch';
import { LibraryStore } from '../../../main/store/library-store';
import { annotatedPdf, type AnnotatedPdf } from '../../../shared/export/annotated-pdf';
import { viewRecords } from '../../../shared/export/records';
import { contract, type Request } from '../../../shared/ipc/contract';
import { makeLibrary, ROOT, type LibraryFixture } from './helpers';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let lib: LibraryFixture;
let store: LibraryStore;
let original: Uint8Array;
/** The copy as the app's renderer builds it. */
let copy: AnnotatedPdf;

beforeAll(async () => {
  lib = await makeLibrary();
  store = await LibraryStore.open(lib.dir);
  original = await store.readOriginal(lib.sha256);
  const view = await store.view(lib.sha256);
  copy = await annotatedPdf({
    bytes: original,
    fileName: view.meta.fileName,
    sha256: lib.sha256,
    toolVersion: TOOL.version,
    ...viewRecords(view),
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await store.close();
});

/** The request as it arrives in main: through the contract's schema. */
function request(annotated: Request<'document:export'>['annotated'], format = 'annotated-pdf') {
  return contract['document:export'].req.parse({ sha256: lib.sha256, format, annotated });
}

function upload(pdf: Uint8Array) {
  return { pdf, annotations: copy.annotations, skipped: [...copy.skipped] };
}

async function refusal(promise: Promise<unknown>): Promise<HandlerError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HandlerError);
  expect((error as HandlerError).code).toBe('EXPORT_FAILED');
  return error as HandlerError;
}

describe("the app's annotated copy", () => {
  it('is the same file as the command line makes, from the view the app shows', async () => {
    const load = vi.spyOn(PDFDocument, 'load');
    const cli = await renderExport('annotated-pdf', [await evidenceFromLibrary(store, lib.sha256)]);
    // The command line parses the original itself (its own process): the spy sees that.
    expect(load).toHaveBeenCalledTimes(1);
    load.mockRestore();
    expect(copy.annotations).toBeGreaterThan(2);
    expect(sha(copy.bytes)).toBe(sha(cli.bytes));
  });

  it('is saved as sent when its first bytes are the original, without parsing it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-app-annotated-'));
    const load = vi.spyOn(PDFDocument, 'load');
    const outcome = await exportDocument(
      store,
      saveIntoFolder(folder),
      request(upload(copy.bytes)),
    );
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
    expect(outcome).toMatchObject({ saved: true, fileName: 'brochure-3p.annotated.pdf' });
    expect(outcome.summary).toContain(`${copy.annotations} annotations appended`);
    expect(outcome.summary).toContain(`first ${original.length} bytes are the original`);
    const saved = new Uint8Array(await readFile(outcome.path!));
    expect(sha(saved)).toBe(sha(copy.bytes));
    expect(sha(saved.subarray(0, original.length))).toBe(lib.sha256);
  });

  it('is refused in words when its first bytes are not the original', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-app-annotated-'));
    const forged = copy.bytes.slice();
    // One byte inside the original's part, in its first object: the update after it is intact.
    forged[200] = forged[200]! ^ 0x01;
    const error = await refusal(
      exportDocument(store, saveIntoFolder(folder), request(upload(forged))),
    );
    expect(error.message).toMatch(/does not begin with the original's exact bytes/);
    expect(error.message).toContain(lib.sha256.slice(0, 16));
    // The original alone, or less, holds no annotations.
    const short = await refusal(
      exportDocument(store, saveIntoFolder(folder), request(upload(original.slice()))),
    );
    expect(short.message).toMatch(/no longer than the original/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('says why when the renderer could not make one, or sent none', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-app-annotated-'));
    const reason = 'brochure-3p.pdf is encrypted, and ClaimLens cannot add annotations to it.';
    const told = await refusal(
      exportDocument(store, saveIntoFolder(folder), request({ error: reason })),
    );
    expect(told.message).toBe(reason);
    const none = await refusal(exportDocument(store, saveIntoFolder(folder), request(undefined)));
    expect(none.message).toMatch(/No annotated copy of brochure-3p\.pdf came with the request/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('goes into the evidence bundle as sent, or is left out with why, or refuses the bundle', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-app-annotated-'));
    const load = vi.spyOn(PDFDocument, 'load');
    const outcome = await exportDocument(
      store,
      saveIntoFolder(folder),
      request(upload(copy.bytes), 'bundle'),
    );
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
    const files = unzipSync(new Uint8Array(await readFile(outcome.path!)));
    expect(sha(files[`annotated/${lib.sha256}.annotated.pdf`]!)).toBe(sha(copy.bytes));

    const without = await exportDocument(
      store,
      saveIntoFolder(folder),
      request({ error: 'the file is encrypted' }, 'bundle'),
    );
    const unpacked = unzipSync(new Uint8Array(await readFile(without.path!)));
    expect(Object.keys(unpacked).some((p) => p.startsWith('annotated/'))).toBe(false);
    const manifest = JSON.parse(strFromU8(unpacked['manifest.json']!)) as { omitted: string[] };
    expect(manifest.omitted).toContain(
      'Annotated PDF copy of brochure-3p.pdf: the file is encrypted',
    );

    const forged = copy.bytes.slice();
    forged[200] = forged[200]! ^ 0x01;
    const error = await refusal(
      exportDocument(store, saveIntoFolder(folder), request(upload(forged), 'bundle')),
    );
    expect(error.message).toMatch(/does not begin with the original's exact bytes/);
  });

  it("is checked in main by code that does not load pdf-lib or the copy's builder", async () => {
    const source = await readFile(join(ROOT, 'main/export/annotated-upload.ts'), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const path of imports) expect(path).not.toMatch(/pdf-lib|annotated-pdf|incremental/);
  });
});
