// `--policy NAME|FILE`: reads the bundled procurement policies (resources/policies/NAME.yaml) and
// users' own policy files, and checks what they name against the loaded rule packs.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkPolicyAgainstPacks, loadPolicy } from '../../shared/policy/load';
import type { LoadedPolicy } from '../../shared/policy/schema';
import type { LoadedPack } from '../../shared/rules/compile';
import type { PackProblem } from '../../shared/rules/load';
import { resourcePath } from '../resources';

export class PolicyError extends Error {
  constructor(readonly problems: readonly PackProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
}

/** A policy as read, with its text kept to point at lines when checked against the packs. */
export interface PolicySource {
  readonly policy: LoadedPolicy;
  readonly text: string;
}

export function bundledPolicyNames(): string[] {
  const dir = resourcePath('policies');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * Reads each `--policy` value: a bundled policy's name, or a path to a policy file. Every problem
 * in every file is reported together (PolicyError); an unknown name that is not a file is a
 * usage mistake, reported with the names there are.
 */
export function readPolicies(values: readonly string[]): PolicySource[] {
  const names = bundledPolicyNames();
  const sources: PolicySource[] = [];
  const problems: PackProblem[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const file = names.includes(value) ? resourcePath('policies', `${value}.yaml`) : value;
    if (!existsSync(file)) {
      throw new UnknownPolicyError(
        `--policy "${value}" is neither a bundled policy (${names.join(', ')}) nor a policy file that exists.`,
      );
    }
    if (seen.has(resolve(file))) continue;
    seen.add(resolve(file));
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = loadPolicy(text, displayPath(file), sha256);
    if (result.ok) sources.push({ policy: result.policy, text });
    else problems.push(...result.problems);
  }
  const ids = new Map<string, string>();
  for (const { policy } of sources) {
    const other = ids.get(policy.data.policy.id);
    if (other !== undefined) {
      problems.push({
        file: policy.source,
        line: 1,
        column: 1,
        message: `policy id "${policy.data.policy.id}" is also used by ${other}; give each policy its own id`,
      });
    }
    ids.set(policy.data.policy.id, policy.source);
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return sources;
}

/** Throws PolicyError when a policy names a rule or vendor that no loaded pack has. */
export function checkPolicies(
  sources: readonly PolicySource[],
  packs: readonly LoadedPack[],
): void {
  const problems = sources.flatMap((s) => checkPolicyAgainstPacks(s.text, s.policy, packs));
  if (problems.length > 0) throw new PolicyError(problems);
}

/** A `--policy` value that names nothing: a usage error, not a broken file. */
export class UnknownPolicyError extends Error {}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? resolve(file) : join(rel);
}
