// The app's export channel on a real library: files saved under names that replace nothing,
// the same bytes as the command line makes, pages the renderer could not draw named in the report
// and the warnings, and a refusal carried as EXPORT_FAILED in words.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { exportDocument, saveIntoFolder } from '../../../main/export/app-export';
import { HandlerError } from '../../../main/ipc/dispatch';
import { LibraryStore } from '../../../main/store/library-store';
import { cropTargets, MAX_CROPS, undrawnPagesWarning } from '../../../shared/export/report-crops';
import { contract } from '../../../shared/ipc/contract';
import { makeLibrary, ROOT } from './helpers';

/** A real 2x2 PNG, as the renderer's canvas gives. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  ),
);

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

  it('names the pages the renderer could not draw, in the report and in the warnings', async () => {
    const lib = await makeLibrary();
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-app-export-'));
    const store = await LibraryStore.open(lib.dir);
    try {
      const detail = await store.detail(lib.sha256);
      const pages = [...new Set(detail.findings.map((f) => f.finding.page))].sort((a, b) => a - b);
      expect(pages.length).toBeGreaterThan(1);
      const [drawnPage, ...undrawnPages] = pages;
      // The renderer drew the first page's crops and sends the other pages as not drawn.
      const crops = cropTargets(detail)
        .filter((t) => t.page === drawnPage)
        .map((t) => ({ id: t.id, png: PNG, width: 2, height: 2 }));
      const request = contract['document:export'].req.parse({
        sha256: lib.sha256,
        format: 'report-html',
        crops,
        undrawnPages: [...undrawnPages].reverse(),
      });
      const warning = undrawnPagesWarning('pdf.js', undrawnPages);
      expect(warning).toBe(
        `pdf.js could not draw pages ${undrawnPages.join(', ')}; their findings are in the ` +
          'report without an image.',
      );
      const outcome = await exportDocument(store, saveIntoFolder(folder), request);
      expect(outcome.warnings).toContain(`brochure-3p.pdf: ${warning}`);
      const dom = parseDocument(await readFile(outcome.path!, 'utf8'));
      const notChecked = DomUtils.findOne((e) => e.attribs.class === 'warnings', dom.children);
      expect(DomUtils.textContent(notChecked!)).toContain(warning);
      expect(DomUtils.findAll((e) => e.name === 'img', dom.children)).toHaveLength(crops.length);

      // The bundle's reports say it too, and its manifest lists it with what was left out.
      const bundle = await exportDocument(store, saveIntoFolder(folder), {
        sha256: lib.sha256,
        format: 'bundle',
        crops,
        undrawnPages,
        annotated: { error: 'not needed here' },
      });
      const files = unzipSync(new Uint8Array(await readFile(bundle.path!)));
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { omitted: string[] };
      expect(manifest.omitted).toContain(`In the HTML report: brochure-3p.pdf: ${warning}`);
      expect(manifest.omitted).toContain(`In the PDF report: brochure-3p.pdf: ${warning}`);

      // With every page drawn, nothing is said.
      const whole = await exportDocument(store, saveIntoFolder(folder), {
        sha256: lib.sha256,
        format: 'report-html',
        crops,
      });
      expect(whole.warnings.filter((w) => w.includes('could not draw'))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('accepts only page numbers as the pages not drawn', () => {
    const parse = (undrawnPages: unknown) =>
      contract['document:export'].req.safeParse({
        sha256: 'a'.repeat(64),
        format: 'report-pdf',
        undrawnPages,
      }).success;
    expect(parse([1, 2, 40])).toBe(true);
    expect(parse([0])).toBe(false);
    expect(parse([1.5])).toBe(false);
    expect(parse(['2'])).toBe(false);
    expect(parse(new Array(MAX_CROPS + 1).fill(1))).toBe(false);
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
