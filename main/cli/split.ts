// How a PDF is cut into parts for several workers: a long one by its page count, when it is long
// enough to be worth sharing; a short scan by its pages that need OCR, which take seconds each.

export interface SplitPolicy {
  readonly workers: number;
}

/** A PDF up to this long is read by one worker. */
const SPLIT_ABOVE_PAGES = 48;
/** Parts are at least this many pages (a worker opens the document for its first part). */
const MIN_PART_PAGES = 12;

/**
 * Page ranges (1-based, inclusive) covering the document; one range when it is not worth
 * splitting. Parts shrink as the document goes on: each is an even share of what is left among
 * twice as many parts as workers. Whichever worker is free takes the next part, so the large
 * first parts keep the workers busy and the small last ones let them finish together. A worker
 * keeps the document open between its parts (main/extract/kept-pdf.ts), so small parts cost
 * little.
 */
export function planParts(pageCount: number, policy: SplitPolicy): [number, number][] {
  if (pageCount <= SPLIT_ABOVE_PAGES || policy.workers < 2) return [[1, pageCount]];
  const parts: [number, number][] = [];
  let from = 1;
  while (from <= pageCount) {
    const left = pageCount - from + 1;
    let size = Math.max(MIN_PART_PAGES, Math.ceil(left / (policy.workers * 2)));
    // A remainder too small to be a part goes with this one.
    if (left - size < MIN_PART_PAGES) size = left;
    parts.push([from, from + size - 1]);
    from += size;
  }
  return parts;
}

/**
 * Page ranges covering a document that was not split by length but has pages to read by OCR
 * (`ocrPages`, ascending): each range holds an even share of those pages, so the workers read
 * them at once. One range when there is a single such page or a single worker.
 */
export function planOcrParts(
  pageCount: number,
  ocrPages: readonly number[],
  policy: SplitPolicy,
): [number, number][] {
  const count = Math.min(ocrPages.length, policy.workers * 2);
  if (count < 2 || policy.workers < 2) return [[1, pageCount]];
  const starts = Array.from({ length: count }, (_, k) =>
    k === 0 ? 1 : ocrPages[Math.floor((k * ocrPages.length) / count)]!,
  );
  return starts.map((from, k) => [from, k + 1 < count ? starts[k + 1]! - 1 : pageCount]);
}
