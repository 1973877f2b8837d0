// Word-level difference between two sentences, for showing what a reworded claim changed.
// Longest common subsequence over words; sentences are short, and long ones fall back to one
// removed and one added run rather than spending quadratic time.

export interface WordRun {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

const MAX_CELLS = 40_000;

export function wordDiff(before: string, after: string): WordRun[] {
  const a = before.split(/\s+/).filter((w) => w !== '');
  const b = after.split(/\s+/).filter((w) => w !== '');
  if (a.length * b.length > MAX_CELLS) {
    return [
      { kind: 'removed', text: a.join(' ') },
      { kind: 'added', text: b.join(' ') },
    ].filter((r) => r.text !== '') as WordRun[];
  }
  const key = (w: string): string =>
    w
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '');
  // lcs[i][j]: common words of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] =
        key(a[i]!) === key(b[j]!)
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const runs: WordRun[] = [];
  const push = (kind: WordRun['kind'], word: string): void => {
    const last = runs[runs.length - 1];
    if (last?.kind === kind) runs[runs.length - 1] = { kind, text: `${last.text} ${word}` };
    else runs.push({ kind, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i]!) === key(b[j]!)) {
      push('same', b[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return runs;
}
