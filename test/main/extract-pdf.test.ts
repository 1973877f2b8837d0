// PDF extraction on real PDFs made with pdf-lib: page text in reading order with line and cell
// breaks, and quads that land on the printed words, also on rotated text.
import { degrees, PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { quadsFor } from '../../shared/text/page-text';
import { extractPdf } from '../../main/extract/extract-pdf';

async function pdfWith(draw: (page: PDFPage, font: PDFFont) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  draw(doc.addPage([600, 800]), font);
  return doc.save();
}

describe('extractPdf', () => {
  it('builds page text with line, paragraph and cell breaks from item geometry', async () => {
    const bytes = await pdfWith((page, font) => {
      page.drawText('Analytics on the edge, no server required', { x: 50, y: 730, size: 14, font });
      page.drawText('Smart camera with', { x: 50, y: 700, size: 10, font });
      page.drawText('face recognition.', { x: 50, y: 688, size: 10, font });
      page.drawText('Resolution', { x: 50, y: 600, size: 10, font });
      page.drawText('4 MP', { x: 250, y: 600, size: 10, font });
    });
    const { pages, numPages } = await extractPdf(bytes);
    expect(numPages).toBe(1);
    expect(pages[0]!.text).toBe(
      'Analytics on the edge, no server required\n\nSmart camera with\nface recognition.\n\nResolution\t4 MP',
    );
  });

  it('gives quads that cover the words on the page, in PDF user space', async () => {
    const bytes = await pdfWith((page, font) => {
      page.drawText('We offer face recognition.', { x: 100, y: 500, size: 20, font });
    });
    const [page] = (await extractPdf(bytes)).pages;
    const text = page!.text;
    const start = text.indexOf('face');
    const [quad] = quadsFor(page!, start, start + 'face recognition'.length);
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const x0 = 100 + font.widthOfTextAtSize('We offer ', 20);
    const x1 = x0 + font.widthOfTextAtSize('face recognition', 20);
    // Runs inside an item are placed with typical glyph widths: within two points for Helvetica.
    expect(Math.abs(quad![0] - x0)).toBeLessThan(2);
    expect(Math.abs(quad![2] - x1)).toBeLessThan(2);
    expect(quad![1]).toBeGreaterThan(500);
    expect(quad![5]).toBeLessThan(500);
  });

  it('follows rotated text: the quad runs along the baseline', async () => {
    const bytes = await pdfWith((page, font) => {
      page.drawText('face recognition', { x: 300, y: 100, size: 20, font, rotate: degrees(90) });
    });
    const [page] = (await extractPdf(bytes)).pages;
    const [quad] = quadsFor(page!, 0, page!.text.length);
    const [tlx, tly, trx, try_, blx] = quad!;
    expect(trx).toBeCloseTo(tlx, 1);
    expect(try_ - tly).toBeGreaterThan(100);
    expect(blx).toBeGreaterThan(tlx);
  });
});
