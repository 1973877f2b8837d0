// The input readers shared by the command line and the app's sandbox (shared/input/), on real
// files made for the tests and on ZIP archives built here: what each file is, its text, and the
// zip-bomb, damage and size checks that run before anything is unpacked or read.
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { decodeText, plainTextPages } from '../../shared/input/decode-text';
import {
  checkedImageSize,
  exifOrientation,
  imageSize,
  thenAffine,
  uprightTransform,
  uprightSize,
} from '../../shared/input/image-size';
import { sniff } from '../../shared/input/sniff';
import { webPagePages } from '../../shared/input/web-page';
import { wordFilePages } from '../../shared/input/word-file';
import { checkZip, DOCX_LIMITS } from '../../shared/input/zip-guard';
import { ReadError } from '../../shared/model/errors';
import { DOCX_CLAIMS, HTML_CLAIMS } from '../fixtures/make-input-fixtures';

const FILES = 'test/fixtures/files';
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(`${FILES}/${name}`));

const toHtml = async (bytes: Uint8Array): Promise<string> =>
  (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;

/** A deflated ZIP of `parts`, its declared sizes optionally replaced by `declare`. */
function zip(parts: Record<string, Uint8Array>, declare?: number): Uint8Array {
  const bytes = zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [v, {}]])));
  if (declare === undefined) return bytes;
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50) view.setUint32(at + 22, declare, true);
    if (sig === 0x02014b50) view.setUint32(at + 24, declare, true);
  }
  return bytes;
}

function readError(run: () => unknown): ReadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReadError);
    return error as ReadError;
  }
  throw new Error('expected a ReadError');
}

describe('sniff', () => {
  it('tells each input by its bytes, not its name', () => {
    expect(sniff(file('brochure-3p.pdf'))).toBe('pdf');
    expect(sniff(file('datasheet.docx'))).toBe('docx');
    expect(sniff(file('product-page.html'))).toBe('html');
    expect(sniff(file('plain.txt'), 'plain.txt')).toBe('text');
    expect(sniff(file('scanned-page.png'), 'scan.pdf')).toBe('image');
    expect(sniff(file('scanned-page.jpg'))).toBe('image');
    expect(sniff(zip({ 'a.txt': new Uint8Array(5) }))).toBe('other');
    expect(sniff(new TextEncoder().encode('<p>claims</p>'), 'page.htm')).toBe('html');
  });
});

describe('text', () => {
  it('splits plain text into pages at form feeds and refuses binary or empty files', () => {
    expect(plainTextPages(new TextEncoder().encode('one\ftwo')).pages.map((p) => p.text)).toEqual([
      'one',
      'two',
    ]);
    expect(readError(() => plainTextPages(new Uint8Array(0))).message).toBe(
      'The file is empty (0 bytes).',
    );
    expect(readError(() => plainTextPages(Uint8Array.of(1, 0, 2))).code).toBe('TEXT_BINARY');
  });

  it('reads UTF-16 by its byte-order mark and falls back to Windows-1252 with a warning', () => {
    expect(decodeText(Uint8Array.of(0xff, 0xfe, 0x41, 0, 0x42, 0)).text).toBe('AB');
    const latin = decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xe9));
    expect(latin.text).toBe('Café');
    expect(latin.warnings).toEqual([expect.stringMatching(/not valid UTF-8/)]);
  });
});

describe('web pages', () => {
  it('keeps only the visible text of a saved page, its table as tab-separated rows', () => {
    const { pages, warnings } = webPagePages(file('product-page.html'));
    expect(pages).toHaveLength(1);
    const text = pages[0]!.text;
    for (const shown of HTML_CLAIMS.contains) expect(text).toContain(shown);
    for (const hidden of HTML_CLAIMS.hidden) {
      expect(text.toLowerCase()).not.toContain(hidden.toLowerCase());
    }
    expect(warnings).toEqual([]);
  });

  it('warns when a page shows no text without scripts', () => {
    const { warnings } = webPagePages(new TextEncoder().encode('<html><script>x()</script>'));
    expect(warnings).toEqual([expect.stringMatching(/built by scripts/)]);
  });
});

describe('Word files', () => {
  it("reads a LibreOffice DOCX's paragraphs and table rows", async () => {
    const { pages } = await wordFilePages(file('datasheet.docx'), toHtml);
    expect(pages).toHaveLength(1);
    for (const shown of DOCX_CLAIMS.contains) expect(pages[0]!.text).toContain(shown);
  });

  it('accepts the entries of a real Word file', () => {
    const names = checkZip(file('datasheet.docx'), DOCX_LIMITS).map((e) => e.name);
    expect(names).toContain('word/document.xml');
  });

  it('refuses a truncated archive before the converter sees it', async () => {
    const bytes = file('datasheet.docx');
    const converter = (): Promise<string> => Promise.reject(new Error('it must not run'));
    await expect(wordFilePages(bytes.subarray(0, bytes.length >> 1), converter)).rejects.toThrow(
      /^The Word file is damaged \(no ZIP directory at its end/,
    );
  });

  it('refuses a zip bomb by the sizes it declares', () => {
    const bomb = zip({ 'word/document.xml': new Uint8Array(1000) }, 300 * 1024 * 1024);
    expect(readError(() => checkZip(bomb, DOCX_LIMITS)).message).toMatch(
      /would unpack to 300 MB .* zip bomb, so it was not opened/,
    );
  });

  it('refuses a part packed far tighter than any document', () => {
    const dense = zip({ 'word/document.xml': new Uint8Array(4 * 1024 * 1024) });
    expect(readError(() => checkZip(dense, DOCX_LIMITS)).message).toMatch(
      /part word\/document.xml would unpack to 4 MB .* zip bomb/,
    );
  });

  it('stops unpacking a part that inflates past the size it declares', () => {
    const liar = zip({ 'word/document.xml': new Uint8Array(20 * 1024 * 1024).fill(0x20) }, 1000);
    expect(readError(() => checkZip(liar, DOCX_LIMITS)).message).toMatch(
      /unpacks to more than the 1000 bytes it declares \(a zip bomb/,
    );
  });

  it('refuses a part that unpacks to less than it declares, and a damaged stream', () => {
    const short = zip({ 'word/document.xml': new TextEncoder().encode('<w:document/>') }, 20);
    expect(readError(() => checkZip(short, DOCX_LIMITS)).message).toMatch(/has the wrong size/);
    const broken = zip({ 'word/document.xml': new Uint8Array(3000).map((_, i) => i * 7) });
    const at = broken.length - 200;
    broken.fill(0xff, at - 600, at);
    expect(readError(() => checkZip(broken, DOCX_LIMITS)).message).toMatch(
      /The Word file is damaged/,
    );
  });

  it('says a ZIP that is not a Word file is not one', async () => {
    const other = zip({ 'a.txt': new Uint8Array(5) });
    await expect(wordFilePages(other, toHtml)).rejects.toThrow(/not a Word document/);
  });

  it('reports a converter failure as a damaged Word file', async () => {
    const fails = (): Promise<string> =>
      Promise.reject(new Error('Could not find file in options'));
    await expect(wordFilePages(file('datasheet.docx'), fails)).rejects.toThrow(
      'The Word file is damaged and cannot be read: Could not find file in options',
    );
  });
});

describe('images', () => {
  it("reads a PNG's and a JPEG's size from the header", () => {
    expect(imageSize(file('scanned-page.png'))).toEqual({ width: 875, height: 625 });
    expect(imageSize(file('scanned-page.jpg'))).toEqual({ width: 875, height: 625 });
  });

  it('refuses an image over the pixel cap and one whose size cannot be read', () => {
    const huge = file('scanned-page.png').slice();
    new DataView(huge.buffer).setUint32(16, 20_000);
    new DataView(huge.buffer).setUint32(20, 20_000);
    expect(readError(() => checkedImageSize(huge)).message).toBe(
      'The image is 20000 x 20000 pixels, more than ClaimLens reads (40 megapixels); scale it ' +
        'down and try again.',
    );
    expect(readError(() => checkedImageSize(Uint8Array.of(0xff, 0xd8, 0xff, 0))).message).toBe(
      'The image is damaged: its size cannot be read.',
    );
  });
});

/** A JPEG's header: an EXIF record with `orientation` in `order`, then a 300 x 200 frame. */
function jpegWith(orientation: number, order: 'II' | 'MM'): Uint8Array {
  const be = order === 'MM';
  const u16 = (v: number): number[] => (be ? [v >> 8, v & 255] : [v & 255, v >> 8]);
  const u32 = (v: number): number[] => (be ? [0, 0, ...u16(v)] : [...u16(v), 0, 0]);
  const tiff = [
    ...(be ? [0x4d, 0x4d] : [0x49, 0x49]),
    ...u16(42),
    ...u32(8),
    ...u16(2),
    ...[...u16(0x010f), ...u16(2), ...u32(4), 0x41, 0x43, 0x4d, 0],
    ...[...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0],
    ...u32(0),
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
  const sof = [0xff, 0xc0, 0, 17, 8, 0, 200, 1, 44, 3, ...new Array<number>(9).fill(0)];
  return Uint8Array.from([0xff, 0xd8, ...app1, ...sof, 0xff, 0xda, 0, 2]);
}

describe('photo orientation', () => {
  it('reads the EXIF orientation in either byte order', () => {
    for (const order of ['II', 'MM'] as const) {
      for (const o of [1, 3, 6, 8, 5]) expect(exifOrientation(jpegWith(o, order)), order).toBe(o);
    }
    expect(exifOrientation(file('scanned-page.jpg'))).toBe(1);
    expect(exifOrientation(file('scanned-page.png'))).toBe(1);
  });

  it('shows a photo stored turned or mirrored upright, at the size it is shown', () => {
    expect(imageSize(jpegWith(6, 'II'))).toEqual({ width: 300, height: 200 });
    expect(uprightSize(jpegWith(6, 'II'))).toEqual({ width: 200, height: 300 });
    expect(uprightSize(jpegWith(8, 'MM'))).toEqual({ width: 200, height: 300 });
    expect(uprightSize(jpegWith(5, 'MM'))).toEqual({ width: 200, height: 300 });
    expect(uprightSize(jpegWith(7, 'II'))).toEqual({ width: 200, height: 300 });
    expect(uprightSize(jpegWith(3, 'MM'))).toEqual({ width: 300, height: 200 });
    expect(uprightSize(jpegWith(2, 'II'))).toEqual({ width: 300, height: 200 });
    expect(uprightSize(jpegWith(4, 'II'))).toEqual({ width: 300, height: 200 });
    // Where the stored image's top-left and top-right corners are shown (EXIF 2.32, tag 0x0112:
    // "the 0th row is the visual ..., the 0th column is the visual ..."), on a 300 x 200 image.
    const at = (o: number, x: number, y: number) => {
      const [a, b, c, d, e, f] = uprightTransform(o, 300, 200);
      return [a * x + c * y + e, b * x + d * y + f];
    };
    const corners = [1, 2, 3, 4, 5, 6, 7, 8].map((o) => [at(o, 0, 0), at(o, 300, 0)]);
    expect(corners).toEqual([
      [
        [0, 0],
        [300, 0],
      ], // 1: top row at the top, first column on the left
      [
        [300, 0],
        [0, 0],
      ], // 2: top row at the top, first column on the right
      [
        [300, 200],
        [0, 200],
      ], // 3: top row at the bottom, first column on the right
      [
        [0, 200],
        [300, 200],
      ], // 4: top row at the bottom, first column on the left
      [
        [0, 0],
        [0, 300],
      ], // 5: top row on the left, first column at the top
      [
        [200, 0],
        [200, 300],
      ], // 6: top row on the right, first column at the top
      [
        [200, 300],
        [200, 0],
      ], // 7: top row on the right, first column at the bottom
      [
        [0, 300],
        [0, 0],
      ], // 8: top row on the left, first column at the bottom
    ]);
    expect(thenAffine([2, 0, 0, 3, 1, 1], [0, 1, -1, 0, 10, 0])).toEqual([0, 2, -3, 0, 9, 1]);
  });
});
