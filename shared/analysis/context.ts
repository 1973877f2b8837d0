// A finding's polarity from the words around it in its sentence or row: denied, optional,
// planned, third-party, or plainly asserted. Denials are kept on the finding, never dropped.
import type { Polarity } from '../model/finding';
import type { CompiledContext, CueSet, Occurrence } from '../rules/compile';
import type { TokenView } from '../rules/pattern';
import type { Segment } from '../text/segment';

export interface PolarityResult {
  readonly polarity: Polarity;
  /** The cue's words as they appear in the text. */
  readonly cue?: string;
}

/** How many words before a claim a denial reaches ("does not support face, gait or ethnicity ..."). */
const NEGATION_REACH = 8;
/** A determiner ("no", "without") denies only what follows it closely: "no server required. Face ..." */
const NEAR_NEGATION_REACH = 2;
/** How many words after a claim "is not supported" or a final "No" may start. */
const AFTER_REACH = 3;
/** How far before a claim an "optional", "planned" or "third-party" cue reaches. */
const HEDGE_REACH = 10;
/** How far after: to the end of the clause, past a relative clause ("Gait recognition, which ..., is planned"). */
const HEDGE_AFTER_REACH = 24;
/** Characters that end a clause inside a segment. */
const CLAUSE_MARK = /[;!?。；！？，]|\.\s/u;

export function polarityOf(
  context: CompiledContext,
  view: TokenView,
  text: string,
  seg: Segment,
  match: { readonly t0: number; readonly t1: number; readonly gaps: readonly [number, number][] },
): PolarityResult {
  const { t0: m0, t1: m1 } = match;
  // Unspaced scripts put about two characters in a word, so their reach is counted double.
  const scale = view.tokens.cjk[m0] === 1 ? 2 : 1;
  const cueText = (o: Occurrence): string =>
    text.slice(view.tokens.start[o.start], view.tokens.end[o.end - 1]);
  const broken = (from: number, to: number, allowCells: boolean): boolean =>
    clauseBroken(context.clauseBreaks, view, text, from, to, allowCells);

  const lo = Math.max(seg.firstToken, m0 - NEGATION_REACH * scale);
  const excused = context.notNegation.find(
    view,
    Math.max(seg.firstToken, lo - 3),
    Math.min(seg.endToken, m1 + 3),
  );
  const near = context.negationBeforeNear
    .find(view, lo, m0)
    .filter((o) => m0 - o.end <= NEAR_NEGATION_REACH * scale);
  // Between the parts of a proximity match: "the microphone cannot be activated remotely".
  const inside = match.gaps.flatMap(([a, b]) => context.negationBefore.find(view, a, b));
  const before = [...context.negationBefore.find(view, lo, m0), ...near]
    .filter((o) => !broken(o.end, m0, false))
    .concat(inside)
    .filter((o) => !excused.some((x) => x.start <= o.start && x.end >= o.end))
    .sort((a, b) => b.end - a.end)[0];
  if (before) return { polarity: 'negated', cue: cueText(before) };

  const afterEnd = Math.min(seg.endToken, m1 + AFTER_REACH * scale + 4);
  const after = context.negationAfter
    .find(view, m1, afterEnd)
    .find((o) => o.start - m1 <= AFTER_REACH * scale && !broken(m1, o.start, true));
  if (after) return { polarity: 'negated', cue: cueText(after) };

  const final = context.negationFinal
    .find(view, m1, seg.endToken)
    .find(
      (o) =>
        o.end === seg.endToken && o.start - m1 <= AFTER_REACH * scale && !broken(m1, o.start, true),
    );
  if (final) return { polarity: 'negated', cue: cueText(final) };

  const hedgeLo = Math.max(seg.firstToken, m0 - HEDGE_REACH * scale);
  const hedgeHi = Math.min(seg.endToken, m1 + HEDGE_AFTER_REACH * scale);
  const hedges: [Polarity, CueSet][] = [
    ['roadmap', context.roadmap],
    ['optional', context.optional],
    ['third_party', context.thirdParty],
  ];
  for (const [polarity, cues] of hedges) {
    const hit = cues.find(view, hedgeLo, hedgeHi).find((o) =>
      // A hedge may sit in the next table cell ("Face recognition<TAB>Optional"), not in the one before.
      o.end <= m0 ? !broken(o.end, m0, false) : o.start >= m1 ? !broken(m1, o.start, true) : true,
    );
    if (hit) return { polarity, cue: cueText(hit) };
  }
  return { polarity: 'asserted' };
}

/** True when a clause ends between a run that ends before token `from` and token `to`. */
function clauseBroken(
  breaks: CueSet,
  view: TokenView,
  text: string,
  from: number,
  to: number,
  allowCells: boolean,
): boolean {
  const { start, end } = view.tokens;
  const between = text.slice(from > 0 ? end[from - 1] : 0, start[to] ?? text.length);
  if (CLAUSE_MARK.test(between)) return true;
  if (!allowCells && between.includes('\t')) return true;
  return to > from && breaks.find(view, from, to).length > 0;
}
