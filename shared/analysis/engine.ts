// The analysis engine: page text -> normalised text -> segments and tokens -> rule matches ->
// findings with polarity, quotes and quads. Pure: the same code runs in the CLI's worker threads
// and in the app's sandboxed renderer.
import { isHedged, type Finding } from '../model/finding';
import { severityRank } from '../model/taxonomy';
import {
  contextFor,
  type CompiledPattern,
  type CompiledRules,
  type IndexEntry,
} from '../rules/compile';
import { findAll, matchSlots, TokenView } from '../rules/pattern';
import { ALL_LANGUAGES, detectLanguages, languageBit } from '../text/language';
import { displayText, normalise, toSourceSpan } from '../text/normalise';
import { quadsFor, type PageText } from '../text/page-text';
import { segment, tokenize, type Segment, type Tokens } from '../text/segment';
import {
  polarityOf,
  releaseHedgesOfNextClaims,
  shareHedgeAlongClause,
  shareListPolarity,
  type ClaimPolarity,
} from './context';

/** Bumped whenever a change to the engine can change its findings; stored with every finding. */
export const ENGINE_VERSION = '1.26.0';

/** A rule match before polarity and quads: token and normalised-character spans. */
interface Match {
  readonly entry: IndexEntry;
  readonly seg: number;
  readonly t0: number;
  readonly t1: number;
  readonly start: number;
  readonly end: number;
  /** Token ranges between the parts of a proximity match, where a denial can also stand. */
  readonly gaps: [number, number][];
}

/** A token span, and for proximity patterns the spans of the words between its parts. */
interface Span {
  readonly t0: number;
  readonly t1: number;
  readonly gaps: [number, number][];
}

interface PageState {
  readonly text: string;
  readonly view: TokenView;
  readonly segments: Segment[];
  /** For each token, the index of its segment. */
  readonly segOf: Int32Array;
  /** For each segment, its language ("en", "de", "zh", ... or "und"). */
  readonly languages: readonly string[];
}

/** English terms run through brochures in every language, so English is read everywhere. */
const ALWAYS = languageBit('en');
/** A Han or kana character is Chinese or Japanese whatever the sentence around it. */
const UNSPACED = languageBit('zh') | languageBit('ja');

export function analysePage(page: PageText, rules: CompiledRules): Finding[] {
  const norm = normalise(page.text);
  const tokens = tokenize(norm.text);
  const segments = segment(norm.text, tokens);
  const segOf = new Int32Array(tokens.count).fill(-1);
  segments.forEach((s, i) => segOf.fill(i, s.firstToken, s.endToken));
  const languages = detectLanguages(tokens, segments);
  const state: PageState = {
    text: norm.text,
    view: new TokenView(
      tokens,
      activeLanguages(tokens, segments, languages.segments, languages.page),
    ),
    segments,
    segOf,
    languages: languages.segments,
  };

  const sentenceCache = new Map<number, boolean>();
  const notClaim = new Map<number, boolean>();
  // A sentence about a law or a sales policy makes no claim ("The AI Act prohibits ..."), nor
  // does a question ("Q: Does the camera read emotions? A: No."): its answer does.
  const aboutProduct = (s: number): boolean => {
    let no = notClaim.get(s);
    if (no === undefined && isQuestion(segments[s]!, norm.text)) no = true;
    if (no === undefined && contextFor(rules, state.languages[s]!).notClaim.empty) no = false;
    if (no === undefined) {
      const seg = segments[s]!;
      no =
        contextFor(rules, state.languages[s]!).notClaim.find(
          state.view,
          seg.firstToken,
          seg.endToken,
        ).length > 0;
      notClaim.set(s, no);
    }
    return !no;
  };
  const matches = [...indexedMatches(state, rules), ...regexMatches(state, rules)].filter(
    (m) => aboutProduct(m.seg) && !excluded(state, rules, m, sentenceCache),
  );
  // Claims cluster in a few sentences; each sentence is shown once, however many findings it has.
  const sentences = new Map<number, string>();
  const sentenceOf = (index: number): string => {
    let shown = sentences.get(index);
    if (shown === undefined) {
      const seg = segments[index]!;
      const [from, to] = toSourceSpan(norm, seg.start, seg.end);
      shown = displayText(page.text.slice(from, to));
      sentences.set(index, shown);
    }
    return shown;
  };
  const kept = keepStrongest(matches, rules, state);
  const contextOf = (s: number) => contextFor(rules, state.languages[s]!);
  const claims: ClaimPolarity[] = kept.map((m) => ({
    seg: m.seg,
    category: rules.rules[m.entry.rule]!.category,
    t0: m.t0,
    t1: m.t1,
    result: polarityOf(contextOf(m.seg), state.view, norm.text, segments[m.seg]!, m),
  }));
  releaseHedgesOfNextClaims(claims, contextOf, state.view, norm.text, (claim, hedgeEnd) =>
    polarityOf(
      contextOf(claim.seg),
      state.view,
      norm.text,
      segments[claim.seg]!,
      kept[claims.indexOf(claim)]!,
      hedgeEnd,
    ),
  );
  shareListPolarity(claims, contextOf, state.view, norm.text);
  shareHedgeAlongClause(claims, contextOf, state.view, norm.text);
  return kept
    .map((m, i): Finding => {
      const rule = rules.rules[m.entry.rule]!;
      const pattern = rule.patterns[m.entry.pattern]!;
      const [start, end] = toSourceSpan(norm, m.start, m.end);
      const { polarity, cue } = claims[i]!.result;
      return {
        id: `p${page.page}-${start}-${end}-${rule.id}`,
        ruleId: rule.id,
        rulePack: rule.packId,
        title: rule.title,
        category: rule.category,
        severity: rule.severity,
        polarity,
        negated: polarity === 'negated',
        hedged: isHedged(polarity),
        ...(cue !== undefined ? { cue } : {}),
        confidence: pattern.confidence,
        page: page.page,
        quote: displayText(page.text.slice(start, end)),
        sentence: sentenceOf(m.seg),
        start,
        end,
        quads: quadsFor(page, start, end),
        explanation: rule.explanation,
        references: rule.references,
        ...(rule.vendor ? { vendor: rule.vendor } : {}),
        ...(pattern.kind === 'regex' && pattern.modelNumber
          ? { modelNumber: norm.text.slice(m.start, m.end) }
          : {}),
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

/** A sentence that ends with a question mark asks; spec-table rows and headings never do. */
function isQuestion(seg: Segment, text: string): boolean {
  if (seg.kind !== 'sentence') return false;
  let i = seg.end - 1;
  while (i > seg.start && /[\s"'”’)）]/u.test(text[i]!)) i--;
  return text[i] === '?' || text[i] === '？';
}

/**
 * For each token, the languages whose rules and stems apply: English, its segment's language and
 * the page's (so a short German row on a German page is read as German even when it has too few
 * words to tell its language by itself), Chinese and Japanese on their own characters, and every
 * language where neither the segment's nor the page's language is known.
 */
function activeLanguages(
  tokens: Tokens,
  segments: readonly Segment[],
  segmentLanguages: readonly string[],
  pageLanguage: string,
): Uint8Array {
  const active = new Uint8Array(tokens.count);
  const page = ALWAYS | (pageLanguage === 'und' ? 0 : languageBit(pageLanguage));
  segments.forEach((seg, i) => {
    const language = segmentLanguages[i]!;
    const mask = language === 'und' ? ALL_LANGUAGES : page | languageBit(language);
    for (let t = seg.firstToken; t < seg.endToken; t++) {
      active[t] = tokens.cjk[t] === 1 ? mask | UNSPACED : mask;
    }
  });
  return active;
}

/** Matches of phrase and proximity patterns, found through the token index. */
function indexedMatches(state: PageState, rules: CompiledRules): Match[] {
  const { view, segments, segOf } = state;
  const { start, end } = view.tokens;
  const matches: Match[] = [];
  const lastTried = new Int32Array(rules.patternCount).fill(-1);
  // One visitor for the page, reading the token and segment of the loop (no closure a token).
  let t = 0;
  let s = 0;
  const visit = (entry: IndexEntry): void => {
    if (lastTried[entry.uid] === t) return;
    lastTried[entry.uid] = t;
    // The index offers only patterns of rules whose languages are active on this token.
    const pattern = rules.rules[entry.rule]!.patterns[entry.pattern]!;
    const span = matchAt(view, state.text, pattern, t, segments[s]!);
    if (span !== null) {
      matches.push({ entry, seg: s, ...span, start: start[span.t0]!, end: end[span.t1 - 1]! });
    }
  };
  for (t = 0; t < view.tokens.count; t++) {
    s = segOf[t]!;
    if (s >= 0) rules.index.candidates(view, t, visit);
  }
  return matches;
}

function matchAt(
  view: TokenView,
  text: string,
  pattern: CompiledPattern,
  t: number,
  seg: Segment,
): Span | null {
  if (pattern.kind === 'phrase') {
    if (pattern.rowOnly && seg.kind !== 'row') return null;
    const end = matchSlots(view, pattern.slots, t, seg.endToken);
    if (end <= t) return null;
    // A denial can stand inside a phrase's gaps: "Gesichter werden nicht erkannt".
    return { t0: t, t1: end, gaps: end - t > 2 ? [[t + 1, end - 1]] : [] };
  }
  if (pattern.kind !== 'near') return null;
  const anchorEnd = matchSlots(view, pattern.parts[0]!, t, seg.endToken);
  if (anchorEnd <= t) return null;
  const parts: [number, number][] = [[t, anchorEnd]];
  const windowLo = Math.max(seg.firstToken, t - pattern.within - 8);
  const windowHi = Math.min(seg.endToken, anchorEnd + pattern.within + 8);
  for (const part of pattern.parts.slice(1)) {
    const nearest = findAll(view, part, windowLo, windowHi)
      .filter(([a, b]) => b <= t || a >= anchorEnd)
      .map(([a, b]) => ({ a, b, gap: a >= anchorEnd ? a - anchorEnd : t - b }))
      .filter((o) => o.gap <= pattern.within)
      // The nearest part; at equal distance one that no comma separates from the anchor, so "face
      // recognition, gait analysis" pairs "gait" with "analysis", not with the item before it.
      .map((o) => ({
        ...o,
        apart: separated(view, text, o.a >= anchorEnd ? [anchorEnd, o.a] : [o.b, t]),
      }))
      .sort((x, y) => x.gap - y.gap || Number(x.apart) - Number(y.apart))[0];
    if (!nearest) return null;
    parts.push([nearest.a, nearest.b]);
  }
  parts.sort((x, y) => x[0] - y[0]);
  const gaps: [number, number][] = [];
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]![0] > parts[i - 1]![1]) gaps.push([parts[i - 1]![1], parts[i]![0]]);
  }
  return { t0: parts[0]![0], t1: Math.max(...parts.map((p) => p[1])), gaps };
}

/** True when list punctuation stands between the token before `from` and token `to`. */
function separated(view: TokenView, text: string, [from, to]: [number, number]): boolean {
  const { start, end } = view.tokens;
  return /[,;，、；]/u.test(text.slice(end[from - 1], start[to]));
}

/** Matches of regular-expression patterns, kept when they lie inside one segment. */
function regexMatches(state: PageState, rules: CompiledRules): Match[] {
  const { text, view, segments } = state;
  const matches: Match[] = [];
  for (const entry of rules.regexPatterns) {
    const pattern = rules.rules[entry.rule]!.patterns[entry.pattern]!;
    if (pattern.kind !== 'regex') continue;
    for (const [start, end] of regexSpans(pattern.regex, text, 0, text.length)) {
      const s = segmentAt(segments, start);
      const seg = segments[s];
      if (seg === undefined || end > seg.end) continue;
      const t0 = firstTokenEndingAfter(view, start);
      const t1 = firstTokenEndingAfter(view, end - 1) + 1;
      if (t1 > t0 && view.active(t0, rules.rules[entry.rule]!.languageMask)) {
        matches.push({ entry, seg: s, t0, t1, start, end, gaps: [] });
      }
    }
  }
  return matches;
}

function regexSpans(regex: RegExp, text: string, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  const scoped = text.slice(from, to);
  regex.lastIndex = 0;
  for (let m = regex.exec(scoped); m !== null; m = regex.exec(scoped)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    spans.push([from + m.index, from + m.index + m[0].length]);
  }
  return spans;
}

function segmentAt(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function firstTokenEndingAfter(view: TokenView, offset: number): number {
  const { end, count } = view.tokens;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A rule's exclusions drop a match they overlap, or every match in their sentence. An overlap can
 * only start within a pattern's reach of the match, so only those tokens are tried; sentence-wide
 * exclusions are looked for once per sentence and rule.
 */
function excluded(
  state: PageState,
  rules: CompiledRules,
  m: Match,
  sentenceCache: Map<number, boolean>,
): boolean {
  const rule = rules.rules[m.entry.rule]!;
  if (rule.exclusions.length === 0) return false;
  const seg = state.segments[m.seg]!;
  const key = m.seg * rules.rules.length + m.entry.rule;
  let inSentence = sentenceCache.get(key);
  if (inSentence === undefined) {
    inSentence = rule.exclusions.some(
      ({ pattern, scope }) =>
        scope === 'sentence' &&
        (pattern.kind === 'regex'
          ? regexSpans(pattern.regex, state.text, seg.start, seg.end).length > 0
          : tokenSpans(state.view, state.text, pattern, seg, seg.firstToken, seg.endToken).length >
            0),
    );
    sentenceCache.set(key, inSentence);
  }
  if (inSentence) return true;
  const { start, end } = state.view.tokens;
  return rule.exclusions.some(({ pattern, scope }) => {
    if (scope !== 'overlap') return false;
    if (pattern.kind === 'regex') {
      return regexSpans(pattern.regex, state.text, seg.start, seg.end).some(
        ([a, b]) => a < m.end && b > m.start,
      );
    }
    const reach = pattern.kind === 'phrase' ? pattern.span : pattern.span + pattern.within + 8;
    return tokenSpans(state.view, state.text, pattern, seg, m.t0 - reach, m.t1 + reach).some(
      ([a, b]) => start[a]! < m.end && end[b - 1]! > m.start,
    );
  });
}

/** Matches of a pattern starting at tokens [from, to) of a segment. */
function tokenSpans(
  view: TokenView,
  text: string,
  pattern: CompiledPattern,
  seg: Segment,
  from: number,
  to: number,
): [number, number][] {
  const lo = Math.max(seg.firstToken, from);
  const hi = Math.min(seg.endToken, to);
  const spans: [number, number][] = [];
  for (let t = lo; t < hi; t++) {
    if (pattern.kind === 'phrase') {
      const after = matchSlots(view, pattern.slots, t, seg.endToken);
      if (after > t) spans.push([t, after]);
      continue;
    }
    const span = matchAt(view, text, pattern, t, seg);
    if (span !== null) spans.push([span.t0, span.t1]);
  }
  return spans;
}

/**
 * One finding per claim and category: where matches of one category overlap, the most severe
 * wins, then the longest, then the most confident, then the rule written first for the text's
 * language (the Spanish rule in Spanish text), then the rule loaded first. Different categories on
 * the same words stay.
 */
function keepStrongest(matches: Match[], rules: CompiledRules, state: PageState): Match[] {
  const info = (m: Match) => {
    const rule = rules.rules[m.entry.rule]!;
    const own = (rule.languageMask & languageBit(state.languages[m.seg]!)) !== 0;
    return { rule, own, confidence: rule.patterns[m.entry.pattern]!.confidence };
  };
  const ranked = [...matches].sort((x, y) => {
    const a = info(x);
    const b = info(y);
    return (
      severityRank(a.rule.severity) - severityRank(b.rule.severity) ||
      y.end - y.start - (x.end - x.start) ||
      b.confidence - a.confidence ||
      Number(b.own) - Number(a.own) ||
      x.start - y.start ||
      x.entry.uid - y.entry.uid
    );
  });
  const kept: Match[] = [];
  for (const m of ranked) {
    const category = info(m).rule.category;
    const clash = kept.some(
      (k) => rules.rules[k.entry.rule]!.category === category && k.start < m.end && k.end > m.start,
    );
    if (!clash) kept.push(m);
  }
  return kept;
}
