// Reads rule packs from disk (the bundled ones and users' --rules paths) for the shared loader.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadRulePack, type PackProblem } from '../../shared/rules/load';
import type { LoadedPack } from '../../shared/rules/compile';
import type { RulePackFile } from '../../shared/rules/schema';
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

/**
 * Loads every pack under `paths`; all problems in all files are reported together. With a
 * `cacheDir`, a pack that validated before is read back as JSON by the SHA-256 of its bytes
 * (parsing and validating YAML is most of the CLI's start-up); the caller picks a folder that
 * changes with the code, so a cached pack is always one the current loader accepted.
 */
export function loadPacks(paths: readonly string[], cacheDir?: string): LoadedPack[] {
  const packs: LoadedPack[] = [];
  const problems: PackProblem[] = [];
  // A file named twice (the bundled folder given again with --rules) is read once.
  const files = [...new Set(paths.flatMap(packFiles).map((f) => resolve(f)))];
  for (const file of files) {
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const shown = displayPath(file);
    const cached = cacheDir !== undefined ? readCached(cacheDir, sha256) : null;
    if (cached !== null) {
      packs.push({ data: cached, sha256, source: shown });
      continue;
    }
    const result = loadRulePack(bytes.toString('utf8'), shown, sha256);
    if (result.ok) {
      packs.push(result.pack);
      if (cacheDir !== undefined) writeCached(cacheDir, sha256, result.pack.data);
    } else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new RulePackError(problems);
  return packs;
}

function readCached(dir: string, sha256: string): RulePackFile | null {
  try {
    return JSON.parse(readFileSync(join(dir, `${sha256}.json`), 'utf8')) as RulePackFile;
  } catch {
    return null;
  }
}

/** Best effort: a read-only or full disk only means the next run parses the YAML again. */
function writeCached(dir: string, sha256: string, data: RulePackFile): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${sha256}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, join(dir, `${sha256}.json`));
  } catch {
    // Not cached this time.
  }
}

export function bundledRulesDir(): string {
  return resourcePath('rules');
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? resolve(file) : rel;
}
