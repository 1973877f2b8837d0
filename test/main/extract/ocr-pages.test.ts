// A document pdf.js can read but the page renderer cannot open (the soak corpus has one: a damaged
// object MuPDF does not skip) still gets a result: its text-less pages are named as not checked.
import { describe, expect, it } from 'vitest';
import { ocrWhereNeeded } from '../../../main/extract/ocr-pages';
import { buildPageText } from '../../../shared/text/page-text';

describe('OCR when the renderer cannot open the file', () => {
  it('names each page that needed OCR as not checked, with the reason, and keeps the rest', async () => {
    const scanned = buildPageText(1, [], [0, 0, 595, 842]);
    const bytes = new TextEncoder().encode('%PDF-1.7\n4 0 obj << /Broken ');
    const outcome = await ocrWhereNeeded(bytes, [scanned], []);
    expect(outcome.pages).toEqual([scanned]);
    expect(outcome.ocr.size).toBe(0);
    expect(outcome.notes).toEqual([
      {
        page: 1,
        layer: 'none',
        confidence: null,
        words: 0,
        error: expect.stringMatching(/^the page could not be drawn for OCR \(.+\)$/) as string,
      },
    ]);
  });
});
