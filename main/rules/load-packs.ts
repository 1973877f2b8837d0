// Reads rule packs from disk (the bundled ones and users' --rules paths) for the shared loader.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadRulePack, type PackProblem } from '../../shared/rules/load';
import type { LoadedPack } from '../../shared/rules/compile';
import { resourcePath } from '../resources';

export class RulePackError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
}

/** The pack files under a path: the file itself, or every .yaml/.yml below a folder, sorted. */
export function packFiles(path: string): string[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Loads every pack under `paths`; all problems in all files are reported together. */
export function loadPacks(paths: readonly string[]): LoadedPack[] {
  const packs: LoadedPack[] = [];
  const problems: PackProblem[] = [];
  // A file named twice (the bundled folder given again with --rules) is read once.
  const files = [...new Set(paths.flatMap(packFiles).map((f) => resolve(f)))];
  for (const file of files) {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const shown = displayPath(file);
    const result = loadRulePack(bytes.toString('utf8'), shown, sha256);
    if (result.ok) packs.push(result.pack);
    else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new RulePackError(problems);
  return packs;
}

export function bundledRulesDir(): string {
  return resourcePath('rules');
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? resolve(file) : rel;
}
