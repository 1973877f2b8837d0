// The procurement policy file format (resources/policies/*.yaml and users' own files): which
// findings fail a document, or send it for review, under which legal reference. Policies are
// data, like rule packs; README.md, "Procurement verdicts", explains each field.
import { z } from 'zod';
import { RuleReference } from '../rules/schema';
import { Category, Severity } from '../model/taxonomy';

const Text = z.string().trim().min(1, 'must not be empty');
const Id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'must be lower-case letters, digits, dots, dashes or underscores',
  );

/**
 * What a matching finding does to the verdict: `fail` fails the document, `review` lists it for a
 * person to look at without failing it, `ignore` leaves it out.
 */
export const EFFECTS = ['fail', 'review', 'ignore'] as const;
export const Effect = z.enum(EFFECTS);
export type Effect = z.infer<typeof Effect>;

/** A rule id, or a pattern with `*` for any run of characters: `*.emotion-workplace-education`. */
export const RuleIdPattern = z
  .string()
  .regex(
    /^[a-z0-9*][a-z0-9._*-]*$/,
    'must be a rule id (lower-case letters, digits, dots, dashes, underscores), with * for any characters',
  );

/** A finding matches when it meets every condition given (and at least one must be given). */
export const ClauseMatch = z
  .strictObject({
    categories: z.array(Category).min(1).optional(),
    rules: z.array(RuleIdPattern).min(1).optional(),
    /** The covered manufacturer a finding names (`vendor.name` in the rule packs). */
    vendors: z.array(Text).min(1).optional(),
    /** Only findings at or above this severity. */
    min_severity: Severity.optional(),
    /** Only findings that matched a product model number. */
    model_number: z.boolean().optional(),
  })
  .refine((m) => m.categories ?? m.rules ?? m.vendors, {
    message: 'needs at least one of categories, rules or vendors',
  });
export type ClauseMatch = z.infer<typeof ClauseMatch>;

export const Clause = z.strictObject({
  id: Id,
  /** What the clause forbids, in a line: shown as the reason. */
  title: Text,
  effect: Effect.default('fail'),
  references: z.array(RuleReference).min(1, 'needs the legal or policy reference it rests on'),
  /** Why and how the clause applies, for the reader of the verdict. */
  note: Text.optional(),
  when: ClauseMatch,
});
export type Clause = z.infer<typeof Clause>;

/**
 * How claims that are softened but not denied count. Denials never count. The effect of a hedged
 * finding is the weaker of this and its clause's effect: a `review` clause never fails.
 */
export const HedgedEffects = z.strictObject({
  /** A licence, add-on or option: the capability is one purchase away. */
  optional: Effect.default('fail'),
  /** Planned, on the roadmap: not in the product yet. */
  roadmap: Effect.default('review'),
  /** A third party's product, or a comparison: maybe not this product. */
  third_party: Effect.default('review'),
});
export type HedgedEffects = z.infer<typeof HedgedEffects>;

export const PolicyFile = z.strictObject({
  policy: z.strictObject({
    id: Id,
    name: Text,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0'),
    description: Text.optional(),
  }),
  hedged: HedgedEffects.default({ optional: 'fail', roadmap: 'review', third_party: 'review' }),
  clauses: z.array(Clause).min(1, 'needs at least one clause'),
});
export type PolicyFile = z.infer<typeof PolicyFile>;

/** A policy as loaded: its data, the SHA-256 of its file and where it came from. */
export interface LoadedPolicy {
  readonly data: PolicyFile;
  readonly sha256: string;
  readonly source: string;
}
