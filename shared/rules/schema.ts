// The rule-pack file format (resources/rules/*.yaml and users' own packs). README.md, "Writing a
// rule pack", explains each field; the loader reports a broken pack with file, line and reason.
import { z } from 'zod';
import { Polarity } from '../model/finding';
import { Category, Severity } from '../model/taxonomy';

const Text = z.string().trim().min(1, 'must not be empty');
const Confidence = z.number().min(0).max(1);
const Language = z
  .string()
  .regex(/^[a-z]{2}(?:-[A-Za-z]{2,4})?$/, 'must be a language code such as en, zh or zh-Hant');

/**
 * A phrase: words matched in order, each by its stem unless written `=word` (exact) or `word*`
 * (prefix); `a|b` for alternatives; `~N` for up to N words in between. Unspaced scripts (Chinese,
 * Japanese) match character by character, so `人脸识别` needs no spaces.
 */
export const PhrasePattern = z.strictObject({
  phrase: Text,
  /** Only in a spec-table row ("Emotion<TAB>Yes"), where one word names a capability. */
  row_only: z.boolean().default(false),
  confidence: Confidence.optional(),
});
/** Every part within `within` words of the next, in any order, inside one sentence or row. */
export const NearPattern = z.strictObject({
  near: z.array(Text).min(2, 'needs at least two parts').max(4, 'takes at most four parts'),
  within: z.number().int().min(1).max(30).default(6),
  confidence: Confidence.optional(),
});
/** A JavaScript regular expression over the normalised text, for model numbers and the like. */
export const RegexPattern = z.strictObject({
  regex: Text,
  case_sensitive: z.boolean().default(false),
  /** The match is a product model number; findings report it and the summary lists it. */
  model_number: z.boolean().default(false),
  confidence: Confidence.optional(),
});

export const Pattern = z.union([Text, PhrasePattern, NearPattern, RegexPattern]);
export type Pattern = z.infer<typeof Pattern>;

/** `overlap`: drop a match the exclusion overlaps; `sentence`: drop every match in its sentence. */
const Scope = z.enum(['overlap', 'sentence']).default('overlap');
export const Exclusion = z.union([
  Text,
  PhrasePattern.omit({ confidence: true, row_only: true }).extend({ scope: Scope }),
  NearPattern.omit({ confidence: true }).extend({ scope: Scope }),
  RegexPattern.omit({ confidence: true, model_number: true }).extend({ scope: Scope }),
]);
export type Exclusion = z.infer<typeof Exclusion>;

export const RuleTestCase = z.union([Text, z.strictObject({ text: Text, polarity: Polarity })]);

export const RuleReference = z.union([
  Text,
  z.strictObject({ title: Text, url: z.url({ protocol: /^https$/ }).optional() }),
]);

export const Rule = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]*$/,
      'must be lower-case letters, digits, dots, dashes or underscores',
    ),
  title: Text,
  category: Category,
  /** Defaults to the category's severity. */
  severity: Severity.optional(),
  explanation: z.string().trim().min(40, 'should say in a sentence or two why this matters'),
  references: z.array(RuleReference).default([]),
  /** The languages the patterns are written in; the first sets how words are stemmed. */
  languages: z.array(Language).min(1),
  vendor: z.strictObject({ name: Text, evidence: Text }).optional(),
  patterns: z.array(Pattern).min(1, 'needs at least one pattern'),
  exclude: z.array(Exclusion).default([]),
  tests: z
    .strictObject({
      match: z.array(RuleTestCase).default([]),
      no_match: z.array(Text).default([]),
    })
    .default({ match: [], no_match: [] }),
});
export type Rule = z.infer<typeof Rule>;

const CueList = z.array(Text).default([]);

/** Words that set a finding's polarity; lists from every loaded pack are merged. */
export const CueLists = z.strictObject({
  /** Before the claim, reaching the rest of its clause: "does not support", "cannot", "不支持". */
  negation_before: CueList,
  /** Before the claim, with at most two words between: "no", "without", "zero". */
  negation_before_near: CueList,
  /** Right after the claim: "is not supported", "not available". */
  negation_after: CueList,
  /** Only as the last words of a sentence or table row: "No", "N/A", "否". */
  negation_final: CueList,
  /**
   * Closing a sentence or clause, they deny every claim in it, however long the list before:
   * "Equipment from Huawei, ZTE, Hikvision or Dahua will be rejected."
   */
  negation_closing: CueList,
  /** Joined to the claim's last word by a hyphen: "free" in "Hikvision-free". */
  negation_suffix: CueList,
  /** Look like negation but are not: "not only", "no matter". */
  not_negation: CueList,
  /** Look like a hedge but are not: "licence plate" (no licence). A hedge cue they overlap is ignored. */
  not_hedge: CueList,
  optional: CueList,
  roadmap: CueList,
  third_party: CueList,
  /** Comparisons that reach only the next two words: "unlike", "compared with", "than". */
  third_party_near: CueList,
  /**
   * Words that join the items of a list: a claim joined to a denied or hedged one by them shares
   * its polarity ("does not support face recognition, gait analysis or ethnicity detection").
   */
  conjunctions: CueList,
  /** Words that end a clause, so a cue before them does not reach past them: "but", "however". */
  clause_breaks: CueList,
  /**
   * Sentences that speak of a law, a ban or whom a company will not sell to, not of a product: no
   * finding is reported in them ("The EU AI Act prohibits emotion recognition at work").
   */
  not_claim: CueList,
});
export type CueLists = z.infer<typeof CueLists>;

/**
 * The lists at the top apply to text in any language; `by_language` adds lists that apply only
 * where the engine finds the text is in that language (German "nicht", French "ne ... pas").
 */
export const Context = CueLists.extend({
  by_language: z.record(Language, CueLists).default({}),
});
export type Context = z.infer<typeof Context>;

export const RulePackFile = z.strictObject({
  pack: z.strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, dots or dashes'),
    name: Text,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0'),
    description: Text.optional(),
  }),
  context: Context.optional(),
  rules: z.array(Rule).default([]),
});
export type RulePackFile = z.infer<typeof RulePackFile>;
