// How `claimlens analyse` shares one PDF out between its workers: by length, or by OCR pages.
import { describe, expect, it } from 'vitest';
import { planOcrParts, planParts } from '../../main/cli/split';

describe('planParts', () => {
  it('keeps a short document or a single worker in one part', () => {
    expect(planParts(48, { workers: 2 })).toEqual([[1, 48]]);
    expect(planParts(400, { workers: 1 })).toEqual([[1, 400]]);
  });

  it('cuts a long document into parts that shrink towards its end, covering every page once', () => {
    expect(planParts(400, { workers: 2 })).toEqual([
      [1, 100],
      [101, 175],
      [176, 232],
      [233, 274],
      [275, 306],
      [307, 330],
      [331, 348],
      [349, 361],
      [362, 373],
      [374, 385],
      [386, 400],
    ]);
    expect(planParts(60, { workers: 4 })).toEqual([
      [1, 12],
      [13, 24],
      [25, 36],
      [37, 48],
      [49, 60],
    ]);
    for (const [pages, workers] of [
      [49, 2],
      [1000, 8],
      [5000, 3],
    ] as const) {
      const parts = planParts(pages, { workers });
      expect(parts[0]![0]).toBe(1);
      expect(parts.at(-1)![1]).toBe(pages);
      parts.forEach(([from, to], k) => {
        expect(to - from + 1).toBeGreaterThanOrEqual(12);
        if (k > 0) expect(from).toBe(parts[k - 1]![1] + 1);
      });
    }
  });
});

describe('planOcrParts', () => {
  it('keeps one part for a single OCR page or a single worker', () => {
    expect(planOcrParts(10, [4], { workers: 2 })).toEqual([[1, 10]]);
    expect(planOcrParts(10, [1, 2, 3], { workers: 1 })).toEqual([[1, 10]]);
    expect(planOcrParts(10, [], { workers: 2 })).toEqual([[1, 10]]);
  });

  it('gives each part an even share of the OCR pages, and covers every page once', () => {
    expect(planOcrParts(6, [1, 2, 3, 4, 5, 6], { workers: 2 })).toEqual([
      [1, 1],
      [2, 3],
      [4, 4],
      [5, 6],
    ]);
    // Text pages go with the OCR pages around them; the first part starts at page 1.
    expect(planOcrParts(9, [3, 7], { workers: 2 })).toEqual([
      [1, 6],
      [7, 9],
    ]);
  });
});
