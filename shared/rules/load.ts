// Parses a rule pack's YAML text, validates it, compiles its patterns, and reports each problem
// with file, line and reason. Reading the file is the caller's job (Node in main/, the browser
// in renderer/), so this stays pure.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { compileContexts, compilePackRules, PackCompileError, type LoadedPack } from './compile';
import { RulePackFile } from './schema';

export interface PackProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type PackLoadResult =
  | { readonly ok: true; readonly pack: LoadedPack }
  | { readonly ok: false; readonly problems: PackProblem[] };

/** One line per problem: "file:line:column: reason". */
export function formatProblems(problems: readonly PackProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
}

export function loadRulePack(text: string, file: string, sha256: string): PackLoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number, message: string): PackProblem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => at(e.pos[0], `YAML: ${firstLine(e.message)}`)),
    };
  }
  const parsed = RulePackFile.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const { offset, path } = locate(doc, issue.path as (string | number)[]);
        return at(offset, describe(issue, path, doc));
      }),
    };
  }
  try {
    compilePackRules(parsed.data);
    compileContexts([parsed.data]);
  } catch (error) {
    if (!(error instanceof PackCompileError)) throw error;
    const { offset } = locate(doc, error.path);
    return { ok: false, problems: [at(offset, `${pathLabel(error.path, doc)}: ${error.message}`)] };
  }
  return { ok: true, pack: { data: parsed.data, sha256, source: file } };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

/**
 * The deepest node on `path` that exists in the document, and its start offset (also used by
 * the policy loader, shared/policy/load.ts).
 */
export function locate(
  doc: Document,
  path: (string | number)[],
): { offset: number; path: (string | number)[] } {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return { offset: range[0], path: sub };
  }
  return { offset: 0, path: [] };
}

/**
 * "rules[3] (face.recognition) > patterns[1]", so a message names an entry of the file's main
 * list (a pack's rules, a policy's clauses) by its id; `whole` names the file itself.
 */
export function pathLabel(
  path: readonly (string | number)[],
  doc: Document,
  list = 'rules',
  whole = 'the pack',
): string {
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key !== 'number') {
      parts.push(key);
      return;
    }
    const id = path[i - 1] === list ? doc.getIn([list, key, 'id']) : undefined;
    parts.push(`${parts.pop() ?? ''}[${key}]${typeof id === 'string' ? ` (${id})` : ''}`);
  });
  return parts.join(' > ') || whole;
}

const UNION_HINTS: Record<string, string> = {
  patterns:
    'a pattern is a phrase in quotes, or one of {phrase: ...}, {near: [...], within: N}, {regex: ...}',
  exclude:
    'an exclusion is a phrase in quotes, or one of {phrase: ...}, {near: [...]}, {regex: ...}, with an optional scope',
  references: 'a reference is text, or {title: ..., url: https://...}',
  match: 'a test case is a sentence in quotes, or {text: ..., polarity: ...}',
};

function describe(issue: z.core.$ZodIssue, found: (string | number)[], doc: Document): string {
  const path = issue.path as (string | number)[];
  const label = pathLabel(path, doc);
  if (issue.code === 'invalid_value') {
    const options = issue.values.map(String).join(', ');
    return `${label}: ${found.length < path.length ? 'is missing' : 'is not valid'}; use one of ${options}`;
  }
  if (found.length < path.length && issue.code === 'invalid_type') {
    return `${label}: is missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union') {
    const listKey = path.findLast((k) => typeof k === 'string' && k in UNION_HINTS) as
      string | undefined;
    return `${label}: ${listKey ? UNION_HINTS[listKey] : 'the value has the wrong shape'}`;
  }
  if (issue.code === 'invalid_key') {
    // The one record in the format: context.by_language, keyed by language code.
    return `${label}: "${String(path[path.length - 1])}" is not a language code such as de, fr or zh-Hant`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `${label}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${label}: ${issue.message}`;
}
