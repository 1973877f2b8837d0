// Inputs other than text PDFs (issue 6), each on a real file made for the test: scanned pages
// and images read by OCR, a page with a garbage text layer, a Word file from LibreOffice, a saved
// product page, and damaged or zip-bomb Word files refused in plain words.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyseFile } from '../../../main/extract/analyse-file';
import { extractPdf } from '../../../main/extract/extract-pdf';
import { closeOcr } from '../../../main/extract/ocr-engine';
import { extractHtml } from '../../../main/extract/read-html';
import { bundledRulesDir, loadPacks } from '../../../main/rules/load-packs';
import type { DocumentResult, Finding } from '../../../shared/model/finding';
import { textLayerOf } from '../../../shared/ocr/text-layer';
import { compileRules, type CompiledRules } from '../../../shared/rules/compile';
import { DOCX_CLAIMS, HTML_CLAIMS } from '../../fixtures/make-input-fixtures';
import { SCANNED_TEXT } from '../../fixtures/small-pdfs';

const FILES = 'test/fixtures/files';
let rules: CompiledRules;
const work = mkdtempSync(join(tmpdir(), 'claimlens-inputs-'));

beforeAll(() => {
  rules = compileRules(loadPacks([bundledRulesDir()]));
});
afterAll(async () => {
  await closeOcr();
});

async function analyse(path: string): Promise<DocumentResult> {
  const outcome = await analyseFile(path, rules);
  if (outcome.kind !== 'done') throw new Error('expected a whole document');
  return outcome.result;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function categories(doc: DocumentResult, negated = false): string[] {
  return doc.findings.filter((f) => f.negated === negated).map((f) => f.category);
}

function expectOcrFindings(doc: DocumentResult, bounds: [number, number]): void {
  expect(doc.error).toBeNull();
  expect(categories(doc)).toEqual(expect.arrayContaining(['face_recognition', 'lpr_vehicle']));
  for (const f of doc.findings) {
    expect(f.ocrConfidence, f.quote).toBeGreaterThan(0.6);
    expect(f.quads.length, f.quote).toBeGreaterThan(0);
    for (const q of f.quads) {
      for (let i = 0; i < 8; i += 2) {
        expect(q[i]).toBeGreaterThanOrEqual(0);
        expect(q[i]).toBeLessThanOrEqual(bounds[0]);
        expect(q[i + 1]).toBeGreaterThanOrEqual(0);
        expect(q[i + 1]).toBeLessThanOrEqual(bounds[1]);
      }
    }
  }
}

/** The finding whose quote starts with `words`, on page 1. */
function quoted(doc: DocumentResult, start: string): Finding {
  const found = doc.findings.find((f) => f.quote.toLowerCase().startsWith(start.toLowerCase()));
  expect(found, `a finding quoting "${start}"`).toBeDefined();
  return found!;
}

describe('scanned PDF pages', () => {
  it('reads a page without a text layer by OCR, with quads where the words are printed', async () => {
    const doc = await analyse(`${FILES}/scanned-no-text.pdf`);
    expectOcrFindings(doc, [460, 340]);
    expect(doc.warnings.join(' ')).toMatch(
      /1 page has no text layer .* was read by OCR: page 1 \(\d+ words, mean confidence \d+%\)/,
    );
    // The scan puts "Face recognition ..." on a baseline at y = 20 + 210 = 230, from x = 44.
    const face = quoted(doc, 'Face recognition');
    const [x, , , , , yBottom] = face.quads[0]!;
    expect(Math.abs(x - 44)).toBeLessThan(4);
    expect(Math.abs(yBottom - 230)).toBeLessThan(6);
  });

  it('judges a text layer of punctuation as garbage and reads the page by OCR instead', async () => {
    const bytes = readFileSync(`${FILES}/garbage-text-layer.pdf`);
    const pdf = await extractPdf(bytes);
    expect(pdf.pages[0]!.text.length).toBeGreaterThan(20);
    expect(textLayerOf(pdf.pages[0]!.text)).toBe('garbage');
    const doc = await analyse(`${FILES}/garbage-text-layer.pdf`);
    expectOcrFindings(doc, [460, 340]);
    expect(doc.warnings.join(' ')).toMatch(
      /text layer that is not readable text and was read by OCR/,
    );
  });
});

describe('text layers', () => {
  it.each([
    ['', 'none'],
    ['  \n\t ', 'none'],
    ['Face recognition against a watchlist of 10,000 faces.', 'text'],
    ['人脸识别支持黑名单比对，支持性别和年龄识别。支持车牌识别。', 'text'],
    ['Model\tDS-2CD2347G2-LU\nResolution\t2688 × 1520, 25 fps', 'text'],
    ['!"#$ %&\'()*+ ,-./0 :;<=>?@ [\\]^_` {|}~', 'garbage'],
    ['\uE001\uE002\uE003 \uE004\uE005 Face recognition \uE006\uE007\uE008\uE009', 'garbage'],
    ['\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD recognition of faces', 'garbage'],
    ['p. 3', 'text'],
  ])('%j is %s', (text, layer) => {
    expect(textLayerOf(text)).toBe(layer);
  });
});

describe('images', () => {
  it.each(['scanned-page.png', 'scanned-page.jpg'])(
    '%s is read by OCR as one page',
    async (name) => {
      const doc = await analyse(`${FILES}/${name}`);
      expect(doc.pages).toBe(1);
      // 420 x 300 pt at 150 dpi: the page is the image, one unit a pixel.
      expectOcrFindings(doc, [875, 625]);
      const text = doc.findings.map((f) => words(f.sentence)).join(' ');
      for (const line of SCANNED_TEXT.slice(1, 2))
        expect(text).toContain(words(line).replace(/\.$/, ''));
    },
  );
});

describe('Word files', () => {
  it('reads paragraphs and table rows of a LibreOffice DOCX, with a denial', async () => {
    const doc = await analyse(`${FILES}/datasheet.docx`);
    expect(doc.error).toBeNull();
    expect(doc.pages).toBe(1);
    expect(categories(doc)).toEqual(expect.arrayContaining(DOCX_CLAIMS.categories));
    expect(categories(doc, true)).toEqual(DOCX_CLAIMS.denied);
    for (const f of doc.findings) {
      expect(f.quads).toEqual([]);
      expect(f.ocrConfidence).toBeUndefined();
    }
  });

  it('refuses a truncated DOCX as damaged', async () => {
    const bytes = readFileSync(`${FILES}/datasheet.docx`);
    const path = join(work, 'truncated.docx');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const doc = await analyse(path);
    expect(doc.error).toMatch(/^The Word file is damaged \(no ZIP directory at its end/);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a zip bomb by the sizes it declares, before unpacking anything', async () => {
    const path = join(work, 'bomb.docx');
    const parts: [string, Uint8Array][] = [['word/document.xml', new Uint8Array(1000)]];
    writeFileSync(path, zip(parts, { declare: 300 * 1024 * 1024 }));
    const doc = await analyse(path);
    expect(doc.error).toMatch(/would unpack to 300 MB .* zip bomb, so it was not opened/);
  });

  it('refuses a part packed far tighter than any document', async () => {
    const path = join(work, 'dense.docx');
    writeFileSync(path, zip([['word/document.xml', new Uint8Array(4 * 1024 * 1024)]]));
    const doc = await analyse(path);
    expect(doc.error).toMatch(/part word\/document.xml would unpack to 4 MB .* zip bomb/);
  });

  it('stops unpacking a part that inflates past the size it declares', async () => {
    const path = join(work, 'liar.docx');
    const body = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    writeFileSync(path, zip([['word/document.xml', body]], { declare: 1000 }));
    const doc = await analyse(path);
    expect(doc.error).toMatch(/unpacks to more than the 1000 bytes it declares \(a zip bomb/);
  });

  it('says a ZIP that is not a Word file is not supported', async () => {
    const path = join(work, 'other.docx');
    writeFileSync(
      path,
      zip([
        ['word/document.xml.bak', new Uint8Array(10)],
        ['a.txt', new Uint8Array(5)],
      ]),
    );
    const doc = await analyse(path);
    expect(doc.error).toMatch(/not a Word document|ClaimLens reads PDF, Word/);
  });
});

describe('saved web pages', () => {
  it('reads only the visible text, never running or fetching anything', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const doc = await analyse(`${FILES}/product-page.html`);
      expect(doc.error).toBeNull();
      expect(categories(doc)).toEqual(expect.arrayContaining(HTML_CLAIMS.categories));
      expect(categories(doc, true)).toEqual(HTML_CLAIMS.denied);
      expect(categories(doc)).not.toContain('gait_recognition');
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
    const text = extractHtml(readFileSync(`${FILES}/product-page.html`)).pages[0]!.text;
    for (const shown of HTML_CLAIMS.contains) expect(text).toContain(shown);
    for (const hidden of HTML_CLAIMS.hidden)
      expect(text.toLowerCase()).not.toContain(hidden.toLowerCase());
    expect(text.startsWith('OC-7 Analytics – Orbis Security\n\n')).toBe(true);
  });

  it('decodes a page in its declared charset', () => {
    const html =
      '<html><head><meta charset="iso-8859-15"></head><body><p>Caf\u00e9 \u20ac</p></body></html>';
    const bytes = Uint8Array.from(
      Array.from(html, (c) => (c === '\u20ac' ? 0xa4 : c.charCodeAt(0))),
    );
    const result = extractHtml(bytes);
    expect(result.pages[0]!.text).toBe('Café €');
    expect(result.warnings).toEqual([]);
  });
});

/** A minimal ZIP archive (deflate), with an optional false uncompressed size in its headers. */
function zip(files: [string, Uint8Array][], options: { declare?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const size = options.declare ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
