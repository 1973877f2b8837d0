// A page of text with no layout of its own (a Word file, web page or plain text) as blocks to
// show: paragraphs at blank lines, and runs of tab-separated lines (table rows, as the readers
// write them) as tables. Every block keeps its offsets in the page text, where findings point.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type TextBlock =
  | { readonly kind: 'paragraph'; readonly span: Span }
  | { readonly kind: 'table'; readonly rows: readonly (readonly Span[])[] };

export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const paragraph of spansBetween(text, /\n(?:[ \t]*\n)+/g, { start: 0, end: text.length })) {
    let rows: Span[][] = [];
    let lines: Span | null = null;
    const flush = (): void => {
      if (lines) blocks.push({ kind: 'paragraph', span: lines });
      if (rows.length > 0) blocks.push({ kind: 'table', rows });
      lines = null;
      rows = [];
    };
    for (const line of spansBetween(text, /\n/g, paragraph)) {
      if (text.slice(line.start, line.end).includes('\t')) {
        if (lines) flush();
        rows.push(spansBetween(text, /\t/g, line, true));
      } else {
        if (rows.length > 0) flush();
        lines = lines ? { start: lines.start, end: line.end } : line;
      }
    }
    flush();
  }
  return blocks;
}

/** The parts of `within` between matches of `separator` (blank parts dropped unless `keep`). */
function spansBetween(text: string, separator: RegExp, within: Span, keep = false): Span[] {
  const spans: Span[] = [];
  const part = text.slice(within.start, within.end);
  let from = 0;
  for (const match of part.matchAll(separator)) {
    spans.push({ start: within.start + from, end: within.start + match.index });
    from = match.index + match[0].length;
  }
  spans.push({ start: within.start + from, end: within.end });
  return keep ? spans : spans.filter((s) => text.slice(s.start, s.end).trim() !== '');
}

/** A stretch of text and the marks over it, outermost (longest) first. */
export interface Piece<M> extends Span {
  readonly marks: readonly M[];
}

/** `span` cut wherever a mark starts or ends, each piece with the marks covering it. */
export function piecesOf<M extends Span>(span: Span, marks: readonly M[]): Piece<M>[] {
  const inside = marks.filter((m) => m.start < span.end && m.end > span.start);
  const cuts = new Set([span.start, span.end]);
  for (const m of inside) {
    if (m.start > span.start) cuts.add(m.start);
    if (m.end < span.end) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece<M>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = inside
      .filter((m) => m.start <= start && m.end >= end)
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    pieces.push({ start, end, marks: covering });
  }
  return pieces;
}

/** The spans a block shows: its paragraph, or every cell of its table. */
export function spansOf(block: TextBlock): readonly Span[] {
  return block.kind === 'paragraph' ? [block.span] : block.rows.flat();
}

/**
 * The marks over each block, and where each mark's first shown piece starts (a mark may start
 * in a break between blocks, which is not shown). Each mark is looked up by binary search, so a
 * long Word file with thousands of findings is placed in one pass.
 */
export function assignToBlocks<M extends Span>(
  blocks: readonly TextBlock[],
  marks: readonly M[],
): { perBlock: M[][]; firstAt: Map<M, number> } {
  const spans = blocks.map(spansOf);
  const perBlock: M[][] = blocks.map(() => []);
  const firstAt = new Map<M, number>();
  const ends = spans.map((s) => s.at(-1)?.end ?? 0);
  for (const mark of marks) {
    // The first block that ends after the mark starts.
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > mark.start) hi = mid;
      else lo = mid + 1;
    }
    for (let b = lo; b < blocks.length && (spans[b]![0]?.start ?? 0) < mark.end; b++) {
      const shown = spans[b]!.find((s) => s.end > mark.start && s.start < mark.end);
      if (shown === undefined) continue;
      perBlock[b]!.push(mark);
      if (!firstAt.has(mark)) firstAt.set(mark, Math.max(shown.start, mark.start));
    }
  }
  return { perBlock, firstAt };
}
