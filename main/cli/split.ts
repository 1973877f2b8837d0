// How a PDF is cut into parts for several workers: a long one by its page count, when it is long
// enough to be worth sharing; a short scan by its pages that need OCR, which take seconds each.

export interface SplitPolicy {
  readonly workers: number;
}

/** A PDF up to this long is read by one worker. */
const SPLIT_ABOVE_PAGES = 48;
/** Parts are at least this many pages: a worker opens the document for its first part. */
const MIN_PART_PAGES = 24;
/**
 * Small parts, taken by whichever worker is free, let the workers finish together; a worker keeps
 * the document open between its parts (main/extract/kept-pdf.ts), so a part costs little more.
 */
const PARTS_PER_WORKER = 4;

/** Page ranges (1-based, inclusive) covering the document; one range when it is not worth splitting. */
export function planParts(pageCount: number, policy: SplitPolicy): [number, number][] {
  if (pageCount <= SPLIT_ABOVE_PAGES || policy.workers < 2) return [[1, pageCount]];
  const count = Math.max(
    1,
    Math.min(policy.workers * PARTS_PER_WORKER, Math.floor(pageCount / MIN_PART_PAGES)),
  );
  const size = Math.ceil(pageCount / count);
  const parts: [number, number][] = [];
  for (let from = 1; from <= pageCount; from += size)
    parts.push([from, Math.min(pageCount, from + size - 1)]);
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
