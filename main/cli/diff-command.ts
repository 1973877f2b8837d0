// `claimlens diff OLD NEW`: two editions of a brochure (files, or documents of a library) ->
// their findings -> what was added, removed and changed, as a table, JSON or CSV.
import { existsSync, statSync } from 'node:fs';
import { diffEditions, type EditionDiff, type EditionInput } from '../../shared/diff/diff';
import type { DocumentResult, ToolInfo } from '../../shared/model/finding';
import { atOrAbove, type Severity } from '../../shared/model/taxonomy';
import type { LoadedPack } from '../../shared/rules/compile';
import { LibraryStore, StoreError } from '../store/library-store';
import { EXIT, toolInfo } from './analyse-command';
import { formatDiffCsv, formatDiffTable } from './diff-format';
import { writeOutput } from './output';
import { runAnalysis } from './run-analysis';

export type DiffFormat = 'json' | 'csv' | 'table';
export const DIFF_FORMATS: readonly DiffFormat[] = ['json', 'csv', 'table'];

export interface DiffOptions {
  readonly oldRef: string;
  readonly newRef: string;
  readonly format: DiffFormat;
  /** A library folder where OLD and NEW may name documents (SHA-256, a prefix, or a file name). */
  readonly library?: string;
  readonly loadPacks: () => LoadedPack[];
  readonly failOn?: Severity;
  readonly out?: string;
  readonly jobs: number;
  readonly timeoutSeconds: number;
  readonly version: string;
}

/** A reason the comparison cannot be made, in plain words (exit code 2). */
export class DiffInputError extends Error {}

export interface DiffReport extends EditionDiff {
  readonly tool: ToolInfo;
}

export async function diffCommand(options: DiffOptions): Promise<number> {
  let report: DiffReport;
  try {
    report = await buildDiff(options);
  } catch (error) {
    if (error instanceof DiffInputError || error instanceof StoreError) {
      process.stderr.write(`claimlens: ${error.message}\n`);
      return EXIT.unreadable;
    }
    throw error;
  }
  writeOutput(renderDiff(report, options.format), options.out);
  const reached =
    options.failOn !== undefined &&
    report.changes.some(
      (c) =>
        c.new !== null &&
        c.kind !== 'removed' &&
        !c.new.negated &&
        atOrAbove(c.new.severity, options.failOn!),
    );
  return reached ? EXIT.threshold : EXIT.done;
}

export function renderDiff(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'csv':
      return formatDiffCsv(report);
    case 'table':
      return formatDiffTable(report, {
        width: process.stdout.isTTY ? Math.max(60, Math.min(process.stdout.columns, 140)) : 100,
        colour: process.stdout.isTTY && process.env.NO_COLOR === undefined,
      });
  }
}

async function buildDiff(options: DiffOptions): Promise<DiffReport> {
  const refs = [options.oldRef, options.newRef] as const;
  const isFile = refs.map((ref) => existsSync(ref) && statSync(ref).isFile());
  const editions: (EditionInput | undefined)[] = [undefined, undefined];
  let packs: LoadedPack[] | null = null;

  const fromLibrary = refs.map((ref, i) => (isFile[i] ? null : ref));
  if (fromLibrary.some((r) => r !== null)) {
    const missing = fromLibrary.find((r) => r !== null)!;
    if (options.library === undefined) {
      throw new DiffInputError(
        `"${missing}" is not a file. To compare documents of a library, give --library DIR ` +
          `and name them by SHA-256 (or its first 8 or more characters) or by file name.`,
      );
    }
    const store = await openLibrary(options.library);
    try {
      for (const [i, ref] of fromLibrary.entries()) {
        if (ref !== null) editions[i] = await libraryEdition(store, ref, options.library);
      }
    } finally {
      await store.close();
    }
  }

  const files = refs.filter((_, i) => isFile[i]);
  if (files.length > 0) {
    const results: DocumentResult[] = [];
    packs = await runAnalysis(files, {
      loadPacks: options.loadPacks,
      jobs: Math.min(options.jobs, 2),
      timeoutMs: options.timeoutSeconds * 1000,
      memoryMb: 3072,
      onResult: (index, result) => {
        results[index] = result;
      },
    });
    let next = 0;
    for (const [i, ref] of refs.entries()) {
      if (!isFile[i]) continue;
      const doc = results[next++]!;
      if (doc.error !== null) throw new DiffInputError(`${ref} cannot be read: ${doc.error}`);
      editions[i] = {
        name: ref,
        sha256: doc.sha256,
        pages: doc.pages,
        findings: doc.findings,
      };
    }
  }
  packs ??= options.loadPacks();
  return { tool: toolInfo(options.version, packs), ...diffEditions(editions[0]!, editions[1]!) };
}

async function openLibrary(dir: string): Promise<LibraryStore> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DiffInputError(`The library folder ${dir} does not exist.`);
  }
  return LibraryStore.open(dir);
}

/** A library document by full SHA-256, a prefix of 8 or more characters, or its file name. */
async function libraryEdition(
  store: LibraryStore,
  ref: string,
  dir: string,
): Promise<EditionInput> {
  const docs = store.list();
  const lower = ref.toLowerCase();
  let matches = /^[0-9a-f]{8,64}$/.test(lower)
    ? docs.filter((d) => d.sha256.startsWith(lower))
    : [];
  if (matches.length === 0) matches = docs.filter((d) => d.fileName === ref);
  if (matches.length === 0) {
    throw new DiffInputError(
      `"${ref}" is neither a file nor a document of the library at ${dir} ` +
        `(name a document by SHA-256, its first 8 or more characters, or its file name).`,
    );
  }
  if (matches.length > 1) {
    throw new DiffInputError(
      `"${ref}" names ${matches.length} documents of the library: ` +
        `${matches.map((d) => `${d.sha256.slice(0, 12)} (${d.fileName})`).join(', ')}. ` +
        `Give more of the SHA-256.`,
    );
  }
  const meta = matches[0]!;
  if (meta.state !== 'analysed') {
    throw new DiffInputError(
      meta.state === 'failed'
        ? `${meta.fileName} could not be read when it was imported: ${meta.error ?? 'unknown reason'}`
        : `${meta.fileName} has not been read yet: open it in the app, or import it with ` +
            `"claimlens import --library ${dir}".`,
    );
  }
  const detail = await store.detail(meta.sha256);
  if (detail.verification !== 'verified') {
    throw new DiffInputError(
      `The stored original of ${meta.fileName} ${detail.verification === 'missing' ? 'is missing' : 'no longer matches its SHA-256'}; ` +
        `its findings cannot be trusted as evidence.`,
    );
  }
  return {
    name: meta.fileName,
    sha256: meta.sha256,
    pages: meta.pages,
    findings: detail.findings.map((f) => f.finding),
  };
}
