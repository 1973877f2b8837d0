// Parses a policy file's YAML text, validates it, and reports each problem with file, line,
// column and reason, as the rule-pack loader does. Reading the file is the caller's job.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { LoadedPack } from '../rules/compile';
import { locate, pathLabel, type PackProblem } from '../rules/load';
import { PolicyFile, type LoadedPolicy } from './schema';

export type PolicyLoadResult =
  | { readonly ok: true; readonly policy: LoadedPolicy }
  | { readonly ok: false; readonly problems: PackProblem[] };

export function loadPolicy(text: string, file: string, sha256: string): PolicyLoadResult {
  const { doc, at } = parse(text, file);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => at(e.pos[0], `YAML: ${e.message.split('\n')[0]!}`)),
    };
  }
  const parsed = PolicyFile.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const { offset, path } = locate(doc, issue.path as (string | number)[]);
        return at(offset, describe(issue, path, doc));
      }),
    };
  }
  return { ok: true, policy: { data: parsed.data, sha256, source: file } };
}

/**
 * Problems with what a valid policy names: a rule pattern that matches no rule, or a vendor that
 * no rule reports, in the loaded packs (a typo there would silently never fail anything).
 */
export function checkPolicyAgainstPacks(
  text: string,
  policy: LoadedPolicy,
  packs: readonly LoadedPack[],
): PackProblem[] {
  const ruleIds = packs.flatMap((p) => p.data.rules.map((r) => r.id));
  const vendors = new Set(packs.flatMap((p) => p.data.rules.flatMap((r) => r.vendor?.name ?? [])));
  const { doc, at } = parse(text, policy.source);
  const problems: PackProblem[] = [];
  policy.data.clauses.forEach((clause, c) => {
    clause.when.rules?.forEach((pattern, i) => {
      const test = ruleIdMatcher(pattern);
      if (ruleIds.some(test)) return;
      const { offset } = locate(doc, ['clauses', c, 'when', 'rules', i]);
      problems.push(
        at(
          offset,
          `clauses[${c}] (${clause.id}) > when > rules[${i}]: "${pattern}" matches no rule in the loaded rule packs; check the id, or add its pack with --rules`,
        ),
      );
    });
    clause.when.vendors?.forEach((vendor, i) => {
      if (vendors.has(vendor)) return;
      const { offset } = locate(doc, ['clauses', c, 'when', 'vendors', i]);
      problems.push(
        at(
          offset,
          `clauses[${c}] (${clause.id}) > when > vendors[${i}]: no rule in the loaded rule packs reports the vendor "${vendor}" (known: ${[...vendors].sort().join(', ')})`,
        ),
      );
    });
  });
  return problems;
}

/** `*` stands for any run of characters; everything else is literal. */
export function ruleIdMatcher(pattern: string): (ruleId: string) => boolean {
  if (!pattern.includes('*')) return (id) => id === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.\\^$+?()[\]{}|-]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return (id) => regex.test(id);
}

function parse(text: string, file: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number, message: string): PackProblem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  return { doc, at };
}

function describe(issue: z.core.$ZodIssue, found: (string | number)[], doc: Document): string {
  const path = issue.path as (string | number)[];
  // "clauses[2] (art5-1-g) > when > categories[0]": a message names the clause by its id.
  const label = pathLabel(path, doc, 'clauses', 'the policy');
  if (issue.code === 'invalid_value') {
    const options = issue.values.map(String).join(', ');
    return `${label}: ${found.length < path.length ? 'is missing' : 'is not valid'}; use one of ${options}`;
  }
  if (found.length < path.length && issue.code === 'invalid_type') {
    return `${label}: is missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union') {
    return `${label}: a reference is text, or {title: ..., url: https://...}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `${label}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${label}: ${issue.message}`;
}
