// How `claimlens analyse` shares one PDF out between its workers: by length, or by OCR pages.
import { describe, expect, it } from 'vitest';
import { planOcrParts, planParts } from '../../main/cli/split';

describe('planParts', () => {
  it('keeps a short document or a single worker in one part', () => {
    expect(planParts(48, { workers: 2 })).toEqual([[1, 48]]);
    expect(planParts(400, { workers: 1 })).toEqual([[1, 400]]);
  });

  it('cuts a long document into four times as many parts as workers, covering every page once', () => {
    expect(planParts(400, { workers: 2 })).toEqual([
      [1, 50],
      [51, 100],
      [101, 150],
      [151, 200],
      [201, 250],
      [251, 300],
      [301, 350],
      [351, 400],
    ]);
    expect(planParts(60, { workers: 4 })).toEqual([
      [1, 30],
      [31, 60],
    ]);
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
