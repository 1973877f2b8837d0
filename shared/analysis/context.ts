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
  /** The cue's first token, when there is a cue. */
  readonly cueAt?: number;
  /** The token after the cue's last one, when there is a cue. */
  readonly cueEnd?: number;
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
/** Words, and what may stand between list items besides them (see linkBetween). */
const WORDS = /[\p{L}\p{N}]+/gu;
const LIST_GLUE = /[^\s,/、']/u;
const CLAUSE_MARK = /[;!?。；！？，]|\.\s/u;
/** What ends the reach of a Chinese hedge before its claim: not the comma. */
const CJK_HEDGE_MARK = /[;!?。；！？]|\.\s/u;

export function polarityOf(
  context: CompiledContext,
  view: TokenView,
  text: string,
  seg: Segment,
  match: { readonly t0: number; readonly t1: number; readonly gaps: readonly [number, number][] },
  /** Hedges after the claim are looked for only before this token (see releaseHedgesOfNextClaims). */
  hedgeEnd: number = seg.endToken,
): PolarityResult {
  const { t0: m0, t1: m1 } = match;
  // Unspaced scripts put about two characters in a word, so their reach is counted double.
  const scale = view.tokens.cjk[m0] === 1 ? 2 : 1;
  const found = (polarity: Polarity, o: Occurrence): PolarityResult => ({
    polarity,
    cue: text.slice(view.tokens.start[o.start], view.tokens.end[o.end - 1]),
    cueAt: o.start,
    cueEnd: o.end,
  });
  const broken = (from: number, to: number, allowCells: boolean): boolean =>
    clauseBroken(context.clauseBreaks, view, text, from, to, allowCells);

  const lo = Math.max(seg.firstToken, m0 - NEGATION_REACH * scale);
  const afterEnd = Math.min(seg.endToken, m1 + AFTER_REACH * scale + 4);
  const excuses = context.notNegation.find(
    view,
    Math.max(seg.firstToken, lo - 3),
    Math.min(seg.endToken, afterEnd + 3),
  );
  // "not only", "is disabled by default": a cue inside one of these is no denial.
  const excused = (o: Occurrence): boolean =>
    excuses.some((x) => x.start <= o.start && x.end >= o.end);
  // "No cloud, face recognition on the camera": a determiner does not reach past a comma.
  const near = context.negationBeforeNear.find(view, lo, m0).filter(
    (o) =>
      m0 - o.end <= NEAR_NEGATION_REACH * scale &&
      !hasComma(view, text, o.end, m0) &&
      // "维吾尔族/非维吾尔族", "with/without glasses": an alternative offered, not a denial.
      !afterSlash(view, text, o.start),
  );
  // Between the parts of a proximity match: "the microphone cannot be activated remotely".
  const inside = match.gaps.flatMap(([a, b]) => [
    ...context.negationBefore.find(view, a, b),
    ...context.negationBeforeNear.find(view, a, b),
  ]);
  // A denial may share the claim's first word: "不上传" (does not upload) before "上传云平台".
  const overlapping = context.negationBefore
    .find(view, lo, Math.min(m1, m0 + 2 * scale))
    .filter((o) => o.start < m0 && o.end > m0);
  const before = [...context.negationBefore.find(view, lo, m0), ...overlapping, ...near]
    .filter((o) => !broken(o.end, m0, false) && !newClause(context, view, text, o.end, m0))
    .concat(inside)
    .filter((o) => !excused(o))
    .sort((a, b) => b.end - a.end)[0];
  if (before) return found('negated', before);

  const after = context.negationAfter
    .find(view, m1, afterEnd)
    .find((o) => o.start - m1 <= AFTER_REACH * scale && !broken(m1, o.start, true) && !excused(o));
  if (after) return found('negated', after);

  // "Hikvision-free": a denial joined to the claim by a hyphen.
  const suffix = context.negationSuffix
    .find(view, m1, Math.min(seg.endToken, m1 + 3))
    .find((o) => o.start === m1 && joinedByHyphen(view, text, m1));
  if (suffix) return found('negated', suffix);

  const final = context.negationFinal.find(view, m1, seg.endToken).find(
    (o) =>
      o.end === seg.endToken &&
      o.start - m1 <= AFTER_REACH * scale &&
      !broken(m1, o.start, true) &&
      !excused(o) &&
      // "Face matching<TAB>Yes<TAB>No": a later column is another product's.
      !cellBetween(view, text, m1, o.start),
  );
  if (final) return found('negated', final);

  // "Face matching<TAB>No<TAB>Yes": a comparison table's first value cell denies it.
  const cell =
    seg.kind === 'row' ? nextCellDenial(context, view, text, m1, seg.endToken) : undefined;
  if (cell) return found('negated', cell);

  // "... will be rejected.": the cue closes the sentence or clause the claim is in.
  const closing = context.negationClosing
    .find(view, m1, seg.endToken)
    .find((o) => closesClause(view, text, seg, o) && !broken(m1, o.start, true) && !excused(o));
  if (closing) return found('negated', closing);

  const hedgeLo = Math.max(seg.firstToken, m0 - HEDGE_REACH * scale);
  const hedgeHi = Math.min(seg.endToken, hedgeEnd, m1 + HEDGE_AFTER_REACH * scale);
  const hedges: [Polarity, CueSet][] = [
    ['roadmap', context.roadmap],
    ['third_party', context.thirdParty],
    ['optional', context.optional],
  ];
  // A hedge that shares words with an excuse is none: "with licence plate recognition".
  const hedgeExcuses = context.notHedge.find(view, hedgeLo, hedgeHi);
  const notHedge = (o: Occurrence): boolean =>
    hedgeExcuses.some((x) => x.start < o.end && x.end > o.start);
  // In Chinese a comma joins the clauses of one statement: "步态识别正在研发中，预计明年发布，届时
  // 可通过走路姿态确认身份" plans all of it. A plan or an option before a claim reaches past it.
  const hedgeBroken = (from: number, to: number): boolean =>
    scale === 2
      ? clauseBroken(context.clauseBreaks, view, text, from, to, false, CJK_HEDGE_MARK)
      : broken(from, to, false);
  for (const [polarity, cues] of hedges) {
    const hit = cues.find(view, hedgeLo, hedgeHi).find(
      (o) =>
        !notHedge(o) &&
        // A hedge may sit in the next table cell ("Face recognition<TAB>Optional"), not in the one before.
        (o.end <= m0
          ? !hedgeBroken(o.end, m0)
          : o.start >= m1
            ? !broken(m1, o.start, true) && !bracketedForOther(view, text, m1, o.start)
            : true),
    );
    if (hit) return found(polarity, hit);
  }
  const opening = openingHedge(context, view, text, seg, m0, hedges, notHedge);
  if (opening) return found(opening[0], opening[1]);
  // "Unlike Hikvision, ...", "more accurate than Dahua": a comparison names someone else's product.
  // It reaches past its next two words only while the comparison's own clause goes on ("unlike
  // competitors that sort shoppers by ethnicity, our counters ..."): a comma or a conjunction
  // ends it ("compatible with ONVIF and supports face recognition").
  const comparison = context.thirdPartyNear
    .find(view, hedgeLo, m0)
    .filter(
      (o) =>
        !notHedge(o) &&
        !broken(o.end, m0, false) &&
        (m0 - o.end <= NEAR_NEGATION_REACH * scale ||
          (!hasComma(view, text, o.end, m0) &&
            context.conjunctions.find(view, o.end, m0).length === 0)),
    )
    .sort((a, b) => b.end - a.end)[0];
  if (comparison) return found('third_party', comparison);
  return { polarity: 'asserted' };
}

/** How many words from a sentence's start an opening phrase's hedge may begin ("Through our ..."). */
const OPENING_START = 2;
/** How many words an opening phrase may run from its hedge to the comma that closes it. */
const OPENING_LENGTH = 8;

/**
 * A hedge in a sentence's opening phrase, closed by a comma, covers the clause that follows,
 * however long: "Through our integration with the FaceGrid platform, operators are alerted when
 * ...", "En partenariat avec Vocalis, la plateforme identifie ...", "In the next release, the
 * camera will ...". A clause mark or a clause break ("but") after the comma ends its reach.
 */
function openingHedge(
  context: CompiledContext,
  view: TokenView,
  text: string,
  seg: Segment,
  m0: number,
  hedges: readonly [Polarity, CueSet][],
  notHedge: (o: Occurrence) => boolean,
): [Polarity, Occurrence] | undefined {
  const first = seg.firstToken;
  if (m0 - first <= OPENING_START + 1) return undefined;
  const { start, end } = view.tokens;
  // Most sentences have no comma near their start: nothing to look for then.
  const reach = Math.min(m0, first + OPENING_START + OPENING_LENGTH + 2);
  if (!/[,，]/u.test(text.slice(start[first], start[reach]))) return undefined;
  // The token after the comma that closes an opening phrase starting at `o`, if it has one.
  const afterComma = (o: Occurrence): number | undefined => {
    for (let t = o.end; t < m0 && t <= o.end + OPENING_LENGTH; t++) {
      const between = text.slice(end[t - 1], start[t]);
      if (/[,，]/u.test(between)) return t;
      if (CLAUSE_MARK.test(between) || between.includes('\t')) return undefined;
    }
    return undefined;
  };
  for (const [polarity, cues] of hedges) {
    for (const o of cues.find(view, first, Math.min(m0, first + OPENING_START + 6))) {
      if (o.start - first > OPENING_START || notHedge(o)) continue;
      const t = afterComma(o);
      if (t === undefined || listComma(context, view, text, t, m0)) continue;
      const rest = text.slice(start[t], start[m0]);
      if (CLAUSE_MARK.test(rest) || rest.includes('\t')) continue;
      if (context.clauseBreaks.find(view, t, m0).length > 0) continue;
      return [polarity, o];
    }
  }
  return undefined;
}

/**
 * True when the comma before token `t` separates list items rather than closing an opening
 * phrase: a conjunction or another comma follows within a word or two ("installs, tunes and
 * services").
 */
function listComma(
  context: CompiledContext,
  view: TokenView,
  text: string,
  t: number,
  limit: number,
): boolean {
  const { start, end } = view.tokens;
  const to = Math.min(limit, t + 3);
  if (context.conjunctions.find(view, t, to).some((o) => o.start <= t + 1)) return true;
  return /[,，、]/u.test(text.slice(end[t], start[to]));
}

/** True when a whole table cell stands between a claim ending before `m1` and token `t`. */
function cellBetween(view: TokenView, text: string, m1: number, t: number): boolean {
  const between = text.slice(view.tokens.end[m1 - 1], view.tokens.start[t]);
  return between.indexOf('\t') !== between.lastIndexOf('\t');
}

/** True when the token before `t` is joined to it by a slash alone. */
function afterSlash(view: TokenView, text: string, t: number): boolean {
  return t > 0 && text.slice(view.tokens.end[t - 1], view.tokens.start[t]).trim() === '/';
}

/** "And" in the five languages: after a comma it may start a new clause; "or" goes on denying. */
const AND_WORD = /^(?:and|et|und|y|e)$/u;

/**
 * True when a comma and a conjunction open a new clause between a denial ending before `from` and
 * a claim at `to` ("aucune estimation de l'âge ne sera réalisée, et la détection des attroupements
 * sera ajoutée"). The items of a denied list ("does not support A, B, and C") still share the
 * denial, through shareListPolarity.
 */
function newClause(
  context: CompiledContext,
  view: TokenView,
  text: string,
  from: number,
  to: number,
): boolean {
  const { start, end } = view.tokens;
  for (const o of context.conjunctions.find(view, from, to)) {
    // "shall not be made by, or contain parts from, Dahua": a denial distributes over "or".
    if (!AND_WORD.test(view.tokens.lower[o.start]!)) continue;
    if (/,\s*$/u.test(text.slice(end[o.start - 1], start[o.start]))) return true;
  }
  return false;
}

/** How many words of the claim's cell may follow the claim ("P2P cloud<TAB>No"). */
const CELL_REST = 4;

/** A denial that fills the table cell after the claim's cell, when more cells follow. */
function nextCellDenial(
  context: CompiledContext,
  view: TokenView,
  text: string,
  m1: number,
  segEnd: number,
): Occurrence | undefined {
  const { start, end } = view.tokens;
  let cell = -1;
  for (let t = m1; t < segEnd && t <= m1 + CELL_REST; t++) {
    if (text.slice(end[t - 1], start[t]).includes('\t')) {
      cell = t;
      break;
    }
  }
  if (cell < 0) return undefined;
  return context.negationFinal
    .find(view, cell, Math.min(segEnd, cell + 3))
    .find(
      (o) =>
        o.start === cell &&
        o.end < segEnd &&
        text.slice(end[o.end - 1], start[o.end]).includes('\t'),
    );
}

/** True when a comma (or a list or clause mark) stands between the run ending before `from` and token `to`. */
function hasComma(view: TokenView, text: string, from: number, to: number): boolean {
  const { start, end } = view.tokens;
  return /[,，、:：]/u.test(text.slice(end[from - 1], start[to]));
}

/** True when a cue ends its segment or a clause in it (only punctuation follows up to a break). */
function closesClause(view: TokenView, text: string, seg: Segment, o: Occurrence): boolean {
  if (o.end === seg.endToken) return true;
  const after = text.slice(view.tokens.end[o.end - 1], view.tokens.start[o.end]);
  // "Ein Fernzugriff ist technisch ausgeschlossen, Telnet ...": a comma closes a clause too.
  return CLAUSE_MARK.test(after) || after.includes(',');
}

/** True when token `t` follows the token before it with only a hyphen between them. */
function joinedByHyphen(view: TokenView, text: string, t: number): boolean {
  const { start, end } = view.tokens;
  return t > 0 && text.slice(end[t - 1], start[t]) === '-';
}

/** A hedge may introduce the next claim from up to this many words before it. */
const INTRODUCES_REACH = 3;

/**
 * A hedge after a claim that belongs to a later claim is not the earlier one's: in "reads plates
 * at 400 junctions and will add person tracking", "will add" plans the tracking, not the plate
 * reading, and in "face recognition is an option and gait analysis will arrive next year" the plan
 * is the gait analysis's. The hedge leads straight into the later claim, or that claim stands
 * between the earlier one and the hedge, after a conjunction or comma, and has the hedge itself.
 * The earlier claim's polarity is then worked out again from the words before that later claim
 * (`recompute`), so "is an option" still makes it optional.
 */
export function releaseHedgesOfNextClaims(
  claims: readonly ClaimPolarity[],
  contextOf: (seg: number) => CompiledContext,
  view: TokenView,
  text: string,
  recompute: (claim: ClaimPolarity, hedgeEnd: number) => PolarityResult,
): void {
  const { start, end } = view.tokens;
  for (const a of claims) {
    const { polarity, cueAt, cueEnd } = a.result;
    if (polarity === 'asserted' || polarity === 'negated') continue;
    if (cueAt === undefined || cueEnd === undefined || cueAt < a.t1) continue;
    const introduced = claims.some(
      (b) =>
        b !== a &&
        b.seg === a.seg &&
        // "plate reading through a third-party ANPR engine": the same claim said twice.
        b.category !== a.category &&
        b.t0 >= cueEnd &&
        b.t0 - cueEnd <= INTRODUCES_REACH &&
        !/[,;:.!?()，、；：。！？（）\t]/u.test(text.slice(end[cueEnd - 1], start[b.t0])) &&
        // "face recognition is optional and gait analysis standard": the hedge stays with the first.
        contextOf(b.seg).conjunctions.find(view, cueEnd, b.t0).length === 0,
    );
    if (introduced) {
      a.result = recompute(a, cueAt);
      continue;
    }
    // "La reconnaissance faciale est en option et l'analyse de la démarche arrivera l'an prochain."
    const between = claims.find(
      (b) =>
        b !== a &&
        b.seg === a.seg &&
        // "La lecture des plaques et la reconnaissance de la marque arriveront": one list.
        b.category !== a.category &&
        b.t0 >= a.t1 &&
        b.t1 <= cueAt &&
        b.result.cueAt === cueAt &&
        (contextOf(b.seg).conjunctions.find(view, a.t1, b.t0).length > 0 ||
          /[,，、;；]/u.test(text.slice(end[a.t1 - 1], start[b.t0]))),
    );
    if (between) a.result = recompute(a, between.t0);
  }
}

/** A claim's token span and segment, with the polarity found for it on its own. */
export interface ClaimPolarity {
  readonly seg: number;
  /** The claim's category: a hedge leading into a claim of the same category covers both. */
  readonly category: string;
  readonly t0: number;
  readonly t1: number;
  result: PolarityResult;
}

/**
 * Claims joined by list conjunctions share a denial or hedge that only one of them reaches:
 * "does not support face recognition, gait analysis or ethnicity detection" denies all three, and
 * "face recognition and gait analysis are optional" hedges both. A cue before the first claim
 * passes forward, a cue after the last passes back; a claim with a cue of its own keeps it.
 * Claims that share words are one list item, and a bare comma joins items of a list that a
 * conjunction closes ("Face recognition, gait analysis and ethnicity detection are not
 * supported"), not two statements ("No cloud, face recognition on the camera").
 */
export function shareListPolarity(
  claims: readonly ClaimPolarity[],
  contextOf: (seg: number) => CompiledContext,
  view: TokenView,
  text: string,
): void {
  const ordered = [...claims].sort((a, b) => a.seg - b.seg || a.t0 - b.t0 || a.t1 - b.t1);
  // How each claim is joined to the one before it, worked out only where a cue could pass.
  const links = new Array<Link | undefined>(ordered.length);
  const link = (i: number): Link => {
    let found = links[i];
    if (found === undefined) {
      const [a, b] = [ordered[i - 1], ordered[i]];
      if (a === undefined || b === undefined || a.seg !== b.seg) found = 'none';
      else if (b.t0 < a.t1) found = 'overlap';
      else found = joinedByConjunction(contextOf(a.seg), view, text, a.t1, b.t0);
      links[i] = found;
    }
    return found;
  };
  // A run of comma links counts only inside a list that a conjunction joins too, or closes
  // after its last claim: "Hikvision, Dahua or their affiliates".
  const joined = (i: number): boolean => {
    let j = i;
    while (link(j) === 'comma' || (j > i && link(j) === 'overlap')) j++;
    if (j === i) return link(i) !== 'none';
    return link(j) === 'conjunction' || conjunctionAfter(ordered[j - 1]!);
  };
  const conjunctionAfter = (c: ClaimPolarity): boolean => {
    const { start, end, count } = view.tokens;
    if (c.t1 >= count || LIST_GLUE.test(text.slice(end[c.t1 - 1], start[c.t1]))) return false;
    return contextOf(c.seg)
      .conjunctions.find(view, c.t1, Math.min(count, c.t1 + MAX_JOIN))
      .some((o) => o.start === c.t1);
  };
  for (let i = 1; i < ordered.length; i++) {
    const [a, b] = [ordered[i - 1]!, ordered[i]!];
    const cueAt = a.result.cueAt;
    if (b.result.polarity === 'asserted' && cueAt !== undefined && cueAt < a.t0 && joined(i)) {
      b.result = a.result;
    }
  }
  for (let i = ordered.length - 2; i >= 0; i--) {
    const [a, b] = [ordered[i]!, ordered[i + 1]!];
    const cueAt = b.result.cueAt;
    if (
      a.result.polarity === 'asserted' &&
      cueAt !== undefined &&
      cueAt >= b.t1 &&
      joined(i + 1) &&
      !parenthesised(view, text, b.t1, cueAt)
    ) {
      a.result = b.result;
    }
  }
}

/**
 * True when a cue after a claim is in brackets that close a later list item: in "loitering
 * detection, face capture (optional)" the bracket belongs to the face capture alone.
 */
function bracketedForOther(view: TokenView, text: string, m1: number, cueAt: number): boolean {
  const { start, end } = view.tokens;
  const between = text.slice(end[m1 - 1], start[cueAt]);
  return /[(（]\s*$/u.test(between) && /[,;，、；]/u.test(between);
}

/**
 * True when a cue is in brackets straight after a claim: "loitering detection, face capture
 * (optional)" makes only the face capture optional, not the list before it.
 */
function parenthesised(view: TokenView, text: string, claimEnd: number, cueAt: number): boolean {
  const { start, end } = view.tokens;
  return /^\s*[(（]\s*$/u.test(text.slice(end[claimEnd - 1], start[cueAt]));
}

/** How many words after a hedged claim a later claim of its category may take its hedge. */
const SAME_CLAIM_REACH = 20;

/**
 * A plan, an option or a third party named before a claim covers later claims of the same
 * category in its clause, which describe the same function: "Next year we plan to add spotting of
 * spoken phrases ... to the audio analytics", "connect third-party sentiment engines ... to gauge
 * shopper satisfaction". A claim with a cue of its own keeps it; a clause mark or break ends it.
 */
export function shareHedgeAlongClause(
  claims: readonly ClaimPolarity[],
  contextOf: (seg: number) => CompiledContext,
  view: TokenView,
  text: string,
): void {
  const ordered = [...claims].sort((a, b) => a.seg - b.seg || a.t0 - b.t0 || a.t1 - b.t1);
  for (let i = 0; i < ordered.length; i++) {
    const a = ordered[i]!;
    const { polarity, cueAt } = a.result;
    if (polarity === 'asserted' || polarity === 'negated' || cueAt === undefined || cueAt >= a.t0)
      continue;
    for (let j = i + 1; j < ordered.length; j++) {
      const b = ordered[j]!;
      if (b.seg !== a.seg || b.t0 - a.t1 > SAME_CLAIM_REACH) break;
      if (b.t0 < a.t1 || b.category !== a.category || b.result.polarity !== 'asserted') continue;
      if (clauseBroken(contextOf(a.seg).clauseBreaks, view, text, a.t1, b.t0, false)) break;
      b.result = a.result;
    }
  }
}

/** How two claims of a sentence are joined. */
type Link = 'none' | 'overlap' | 'comma' | 'conjunction';

/** Up to this many words may join two claims of a list ("as well as"). */
const MAX_JOIN = 3;

/**
 * How tokens [from, to) join two claims: by list conjunctions (or the Chinese enumeration comma or
 * a slash), with at most punctuation of a list around them, by a comma alone, or not at all.
 */
function joinedByConjunction(
  context: CompiledContext,
  view: TokenView,
  text: string,
  from: number,
  to: number,
): Link {
  const { start, end } = view.tokens;
  const between = text.slice(end[from - 1], start[to]);
  // Commas, slashes, the Chinese enumeration comma and elisions ("ou l'origine") may stand between.
  if (LIST_GLUE.test(between.replace(WORDS, ''))) return 'none';
  if (to - from > MAX_JOIN) return 'none';
  if (to === from) {
    if (between.includes('、') || between.includes('/')) return 'conjunction';
    return between.includes(',') ? 'comma' : 'none';
  }
  let covered = from;
  for (const o of context.conjunctions.find(view, from, to)) {
    if (o.start > covered) return 'none';
    covered = Math.max(covered, o.end);
  }
  return covered === to ? 'conjunction' : 'none';
}

/** True when a clause ends between a run that ends before token `from` and token `to`. */
function clauseBroken(
  breaks: CueSet,
  view: TokenView,
  text: string,
  from: number,
  to: number,
  allowCells: boolean,
  marks: RegExp = CLAUSE_MARK,
): boolean {
  const { start, end } = view.tokens;
  const between = text.slice(from > 0 ? end[from - 1] : 0, start[to] ?? text.length);
  if (marks.test(between)) return true;
  if (!allowCells && between.includes('\t')) return true;
  return to > from && breaks.find(view, from, to).length > 0;
}
