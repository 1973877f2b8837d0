// OCR words become text items in PDF user space: on an upright page, on a page turned by
// /Rotate 90, and with the confidence a finding inherits from the words it quotes.
import { describe, expect, it } from 'vitest';
import {
  confidenceOf,
  invertAffine,
  isLowOcrConfidence,
  ocrPageText,
  type OcrLine,
} from '../../../shared/ocr/ocr-text';
import { quadsFor } from '../../../shared/text/page-text';

const line = (words: [string, number, number, number][], y0: number, y1: number): OcrLine => ({
  bbox: { x0: words[0]![1], y0, x1: words[words.length - 1]![2], y1 },
  baseline: { x0: 0, y0: y1 - 5, x1: 1000, y1: y1 - 5, has_baseline: true },
  words: words.map(([text, x0, x1, confidence]) => ({
    text,
    confidence,
    bbox: { x0, y0, x1, y1 },
  })),
});

const LINES = [
  line(
    [
      ['Face', 100, 180, 96],
      ['recognition', 195, 400, 71],
    ],
    100,
    150,
  ),
  line(
    [
      [']]]]', 100, 140, 8],
      ['Gait', 150, 230, 93],
    ],
    200,
    250,
  ),
];

describe('OCR words as text items', () => {
  it('places words on their baseline in user space, one item a word, specks dropped', () => {
    // Rendered at 2 px a point, page 600 pt high: pixel (x, y) is user (x / 2, 600 - y / 2).
    const toUser = invertAffine([2, 0, 0, -2, 0, 1200]);
    const { text, confidence } = ocrPageText(1, LINES, toUser, [0, 0, 500, 600]);
    expect(text.text).toBe('Face recognition\nGait\n');
    expect(confidence).toEqual([0.96, 0.71, 0.93]);
    const [face] = text.items;
    expect(face!.transform[4]).toBeCloseTo(50);
    expect(face!.transform[5]).toBeCloseTo(600 - 145 / 2);
    expect(face!.width).toBeCloseTo(40);
    // The highlight of "Face" covers the word's box: from x 50 to 90, around its line.
    const [quad] = quadsFor(text, 0, 4);
    expect(quad![0]).toBeCloseTo(50);
    expect(quad![2]).toBeCloseTo(90);
    expect(quad![1]).toBeGreaterThan(600 - 150 / 2);
    expect(quad![5]).toBeLessThan(600 - 145 / 2);
  });

  it('follows a page turned by /Rotate 90: text runs up the page in user space', () => {
    // A 600 x 500 pt page shown turned 90° clockwise: device x = y_user, device y = x_user.
    const toUser = invertAffine([0, 1, 1, 0, 0, 0]);
    const { text } = ocrPageText(1, LINES, toUser, [0, 0, 600, 500]);
    const [a, b, , , e, f] = text.items[0]!.transform;
    expect(a).toBeCloseTo(0);
    expect(b).toBeGreaterThan(0);
    expect(e).toBeCloseTo(145);
    expect(f).toBeCloseTo(100);
    expect(text.text).toBe('Face recognition\nGait\n');
  });

  it('gives a quote the confidence of its least certain word, and calls under 0.75 low', () => {
    const page = ocrPageText(1, LINES, invertAffine([1, 0, 0, -1, 0, 600]), [0, 0, 500, 600]);
    expect(confidenceOf(page, 0, 4)).toBe(0.96);
    expect(confidenceOf(page, 0, 16)).toBe(0.71);
    expect(isLowOcrConfidence({ ocrConfidence: 0.71 })).toBe(true);
    expect(isLowOcrConfidence({ ocrConfidence: 0.96 })).toBe(false);
    expect(isLowOcrConfidence({})).toBe(false);
  });
});
