// How a finding is stored: its rule-level text (title, explanation, references: over half of
// its bytes, the same for every finding of a rule) once per distinct text, keyed by its hash,
// and the rest as JSON; joined back in the schema's key order when read.
import { createHash } from 'node:crypto';
import { Finding } from '../../shared/model/finding';

const KEYS = Object.keys(Finding.shape) as (keyof Finding)[];

type RuleText = Pick<Finding, 'title' | 'explanation' | 'references'>;

export interface SplitFinding {
  /** The finding without its rule-level text, as JSON. */
  readonly rest: string;
  /** The rule-level text as JSON. */
  readonly text: string;
}

export function splitFinding(finding: Finding): SplitFinding {
  const { title, explanation, references, ...rest } = finding;
  return { rest: JSON.stringify(rest), text: JSON.stringify({ title, explanation, references }) };
}

/** The key of a rule-level text: 128 bits of its SHA-256, plenty for a few thousand texts. */
export function ruleTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export function joinFinding(rest: string, text: RuleText): Finding {
  const parts = { ...(JSON.parse(rest) as Omit<Finding, keyof RuleText>), ...text };
  const finding: Record<string, unknown> = {};
  for (const key of KEYS) if (parts[key] !== undefined) finding[key] = parts[key];
  return finding as Finding;
}

export function parseRuleText(text: string): RuleText {
  return JSON.parse(text) as RuleText;
}
