// Where a value sits in a rule pack's YAML text (line and column, 1-based), for problems found
// after the shared loader accepted the pack: a rule id another pack already uses, a failing test.
import { LineCounter, parseDocument } from 'yaml';

/** The line and column of the deepest node on `path` that exists; 1:1 for the whole pack. */
export function positionIn(
  text: string,
  path: readonly (string | number)[],
): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const { line, col } = lineCounter.linePos(range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}
