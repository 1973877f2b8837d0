// The annotated PDF copy, read back by pdf.js and poppler: the original's bytes as its prefix, a
// /Highlight per finding and per user highlight with the right quads, colour, text and id, on
// originals with a classic cross-reference table and with a cross-reference stream.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, type PDFDict, type PDFHexString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { annotatedPdf } from '../../../main/export/annotated-pdf';
import { SEVERITY_COLOURS } from '../../../shared/export/highlight-colours';
import { gatherEvidence } from '../../../main/export/document-args';
import { EvidenceError, type EvidenceDocument } from '../../../main/export/evidence-source';
import { readOriginalXref } from '../../../shared/export/incremental-update';
import { openPdf } from '../../../main/extract/pdfjs';
import { tempDir } from '../store/helpers';
import {
  analyseFixture,
  BROCHURE,
  DOCUMENT_NOTE,
  HIGHLIGHT_NOTE,
  LIBREOFFICE,
  makeLibrary,
  NOTE_TEXT,
  ROOT,
} from './helpers';

interface ReadAnnotation {
  subtype: string;
  id: string;
  annotationType: number;
  quadPoints?: Float32Array | number[] | null;
  rect: number[];
  contentsObj: { str: string };
  titleObj: { str: string };
  color: Uint8ClampedArray | null;
  modificationDate: string | null;
  annotationFlags: number;
}

async function annotationsByPage(bytes: Uint8Array): Promise<Map<number, ReadAnnotation[]>> {
  const task = openPdf(new Uint8Array(bytes));
  try {
    const pdf = await task.promise;
    const out = new Map<number, ReadAnnotation[]>();
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      out.set(n, (await page.getAnnotations()) as ReadAnnotation[]);
    }
    return out;
  } finally {
    await task.destroy();
  }
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The annotation with /NM `id` (pdf.js reports it as contents' id only through the dict). */
function byContents(annotations: ReadAnnotation[], findingId: string): ReadAnnotation {
  const found = annotations.find((a) => a.contentsObj.str.includes(`finding ${findingId}.`));
  expect(found, `annotation for ${findingId}`).toBeDefined();
  return found!;
}

async function checkCopy(doc: EvidenceDocument): Promise<{ bytes: Uint8Array; file: string }> {
  const copy = await annotatedPdf(doc);
  const n = doc.bytes.length;
  expect(sha(copy.bytes.subarray(0, n))).toBe(doc.detail.meta.sha256);
  expect(copy.bytes.length).toBeGreaterThan(n);
  expect(copy.skipped).toEqual([]);
  const pages = await annotationsByPage(copy.bytes);
  const highlights = [...pages.values()].flat().filter((a) => a.subtype === 'Highlight');
  expect(highlights).toHaveLength(doc.detail.findings.length + doc.detail.highlights.length);
  for (const { finding, status } of doc.detail.findings) {
    const annotation = byContents(pages.get(finding.page)!, finding.id);
    expect(annotation.contentsObj.str).toContain(finding.title);
    expect(annotation.contentsObj.str).toContain(finding.explanation);
    expect(annotation.contentsObj.str).toContain(`Status: ${status}`);
    expect(annotation.annotationFlags).toBe(4);
    expect([...annotation.color!]).toEqual([...SEVERITY_COLOURS[finding.severity].rgb]);
    expect(annotation.modificationDate).toMatch(/^D:\d{14}Z$/);
    // pdf.js keeps the quads (it drops them when one lies outside /Rect), as axis-aligned boxes
    // in the order top-left, top-right, bottom-left, bottom-right.
    const quads = [...(annotation.quadPoints ?? [])];
    expect(quads).toHaveLength(finding.quads.length * 8);
    finding.quads.flat().forEach((v, i) => expect(quads[i]).toBeCloseTo(v, 1));
  }
  const dir = await tempDir('claimlens-annotated-');
  const file = join(dir, 'copy.pdf');
  await writeFile(file, copy.bytes);
  // Poppler reads the copy too: page count and text as in the original.
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(new RegExp(`Pages:\\s+${doc.detail.meta.pages}\\n`));
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  expect(text.replace(/\s+/g, ' ')).toContain(doc.detail.findings[0]!.finding.quote.split(' ')[0]);
  return { bytes: copy.bytes, file };
}

/** /NM of every annotation in the copy, read with pdf-lib (pdf.js does not report /NM). */
async function annotationIds(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().flatMap((page) => {
    const annots = page.node.Annots();
    return (annots?.asArray() ?? []).map((ref) => {
      const dict = pdf.context.lookup(ref) as PDFDict;
      const nm = dict.get(PDFName.of('NM')) as PDFHexString | undefined;
      return nm?.decodeText() ?? '';
    });
  });
}

describe('annotated PDF copy', () => {
  it('appends highlights to an original with a classic xref table (LibreOffice)', async () => {
    const doc = await analyseFixture(LIBREOFFICE);
    expect(readOriginalXref(doc.bytes)?.kind).toBe('table');
    expect(doc.detail.findings.length).toBeGreaterThan(0);
    const { bytes } = await checkCopy(doc);
    const ids = await annotationIds(bytes);
    expect(ids.sort()).toEqual(doc.detail.findings.map((f) => f.finding.id).sort());
    expect(readOriginalXref(bytes)?.kind).toBe('table');
  });

  it('appends an xref stream to an original with object and xref streams, keeping its annotations', async () => {
    const source = await PDFDocument.load(await readFile(BROCHURE));
    const first = source.getPages()[0]!;
    const link = source.context.register(
      source.context.obj({
        Type: 'Annot',
        Subtype: 'Square',
        Rect: [10, 10, 40, 40],
        NM: 'existing',
      }),
    );
    first.node.set(PDFName.of('Annots'), source.context.obj([link]));
    const dir = await tempDir('claimlens-xrefstream-');
    const path = join(dir, 'object-streams.pdf');
    await writeFile(path, await source.save({ useObjectStreams: true }));
    const [doc] = await gatherEvidence({ documents: [path] });
    expect(readOriginalXref(doc!.bytes)?.kind).toBe('stream');
    const { bytes } = await checkCopy(doc!);
    expect(readOriginalXref(bytes)?.kind).toBe('stream');
    const pages = await annotationsByPage(bytes);
    expect(pages.get(1)!.some((a) => a.subtype === 'Square')).toBe(true);
  });

  it('carries triage, notes, the reviewer highlight and document notes from a library', async () => {
    const lib = await makeLibrary();
    const [doc] = await gatherEvidence({ library: lib.dir, documents: [lib.sha256] });
    const { bytes } = await checkCopy(doc!);
    const pages = [...(await annotationsByPage(bytes)).values()].flat();
    const confirmed = byContents(pages, lib.confirmedId);
    expect(confirmed.contentsObj.str).toContain('Status: confirmed by Ada Lawyer');
    expect(confirmed.contentsObj.str).toContain(`Ada Lawyer, 2026-01-05`);
    expect(confirmed.contentsObj.str).toContain(NOTE_TEXT);
    expect(confirmed.titleObj.str).toBe('Ada Lawyer');
    const mine = pages.find((a) =>
      a.contentsObj.str.startsWith('Reviewer highlight by Ada Lawyer'),
    );
    expect(mine?.contentsObj.str).toContain(HIGHLIGHT_NOTE);
    const sticky = pages.find((a) => a.subtype === 'Text');
    expect(sticky?.contentsObj.str).toContain(DOCUMENT_NOTE);
    expect(await annotationIds(bytes)).toEqual(
      expect.arrayContaining([lib.confirmedId, lib.highlightId]),
    );
  });

  it('appends a second update to a copy that already has one', async () => {
    for (const path of [LIBREOFFICE, BROCHURE]) {
      const doc = await analyseFixture(path);
      const once = await annotatedPdf(doc);
      const twice = await annotatedPdf({ ...doc, bytes: once.bytes });
      expect(Buffer.compare(twice.bytes.subarray(0, once.bytes.length), once.bytes)).toBe(0);
      const pages = [...(await annotationsByPage(twice.bytes)).values()].flat();
      expect(pages.filter((a) => a.subtype === 'Highlight')).toHaveLength(
        2 * doc.detail.findings.length,
      );
    }
  });

  it('refuses an encrypted original in plain words and writes nothing', async () => {
    const doc = await analyseFixture(
      join(ROOT, 'test/fixtures/files/owner-password-only.pdf'),
    ).catch((e: unknown) => e);
    // The owner-password-only fixture opens without a password, so it is analysed; its copy is refused.
    expect(doc).not.toBeInstanceOf(Error);
    const error = await annotatedPdf(doc as EvidenceDocument).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvidenceError);
    expect((error as EvidenceError).message).toMatch(
      /encrypted.*cannot add annotations to an encrypted PDF/,
    );
  });

  it('uses the highlight colours of the app (renderer/app/styles.css)', async () => {
    const css = await readFile(join(ROOT, 'renderer/app/styles.css'), 'utf8');
    for (const [severity, { rgb, alpha }] of Object.entries(SEVERITY_COLOURS)) {
      // One rule colours both the page highlights (.hl) and the text view's marks (.hl-text).
      const rule = new RegExp(
        `\\.hl\\.${severity},\\s*\\.hl-text\\.${severity} \\{\\s*background: rgb\\(([^)]*)\\)`,
      ).exec(css);
      expect(rule?.[1], severity).toBe(`${rgb.join(' ')} / ${Math.round(alpha * 100)}%`);
    }
  });
});
