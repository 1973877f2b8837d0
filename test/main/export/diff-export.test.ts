// The app's comparison report ('library:exportDiff' as html or pdf) on a real library holding the
// two pdf-lib editions (test/main/diff-editions.ts): the renderer's page images are used as sent,
// an edition sent without images is named in the report, and an altered original is refused.
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveIntoFolder } from '../../../main/export/app-export';
import { exportDiffReport } from '../../../main/export/diff-export';
import { HandlerError } from '../../../main/ipc/dispatch';
import { LibraryStore } from '../../../main/store/library-store';
import { diffEditions, editionOf } from '../../../shared/diff/diff';
import { diffCroppable } from '../../../shared/export/diff-report-model';
import { undrawnPagesWarning } from '../../../shared/export/report-crops';
import { writeEditions } from '../diff-editions';
import { ROOT } from './helpers';

const TOOL = { name: 'claimlens', version: 'test' };

/** A real 2x2 PNG, as the renderer's canvas gives. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  ),
);

let library: string;
let shas: { old: string; new: string };

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'claimlens-diff-export-'));
  const { oldPdf, newPdf } = await writeEditions(dir);
  library = join(dir, 'library');
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'main/cli/claimlens.mjs'), 'import', '--library', library, oldPdf, newPdf],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status).toBe(0);
  const store = await LibraryStore.open(library);
  try {
    const docs = store.list();
    const sha = (name: string) => docs.find((d) => d.fileName === name)!.sha256;
    shas = { old: sha('sv-9000-2023.pdf'), new: sha('sv-9000-2024.pdf') };
  } finally {
    await store.close();
  }
});

describe('the comparison report from the app', () => {
  it('uses the page images the renderer sent and names an edition sent without any', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'claimlens-diff-exports-'));
    const store = await LibraryStore.open(library);
    try {
      const [older, newer] = await Promise.all([store.detail(shas.old), store.detail(shas.new)]);
      const diff = diffEditions(editionOf(older), editionOf(newer));
      const oldCrops = diffCroppable(diff, 'old').findings.map((f) => ({
        id: f.finding.id,
        png: PNG,
        width: 2,
        height: 2,
      }));
      const outcome = await exportDiffReport(
        store,
        saveIntoFolder(folder),
        { old: shas.old, new: shas.new, format: 'html', oldCrops },
        TOOL,
      );
      expect(outcome).toMatchObject({
        saved: true,
        fileName: 'sv-9000-2023 vs sv-9000-2024.comparison.html',
        summary: '1 added, 2 removed, 3 changed, 2 unchanged; 5 page images',
        warnings: ["The app's window sent no page images of sv-9000-2024.pdf."],
      });
      const dom = parseDocument(await readFile(outcome.path!, 'utf8'));
      const images = (which: 'old' | 'new') =>
        DomUtils.findAll(
          (e) => e.name === 'section' && e.attribs.class?.split(' ').includes(which) === true,
          dom.children,
        ).reduce(
          (n, side) => n + DomUtils.findAll((e) => e.name === 'img', side.children).length,
          0,
        );
      expect(images('old')).toBe(5);
      expect(images('new')).toBe(0);
      expect(DomUtils.textContent(dom)).toContain(
        "Not checked:The app's window sent no page images of sv-9000-2024.pdf.",
      );

      const pdf = await exportDiffReport(
        store,
        saveIntoFolder(folder),
        { old: shas.old, new: shas.new, format: 'pdf', oldCrops: [], newCrops: [] },
        TOOL,
      );
      expect(pdf.warnings).toEqual([]);

      // Pages the renderer could not draw are named, with the edition, in the shared words.
      const newPages = [...new Set(diffCroppable(diff, 'new').findings.map((f) => f.finding.page))];
      const undrawn = await exportDiffReport(
        store,
        saveIntoFolder(folder),
        {
          old: shas.old,
          new: shas.new,
          format: 'html',
          oldCrops,
          newCrops: [],
          newUndrawnPages: newPages,
        },
        TOOL,
      );
      const warning = `sv-9000-2024.pdf: ${undrawnPagesWarning('pdf.js', newPages)}`;
      expect(warning).toMatch(/^sv-9000-2024\.pdf: pdf\.js could not draw pages? \d/);
      expect(undrawn.warnings).toEqual([warning]);
      expect(DomUtils.textContent(parseDocument(await readFile(undrawn.path!, 'utf8')))).toContain(
        warning,
      );
      const read = await PDFDocument.load(await readFile(pdf.path!));
      expect(read.getTitle()).toBe('Comparison of editions: sv-9000-2023.pdf → sv-9000-2024.pdf');
      expect((await readdir(folder)).sort()).toEqual([
        'sv-9000-2023 vs sv-9000-2024.comparison (2).html',
        'sv-9000-2023 vs sv-9000-2024.comparison.html',
        'sv-9000-2023 vs sv-9000-2024.comparison.pdf',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses an edition whose original was altered on disk', async () => {
    const originals = join(library, 'originals');
    const file = (await readdir(originals)).find((f) => f.startsWith(shas.new));
    expect(file).toBeDefined();
    await chmod(join(originals, file!), 0o644);
    await writeFile(join(originals, file!), 'altered');
    const store = await LibraryStore.open(library);
    try {
      const error = await exportDiffReport(
        store,
        () => Promise.reject(new Error('nothing may be saved')),
        { old: shas.old, new: shas.new, format: 'html' },
        TOOL,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HandlerError);
      expect((error as HandlerError).code).toBe('VERIFICATION_FAILED');
      expect((error as HandlerError).message).toContain('sv-9000-2024.pdf');
    } finally {
      await store.close();
    }
  });
});
