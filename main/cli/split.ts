// How a long PDF is cut into parts for several workers: only when it is long enough to be worth
// opening more than once, and into twice as many parts as workers so they finish together.

export interface SplitPolicy {
  readonly workers: number;
}

/** A PDF up to this long is read by one worker. */
const SPLIT_ABOVE_PAGES = 48;
/** Parts are at least this many pages: each part opens the document again. */
const MIN_PART_PAGES = 24;

/** Page ranges (1-based, inclusive) covering the document; one range when it is not worth splitting. */
export function planParts(pageCount: number, policy: SplitPolicy): [number, number][] {
  if (pageCount <= SPLIT_ABOVE_PAGES || policy.workers < 2) return [[1, pageCount]];
  const count = Math.max(1, Math.min(policy.workers * 2, Math.floor(pageCount / MIN_PART_PAGES)));
  const size = Math.ceil(pageCount / count);
  const parts: [number, number][] = [];
  for (let from = 1; from <= pageCount; from += size)
    parts.push([from, Math.min(pageCount, from + size - 1)]);
  return parts;
}
