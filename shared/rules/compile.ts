// Compiles validated rule packs into one rule set with a token index: each page token looks up
// only the patterns that can start with it, so matching cost grows with text length, not with
// rules x text.
import type { Reference, RulePackInfo } from '../model/finding';
import { CATEGORY_DEFAULTS, type Category, type Severity } from '../model/taxonomy';
import {
  matchSlots,
  parsePhrase,
  PatternSyntaxError,
  PrefixMap,
  type Slot,
  type TokenView,
} from './pattern';
import type { CueLists, Exclusion, Pattern, Rule, RulePackFile } from './schema';
import { ALL_LANGUAGES, languageBit } from '../text/language';
import { baseLanguage } from '../text/stem';

/** A pack that passed validation, with where it came from and the SHA-256 of its bytes. */
export interface LoadedPack {
  readonly data: RulePackFile;
  readonly sha256: string;
  readonly source: string;
}

/** What a result says of a pack it used: which pack, which version, its hash and size. */
export function packInfo(pack: LoadedPack): RulePackInfo {
  return {
    id: pack.data.pack.id,
    name: pack.data.pack.name,
    version: pack.data.pack.version,
    sha256: pack.sha256,
    rules: pack.data.rules.length,
    source: pack.source,
  };
}

export type CompiledPattern =
  | {
      readonly kind: 'phrase';
      readonly slots: Slot[];
      readonly rowOnly: boolean;
      readonly confidence: number;
      /** The most tokens a match can cover. */
      readonly span: number;
    }
  | {
      readonly kind: 'near';
      readonly parts: Slot[][];
      readonly within: number;
      readonly confidence: number;
      /** The most tokens all parts together can cover, without the words between them. */
      readonly span: number;
    }
  | {
      readonly kind: 'regex';
      readonly regex: RegExp;
      readonly modelNumber: boolean;
      readonly confidence: number;
    };

export interface CompiledExclusion {
  readonly pattern: CompiledPattern;
  readonly scope: 'overlap' | 'sentence';
}

export interface CompiledRule {
  readonly id: string;
  readonly packId: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly explanation: string;
  readonly references: Reference[];
  readonly vendor?: { name: string; evidence: string };
  /**
   * Where the rule applies: the bits of its languages (see `languageBit`). A rule written for
   * German alone is tried only in German text; one that lists English, everywhere.
   */
  readonly languageMask: number;
  readonly patterns: CompiledPattern[];
  readonly exclusions: CompiledExclusion[];
}

export interface CompiledContext {
  readonly negationBefore: CueSet;
  readonly negationBeforeNear: CueSet;
  readonly negationAfter: CueSet;
  readonly negationFinal: CueSet;
  readonly negationSuffix: CueSet;
  readonly negationClosing: CueSet;
  readonly notNegation: CueSet;
  readonly notHedge: CueSet;
  readonly optional: CueSet;
  readonly roadmap: CueSet;
  readonly thirdParty: CueSet;
  readonly thirdPartyNear: CueSet;
  readonly conjunctions: CueSet;
  readonly clauseBreaks: CueSet;
  readonly notClaim: CueSet;
}

/** Where a pattern sits: rule index, pattern index, and a number unique in the rule set. */
export interface IndexEntry {
  readonly rule: number;
  readonly pattern: number;
  readonly uid: number;
}

/** Cue words for text in any language, and for each language with cues of its own. */
export interface CompiledContexts {
  readonly universal: CompiledContext;
  /** Keyed by base language ("de", "fr"): the universal cues plus the language's own. */
  readonly byLanguage: ReadonlyMap<string, CompiledContext>;
}

export interface CompiledRules {
  readonly rules: CompiledRule[];
  readonly index: TokenIndex;
  /** Regular-expression patterns, which run over the page text rather than from the index. */
  readonly regexPatterns: IndexEntry[];
  readonly patternCount: number;
  readonly contexts: CompiledContexts;
}

/** The cue words that apply to text in `language` ("und" when it is not known). */
export function contextFor(rules: CompiledRules, language: string): CompiledContext {
  return rules.contexts.byLanguage.get(language) ?? rules.contexts.universal;
}

/** A pattern problem, located by its path in the pack file so the loader can give a line. */
export class PackCompileError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_CONFIDENCE = { phrase: 0.9, near: 0.75, regex: 0.85 } as const;

export function compilePattern(
  pattern: Pattern | Exclusion,
  language: string | null,
): CompiledPattern {
  if (typeof pattern === 'string') {
    const slots = parsePhrase(pattern, language);
    return {
      kind: 'phrase',
      slots,
      rowOnly: false,
      confidence: DEFAULT_CONFIDENCE.phrase,
      span: slotsSpan(slots),
    };
  }
  const confidence = 'confidence' in pattern ? pattern.confidence : undefined;
  if ('phrase' in pattern) {
    const slots = parsePhrase(pattern.phrase, language);
    return {
      kind: 'phrase',
      slots,
      rowOnly: 'row_only' in pattern && pattern.row_only,
      confidence: confidence ?? DEFAULT_CONFIDENCE.phrase,
      span: slotsSpan(slots),
    };
  }
  if ('near' in pattern) {
    const parts = pattern.near.map((part) => parsePhrase(part, language));
    return {
      kind: 'near',
      parts,
      within: pattern.within,
      confidence: confidence ?? DEFAULT_CONFIDENCE.near,
      span: parts.reduce((n, part) => n + slotsSpan(part), 0),
    };
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern.regex, pattern.case_sensitive ? 'gu' : 'giu');
  } catch (error) {
    throw new PatternSyntaxError(
      `the regular expression does not compile: ${(error as Error).message}`,
    );
  }
  if (regex.test('')) throw new PatternSyntaxError('the regular expression matches empty text');
  return {
    kind: 'regex',
    regex,
    modelNumber: 'model_number' in pattern ? pattern.model_number : false,
    confidence: confidence ?? DEFAULT_CONFIDENCE.regex,
  };
}

/** The most tokens a run of slots can cover: its longest alternatives and widest gaps. */
function slotsSpan(slots: readonly Slot[]): number {
  return slots.reduce(
    (n, slot) =>
      n + (slot.kind === 'gap' ? slot.max : Math.max(...slot.alternatives.map((a) => a.length))),
    0,
  );
}

/** Compiles one pack's rules; a bad pattern throws PackCompileError with its path. */
export function compilePackRules(pack: RulePackFile): CompiledRule[] {
  const seen = new Set<string>();
  return pack.rules.map((rule, r) => {
    if (seen.has(rule.id))
      throw new PackCompileError(['rules', r, 'id'], `the rule id "${rule.id}" is used twice`);
    seen.add(rule.id);
    return compileRule(pack.pack.id, rule, r);
  });
}

function compileRule(packId: string, rule: Rule, r: number): CompiledRule {
  const language = rule.languages[0]!;
  const at = <T>(path: (string | number)[], build: () => T): T => {
    try {
      return build();
    } catch (error) {
      if (error instanceof PatternSyntaxError)
        throw new PackCompileError(['rules', r, ...path], error.message);
      throw error;
    }
  };
  return {
    id: rule.id,
    packId,
    title: rule.title,
    category: rule.category,
    severity: rule.severity ?? CATEGORY_DEFAULTS[rule.category],
    explanation: rule.explanation,
    references: rule.references.map((ref) => (typeof ref === 'string' ? { title: ref } : ref)),
    ...(rule.vendor ? { vendor: rule.vendor } : {}),
    languageMask: rule.languages.reduce((mask, l) => mask | languageBit(l), 0),
    patterns: rule.patterns.map((p, i) => at(['patterns', i], () => compilePattern(p, language))),
    exclusions: rule.exclude.map((e, i) => ({
      pattern: at(['exclude', i], () => compilePattern(e, language)),
      scope: typeof e === 'string' ? 'overlap' : e.scope,
    })),
  };
}

/**
 * Cue lists match exactly (or by `word*` prefix), in whatever language they are written. The
 * top-level lists of every pack apply everywhere; `by_language` lists are added for their language.
 */
export function compileContexts(packs: readonly RulePackFile[]): CompiledContexts {
  const languages = new Set<string>();
  for (const pack of packs)
    for (const language of Object.keys(pack.context?.by_language ?? {}))
      languages.add(baseLanguage(language));
  // Each language's lists hold the universal cues again: parse each text once.
  const parsedCues = new Map<string, Slot[]>();
  const build = (language: string | null): CompiledContext => {
    const cues = (key: keyof CueLists): CueSet => {
      const sources: { text: string; path: (string | number)[] }[] = [];
      for (const pack of packs) {
        const context = pack.context;
        if (context === undefined) continue;
        context[key].forEach((text, i) => sources.push({ text, path: ['context', key, i] }));
        if (language === null) continue;
        for (const [code, lists] of Object.entries(context.by_language)) {
          if (baseLanguage(code) !== language) continue;
          lists[key].forEach((text, i) =>
            sources.push({ text, path: ['context', 'by_language', code, key, i] }),
          );
        }
      }
      const parsed = new Map<string, Slot[]>();
      for (const { text, path } of sources) {
        if (parsed.has(text)) continue;
        let slots = parsedCues.get(text);
        if (slots === undefined) {
          try {
            slots = parsePhrase(text, null);
          } catch (error) {
            throw new PackCompileError(path, (error as Error).message);
          }
          parsedCues.set(text, slots);
        }
        parsed.set(text, slots);
      }
      return new CueSet([...parsed.values()]);
    };
    return {
      negationBefore: cues('negation_before'),
      negationBeforeNear: cues('negation_before_near'),
      negationAfter: cues('negation_after'),
      negationFinal: cues('negation_final'),
      negationSuffix: cues('negation_suffix'),
      negationClosing: cues('negation_closing'),
      notNegation: cues('not_negation'),
      notHedge: cues('not_hedge'),
      optional: cues('optional'),
      roadmap: cues('roadmap'),
      thirdParty: cues('third_party'),
      thirdPartyNear: cues('third_party_near'),
      conjunctions: cues('conjunctions'),
      clauseBreaks: cues('clause_breaks'),
      notClaim: cues('not_claim'),
    };
  };
  return {
    universal: build(null),
    byLanguage: new Map([...languages].map((language) => [language, build(language)])),
  };
}

/** Merges packs into one rule set. Rule ids must be unique across packs. */
export function compileRules(packs: readonly LoadedPack[]): CompiledRules {
  const rules: CompiledRule[] = [];
  const owner = new Map<string, string>();
  for (const pack of packs) {
    for (const rule of compilePackRules(pack.data)) {
      const other = owner.get(rule.id);
      if (other !== undefined) {
        throw new Error(
          `The rule id "${rule.id}" is in both ${other} and ${pack.source}; rename one of them.`,
        );
      }
      owner.set(rule.id, pack.source);
      rules.push(rule);
    }
  }
  // A user's pack may add aliases for a covered vendor ("HIKVISION" or "Hikvision"): findings
  // then carry the spelling of the pack loaded first, so the summary lists the vendor once.
  const vendorNames = new Map<string, string>();
  const canonical = rules.map((rule) => {
    if (rule.vendor === undefined) return rule;
    const key = rule.vendor.name.trim().toLowerCase();
    const name = vendorNames.get(key) ?? rule.vendor.name;
    vendorNames.set(key, name);
    return name === rule.vendor.name ? rule : { ...rule, vendor: { ...rule.vendor, name } };
  });
  rules.splice(0, rules.length, ...canonical);
  const index = new TokenIndex();
  const regexPatterns: IndexEntry[] = [];
  let uid = 0;
  rules.forEach((rule, r) => {
    rule.patterns.forEach((pattern, p) => {
      const entry = { rule: r, pattern: p, uid: uid++ };
      if (pattern.kind === 'regex') regexPatterns.push(entry);
      else
        index.add(
          pattern.kind === 'phrase' ? pattern.slots : pattern.parts[0]!,
          entry,
          rule.languageMask,
        );
    });
  });
  return {
    rules,
    index,
    regexPatterns,
    patternCount: uid,
    contexts: compileContexts(packs.map((p) => p.data)),
  };
}

const ENGLISH = languageBit('en');

/**
 * Patterns keyed by what their first word can be (exact word, stem, or prefix), kept apart by the
 * languages of their rules: a token only looks among the patterns of the languages active on it,
 * so English text does not pay for German prefixes.
 */
export class TokenIndex {
  /** A plain array: walked for every token, where a Map's iterator would cost an allocation. */
  private readonly parts: IndexPart[] = [];

  add(slots: readonly Slot[], entry: IndexEntry, languageMask: number): void {
    // Rules that list English apply everywhere: they share one part whatever their other languages.
    const key = languageMask & ENGLISH ? ALL_LANGUAGES : languageMask;
    let part = this.parts.find((p) => p.languageMask === key);
    if (part === undefined) {
      part = new IndexPart(key);
      this.parts.push(part);
    }
    part.add(slots, entry);
  }

  /** Calls `visit` for each pattern that may start at token `t` (a pattern can come twice). */
  candidates(view: TokenView, t: number, visit: (entry: IndexEntry) => void): void {
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i]!;
      if (view.active(t, part.languageMask)) part.candidates(view, t, visit);
    }
  }
}

/** The patterns of rules with one set of languages. */
class IndexPart {
  private readonly exact = new Map<string, IndexEntry[]>();
  private readonly stems: { language: string; bit: number; byStem: Map<string, IndexEntry[]> }[] =
    [];
  private readonly prefixes = new PrefixMap<IndexEntry>();

  constructor(readonly languageMask: number) {}

  add(slots: readonly Slot[], entry: IndexEntry): void {
    const first = slots[0];
    if (first?.kind !== 'words') return;
    for (const alternative of first.alternatives) {
      const atom = alternative[0]!;
      if (atom.kind === 'exact') push(this.exact, atom.word, entry);
      else if (atom.kind === 'prefix') this.prefixes.add(atom.prefix, entry);
      else {
        let language = this.stems.find((s) => s.language === atom.language);
        if (language === undefined) {
          language = { language: atom.language, bit: atom.bit, byStem: new Map() };
          this.stems.push(language);
        }
        push(language.byStem, atom.stem, entry);
      }
    }
  }

  candidates(view: TokenView, t: number, visit: (entry: IndexEntry) => void): void {
    const word = view.tokens.lower[t]!;
    this.exact.get(word)?.forEach(visit);
    for (const { language, bit, byStem } of this.stems)
      if (view.active(t, bit)) byStem.get(view.stemOf(t, language))?.forEach(visit);
    this.prefixes.visit(word, visit);
  }
}

/** Where a cue was found: tokens [start, end). */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/**
 * A list of cues keyed by their first word, so looking for any of 150 denials in a window costs
 * one lookup a token. Cues are exact words (or `word*` prefixes), in any language.
 */
export class CueSet {
  private readonly byFirstWord = new Map<string, number[]>();
  /** Cues whose first word is a prefix: tried at every token. */
  private readonly unkeyed: number[] = [];

  /** True when the set has no cue, so looking for one can be skipped. */
  get empty(): boolean {
    return this.cues.length === 0;
  }

  constructor(private readonly cues: readonly Slot[][]) {
    cues.forEach((slots, i) => {
      const first = slots[0];
      if (first?.kind !== 'words') return;
      for (const alternative of first.alternatives) {
        const atom = alternative[0]!;
        if (atom.kind === 'exact') push(this.byFirstWord, atom.word, i);
        else if (!this.unkeyed.includes(i)) this.unkeyed.push(i);
      }
    });
  }

  /** Every occurrence of a cue lying wholly inside tokens [from, to). */
  find(view: TokenView, from: number, to: number): Occurrence[] {
    const found: Occurrence[] = [];
    // Run for every match's window: no array is built a token.
    for (let t = Math.max(0, from); t < to; t++) {
      const keyed = this.byFirstWord.get(view.tokens.lower[t]!);
      if (keyed !== undefined) this.tryCues(view, keyed, t, to, found);
      this.tryCues(view, this.unkeyed, t, to, found);
    }
    return found;
  }

  private tryCues(
    view: TokenView,
    cues: readonly number[],
    t: number,
    to: number,
    found: Occurrence[],
  ): void {
    for (let k = 0; k < cues.length; k++) {
      const end = matchSlots(view, this.cues[cues[k]!]!, t, to);
      if (end > t) found.push({ start: t, end });
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
