// Users' rule packs in the library: checked against the packs in use before anything is stored,
// kept as YAML files in the library's rules/ folder while enabled (where the app and the CLI's
// --library find them) and in rules-disabled/ while not, each change recorded in the audit log.
// A broken pack is reported with file, line and reason and never stored; a broken file someone
// put in the folder by hand is listed with its problems and left out of the analysis.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PackOverview, PackProblem, PackValidation } from '../../shared/ipc/contract';
import { CATEGORY_DEFAULTS } from '../../shared/model/taxonomy';
import { compileRules, type LoadedPack } from '../../shared/rules/compile';
import { loadRulePack } from '../../shared/rules/load';
import { checkRuleTestCase, ruleTestCases } from '../../shared/rules/self-test';
import { makeDirDurably, replaceFileDurably, syncDir } from '../store/fs-util';
import { positionIn } from './yaml-position';

export const ENABLED_FOLDER = 'rules';
export const DISABLED_FOLDER = 'rules-disabled';

/** Why a change was refused or failed, in plain words, with the code the caller receives. */
export class UserPackError extends Error {
  constructor(
    readonly code: 'INVALID_REQUEST' | 'NOT_FOUND' | 'STORE_FAILED',
    message: string,
  ) {
    super(message);
  }
}

interface StoredPack {
  readonly pack: LoadedPack;
  readonly path: string;
  readonly enabled: boolean;
}

export interface UserPacksOptions {
  /** The library folder; packs live in its rules/ and rules-disabled/ folders. */
  readonly libraryDir: string;
  /** The bundled packs (read once: they do not change while the app runs). */
  readonly bundled: () => LoadedPack[];
  /** Appends a record to the library's audit log. */
  readonly audit: (action: string, detail: Record<string, unknown>) => Promise<void>;
}

export class UserPacks {
  private readonly enabledDir: string;
  private readonly disabledDir: string;
  /** Changes run one at a time, so two clicks never write the same file at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: UserPacksOptions) {
    this.enabledDir = join(options.libraryDir, ENABLED_FOLDER);
    this.disabledDir = join(options.libraryDir, DISABLED_FOLDER);
  }

  /** Every pack, the user's first, and the problems of any broken file in the user's folders. */
  async list(): Promise<{ packs: PackOverview[]; problems: PackProblem[] }> {
    const { stored, problems } = await this.readStored();
    return {
      packs: [
        ...stored.map((s) => overview(s.pack, 'user', s.enabled)),
        ...this.options.bundled().map((pack) => overview(pack, 'bundled', true)),
      ],
      problems,
    };
  }

  /** The packs the engine runs with: the bundled ones and the user's enabled, valid ones. */
  async forEngine(): Promise<LoadedPack[]> {
    const { stored } = await this.readStored();
    return [...this.options.bundled(), ...stored.filter((s) => s.enabled).map((s) => s.pack)];
  }

  /** Checks a pack the user picked against the schema and the packs in use; stores nothing. */
  async validate(fileName: string, text: string): Promise<PackValidation> {
    const { stored } = await this.readStored();
    return this.check(basename(fileName), text, stored);
  }

  /** Stores and enables a pack the user loaded (replacing their pack of the same id), or
   * enables a stored one that was disabled. */
  enable(req: { fileName: string; text: string } | { packId: string }): Promise<PackOverview> {
    return this.serial(async () => {
      const { stored } = await this.readStored();
      if ('packId' in req) {
        const found = this.find(stored, req.packId);
        if (found.enabled) return overview(found.pack, 'user', true);
        const text = await readFile(found.path, 'utf8');
        const result = this.check(basename(found.path), text, stored);
        if (!result.ok) throw invalid(result.problems);
        await this.write(this.enabledDir, found.pack.data.pack.id, text);
        await this.unlink(found.path);
        await this.options.audit('rules.enabled', auditDetail(found.pack));
        return overview(found.pack, 'user', true);
      }
      const fileName = basename(req.fileName);
      const result = this.check(fileName, req.text, stored);
      if (!result.ok) throw invalid(result.problems);
      const id = result.pack.id;
      const target = await this.write(this.enabledDir, id, req.text);
      // The pack replaces the user's earlier version of it, enabled or not.
      for (const old of stored.filter((s) => s.pack.data.pack.id === id && s.path !== target)) {
        await this.unlink(old.path);
      }
      const pack: LoadedPack = { data: result.data, sha256: result.pack.sha256, source: target };
      await this.options.audit('rules.enabled', { ...auditDetail(pack), fileName });
      return overview(pack, 'user', true);
    });
  }

  /** Moves an enabled pack to rules-disabled/: kept, but not used for documents opened next. */
  disable(packId: string): Promise<PackOverview> {
    return this.serial(async () => {
      const { stored } = await this.readStored();
      const found = this.find(stored, packId);
      if (!found.enabled) return overview(found.pack, 'user', false);
      await this.write(this.disabledDir, packId, await readFile(found.path, 'utf8'));
      await this.unlink(found.path);
      await this.options.audit('rules.disabled', auditDetail(found.pack));
      return overview(found.pack, 'user', false);
    });
  }

  /** Deletes a user's pack file; the audit log keeps its id, version and SHA-256. */
  remove(packId: string): Promise<boolean> {
    return this.serial(async () => {
      const { stored } = await this.readStored();
      const found = this.find(stored, packId);
      await this.unlink(found.path);
      await this.options.audit('rules.removed', auditDetail(found.pack));
      return true;
    });
  }

  private check(file: string, text: string, stored: readonly StoredPack[]): PackValidation {
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    const loaded = loadRulePack(text, file, sha256);
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const candidate = loaded.pack;
    const id = candidate.data.pack.id;
    const at = (path: (string | number)[], message: string): PackProblem => ({
      file,
      ...positionIn(text, path),
      message,
    });
    const bundled = this.options.bundled();
    // The user's own earlier version of this pack is replaced, so it does not clash.
    const others = [
      ...bundled.map((pack) => ({ pack, label: `the bundled pack "${pack.data.pack.id}"` })),
      ...stored
        .filter((s) => s.enabled && s.pack.data.pack.id !== id)
        .map((s) => ({ pack: s.pack, label: `your pack "${s.pack.data.pack.id}"` })),
    ];
    const problems: PackProblem[] = [];
    if (bundled.some((p) => p.data.pack.id === id)) {
      problems.push(
        at(
          ['pack', 'id'],
          `pack > id: "${id}" is the id of a bundled pack; give your pack an id of its own, such as "my-org.${id.split('.').pop() ?? 'rules'}"`,
        ),
      );
    }
    const owners = new Map<string, string>();
    for (const other of others) {
      for (const rule of other.pack.data.rules) owners.set(rule.id, other.label);
    }
    candidate.data.rules.forEach((rule, i) => {
      const owner = owners.get(rule.id);
      if (owner !== undefined) {
        problems.push(
          at(
            ['rules', i, 'id'],
            `rules[${i}] (${rule.id}) > id: ${owner} already has a rule with this id; rename yours`,
          ),
        );
      }
    });
    if (problems.length > 0) return { ok: false, problems };
    let rules;
    try {
      rules = compileRules([...others.map((o) => o.pack), candidate]);
    } catch (error) {
      return { ok: false, problems: [at([], (error as Error).message)] };
    }
    const warnings: PackProblem[] = [];
    for (const test of ruleTestCases([candidate])) {
      const problem = checkRuleTestCase(rules, test);
      if (problem === null) continue;
      const index = candidate.data.rules.findIndex((r) => r.id === test.ruleId);
      warnings.push(
        at(
          ['rules', index, 'tests', test.expect],
          `rules[${index}] (${test.ruleId}) > tests > ${test.expect}: "${test.text}" ${problem}`,
        ),
      );
    }
    return {
      ok: true,
      pack: overview({ ...candidate, source: file }, 'user', false),
      data: candidate.data,
      warnings,
    };
  }

  private find(stored: readonly StoredPack[], packId: string): StoredPack {
    const found = stored.find((s) => s.pack.data.pack.id === packId);
    if (found === undefined) {
      throw new UserPackError(
        'NOT_FOUND',
        `There is no rule pack "${packId}" of yours in the library. Load it again with "Load rule pack…".`,
      );
    }
    return found;
  }

  /** The user's pack files, enabled ones first; a broken file gives problems, not a pack. */
  private async readStored(): Promise<{ stored: StoredPack[]; problems: PackProblem[] }> {
    const stored: StoredPack[] = [];
    const problems: PackProblem[] = [];
    for (const [dir, enabled] of [
      [this.enabledDir, true],
      [this.disabledDir, false],
    ] as const) {
      for (const path of await yamlFiles(dir)) {
        // Hashed as bytes, as the CLI hashes a pack it reads (main/rules/load-packs.ts).
        const bytes = await readFile(path);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const result = loadRulePack(bytes.toString('utf8'), path, sha256);
        if (!result.ok) problems.push(...result.problems);
        // The same id in both folders (a copy made by hand): the enabled one is the pack.
        else if (!stored.some((s) => s.pack.data.pack.id === result.pack.data.pack.id))
          stored.push({ pack: result.pack, path, enabled });
      }
    }
    return { stored, problems };
  }

  private async write(dir: string, packId: string, text: string): Promise<string> {
    const path = join(dir, `${packId}.yaml`);
    try {
      await makeDirDurably(dir);
      await replaceFileDurably(path, new TextEncoder().encode(text), dir);
    } catch (error) {
      throw storeFailed(`save the rule pack as ${path}`, error);
    }
    return path;
  }

  private async unlink(path: string): Promise<void> {
    try {
      await rm(path, { force: true });
      await syncDir(dirname(path));
    } catch (error) {
      throw storeFailed(`delete ${path}`, error);
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function storeFailed(what: string, error: unknown): UserPackError {
  return new UserPackError(
    'STORE_FAILED',
    `ClaimLens could not ${what}: ${(error as Error).message}. Check that the library folder is writable and the disk has room.`,
  );
}

function invalid(problems: readonly PackProblem[]): UserPackError {
  return new UserPackError(
    'INVALID_REQUEST',
    `The rule pack was not enabled:\n${problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`,
  );
}

function auditDetail(pack: LoadedPack): Record<string, unknown> {
  return {
    packId: pack.data.pack.id,
    version: pack.data.pack.version,
    sha256: pack.sha256,
    rules: pack.data.rules.length,
  };
}

export function overview(
  pack: LoadedPack,
  source: PackOverview['source'],
  enabled: boolean,
): PackOverview {
  const { data } = pack;
  return {
    id: data.pack.id,
    name: data.pack.name,
    version: data.pack.version,
    ...(data.pack.description === undefined ? {} : { description: data.pack.description }),
    sha256: pack.sha256,
    source,
    file: source === 'bundled' ? basename(pack.source) : pack.source,
    enabled,
    rules: data.rules.map((rule) => ({
      id: rule.id,
      title: rule.title,
      category: rule.category,
      severity: rule.severity ?? CATEGORY_DEFAULTS[rule.category],
      languages: rule.languages,
      explanation: rule.explanation,
      references: rule.references.map((ref) => (typeof ref === 'string' ? { title: ref } : ref)),
      ...(rule.vendor === undefined ? {} : { vendor: rule.vendor }),
      patterns: rule.patterns.length,
    })),
  };
}
