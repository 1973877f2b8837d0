// A report exported from the app whose page images pdf.js cannot all draw: page 2 of the brochure
// below fills a box with a tiling pattern of /PaintType 3 (the PDF specification has only 1 and
// 2). pdf.js reads the page's text (text extraction never runs the pattern), but its canvas code
// throws "Unsupported paint type" whenever it draws the page, so the renderer cannot draw that
// page's crops. The report and the warnings shown after the export must say so, in the command
// line's words, instead of leaving the findings without images silently.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import {
  fill,
  PDFDocument,
  PDFName,
  PDFOperator,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  StandardFonts,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveIntoFolder } from '../../main/export/app-export';
import { undrawnPagesWarning } from '../../shared/export/report-crops';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const NAME = 'pattern-brochure.pdf';
const running: RunningApp[] = [];
let work: string;

/** Two A4 pages with a claim each; page 2 also holds the pattern pdf.js cannot paint. */
async function brochureWithBadPattern(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const claims = [
    'Face recognition against watchlists in real time at every entrance.',
    'Emotion recognition scores the mood of every visitor at the counter.',
  ];
  for (const claim of claims) {
    doc.addPage([595, 842]).drawText(claim, { x: 56, y: 700, size: 12, font });
  }
  const page = doc.getPage(1);
  const tile = doc.context.stream('0 0 5 5 re f', {
    Type: 'Pattern',
    PatternType: 1,
    PaintType: 3,
    TilingType: 1,
    BBox: [0, 0, 10, 10],
    XStep: 10,
    YStep: 10,
    Resources: {},
  });
  const resources = page.node.normalizedEntries().Resources;
  resources.set(PDFName.of('Pattern'), doc.context.obj({ P1: doc.context.register(tile) }));
  page.pushOperators(
    pushGraphicsState(),
    PDFOperator.of('cs' as never, [PDFName.of('Pattern')]),
    PDFOperator.of('scn' as never, [PDFName.of('P1')]),
    rectangle(56, 600, 200, 40),
    fill(),
    popGraphicsState(),
  );
  return doc.save({ useObjectStreams: false });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'claimlens-undrawn-'));
  writeFileSync(join(work, NAME), await brochureWithBadPattern());
});

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

describe('a report with a page pdf.js cannot draw', () => {
  it('names the page in the report and in the warnings after the export', async () => {
    const exportsDir = join(work, 'exports');
    const app = await startApp(newLibraryDir(), {
      open: [join(work, NAME)],
      saveExport: saveIntoFolder(exportsDir),
    });
    running.push(app);
    const { page } = app;
    const toolbar = page.getByRole('toolbar', { name: 'Document' });
    await toolbar.getByText(NAME).waitFor({ timeout: 60_000 });
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings
      .getByRole('button', { name: /Emotion recognition/ })
      .first()
      .waitFor();
    const sha256 = app.services.store.list()[0]!.sha256;
    const stored = (await app.services.store.detail(sha256)).findings.map((f) => f.finding);
    // Both pages were read: the text of page 2 is there, only drawing it fails.
    expect(new Set(stored.map((f) => f.page))).toEqual(new Set([1, 2]));

    await toolbar.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${NAME}` });
    await dialog.getByRole('radio', { name: /Evidence report \(HTML\)/ }).check();
    await dialog.getByRole('button', { name: 'Export' }).click();
    const status = dialog.getByRole('status');
    await status.getByText('Saved', { exact: false }).first().waitFor({ timeout: 120_000 });
    const warning = undrawnPagesWarning('pdf.js', [2]);
    expect(warning).toBe(
      'pdf.js could not draw page 2; its findings are in the report without an image.',
    );
    await dialog.locator('.export-warnings').getByText(`${NAME}: ${warning}`).waitFor();
    await screenshot(page, 'report-undrawn-page');

    const dom = parseDocument(
      readFileSync(join(exportsDir, 'pattern-brochure.report.html'), 'utf8'),
    );
    expect(DomUtils.textContent(dom)).toContain(`Not checked:${warning}`);
    // Page 1's findings have their images; page 2's are in the report, without one.
    for (const finding of stored) {
      const article = DomUtils.findOne(
        (e) => e.attribs['data-finding-id'] === finding.id,
        dom.children,
      );
      expect(article, finding.id).not.toBeNull();
      const img = DomUtils.findOne((e) => e.name === 'img', article!.children);
      expect(img !== null, `${finding.id} on page ${finding.page}`).toBe(finding.page === 1);
    }
  });
});
