// `claimlens diff OLD NEW`: two editions of a brochure (files, or documents of a library) ->
// their findings -> what was added, removed and changed, as a table, JSON or CSV, or as the
// comparison report (HTML or PDF, with both pages' crops drawn by MuPDF: main/export/diff-report.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { diffEditions, type EditionDiff, type EditionInput } from '../../shared/diff/diff';
import {
  libraryEdition,
  ruleTexts,
  type DiffEditionSource,
  type RuleText,
} from '../../shared/export/diff-report-model';
import type { DocumentResult, Finding, ToolInfo } from '../../shared/model/finding';
import { atOrAbove, type Severity } from '../../shared/model/taxonomy';
import type { LoadedPack } from '../../shared/rules/compile';
import { LibraryStore, StoreError } from '../store/library-store';
import { EXIT, toolInfo } from './analyse-command';
import { formatDiffCsv, formatDiffTable, summaryLine } from './diff-format';
import { writeOutput } from './output';
import { runAnalysis } from './run-analysis';

export type DiffFormat = 'json' | 'csv' | 'table' | 'html' | 'pdf';
export const DIFF_FORMATS: readonly DiffFormat[] = ['json', 'csv', 'table', 'html', 'pdf'];

/** Without --format: what --out's extension names, else a table on a terminal, else JSON. */
export function defaultDiffFormat(out: string | undefined): DiffFormat {
  const ext = /\.([a-z]+)$/i.exec(out ?? '')?.[1]?.toLowerCase();
  if (ext === 'pdf' || ext === 'csv' || ext === 'json') return ext;
  if (ext === 'html' || ext === 'htm') return 'html';
  return process.stdout.isTTY && out === undefined ? 'table' : 'json';
}

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

/** One edition as read: its identity for a report and, for a report, the original's bytes. */
interface ReadEdition {
  readonly input: EditionInput;
  readonly identity: DiffEditionSource;
  readonly findings: readonly Pick<Finding, 'ruleId' | 'explanation' | 'references'>[];
  readonly bytes?: Uint8Array;
  readonly warnings: readonly string[];
}

interface BuiltDiff {
  readonly report: DiffReport;
  readonly editions: readonly [ReadEdition, ReadEdition];
  /** The library's reviewer when an edition came from one; else the user's name is taken. */
  readonly reviewer: string | null;
}

export async function diffCommand(options: DiffOptions): Promise<number> {
  let built: BuiltDiff;
  try {
    if (options.format === 'pdf' && options.out === undefined && process.stdout.isTTY) {
      throw new DiffInputError(
        'A PDF report is binary: say where to write it with --out FILE.pdf (or redirect the output).',
      );
    }
    built = await buildDiff(options);
  } catch (error) {
    if (error instanceof DiffInputError || error instanceof StoreError) {
      process.stderr.write(`claimlens: ${error.message}\n`);
      return EXIT.unreadable;
    }
    throw error;
  }
  const { report } = built;
  if (options.format === 'html' || options.format === 'pdf') {
    try {
      await writeDiffReport(built, options.format, options.out);
    } catch (error) {
      if (error instanceof DiffInputError) {
        process.stderr.write(`claimlens: ${error.message}\n`);
        return EXIT.unreadable;
      }
      throw error;
    }
  } else writeOutput(renderDiff(report, options.format), options.out);
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

/** The comparison report (HTML or PDF) with both editions' page crops, to --out or stdout. */
async function writeDiffReport(
  built: BuiltDiff,
  format: 'html' | 'pdf',
  out: string | undefined,
): Promise<void> {
  const { report, editions } = built;
  const [older, newer] = editions;
  const rules = new Map<string, RuleText>([
    ...ruleTexts(older.findings),
    ...ruleTexts(newer.findings),
  ]);
  // Loaded when used: the report brings pdf-lib, fonts and MuPDF (see main/cli/index.ts).
  const [{ makeDiffReport }, { writeExportFile, osUserName }, { EvidenceError }] =
    await Promise.all([
      import('../export/diff-report'),
      import('../export/document-args'),
      import('../export/evidence-source'),
    ]);
  const output = await makeDiffReport(
    {
      diff: report,
      old: older.identity,
      new: newer.identity,
      rules,
      tool: { name: report.tool.name, version: report.tool.version },
      reviewer: built.reviewer ?? osUserName(),
      generatedAt: new Date().toISOString(),
      warnings: [...older.warnings, ...newer.warnings],
    },
    format,
    {
      old: older.bytes !== undefined ? { bytes: older.bytes } : {},
      new: newer.bytes !== undefined ? { bytes: newer.bytes } : {},
    },
  );
  try {
    if (out === undefined) process.stdout.write(output.bytes);
    else writeExportFile(out, output.bytes, 'comparison report');
  } catch (error) {
    if (error instanceof EvidenceError) throw new DiffInputError(error.message);
    throw error;
  }
  for (const warning of output.warnings) process.stderr.write(`claimlens: ${warning}\n`);
  if (out !== undefined) {
    process.stderr.write(
      `Wrote ${out} (${output.bytes.length} bytes): the ${format.toUpperCase()} comparison of ` +
        `${older.identity.name} and ${newer.identity.name}, ${summaryLine(report)}\n`,
    );
  }
}

export function renderDiff(
  report: DiffReport,
  format: Exclude<DiffFormat, 'html' | 'pdf'>,
): string {
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

async function buildDiff(options: DiffOptions): Promise<BuiltDiff> {
  const refs = [options.oldRef, options.newRef] as const;
  const isFile = refs.map((ref) => existsSync(ref) && statSync(ref).isFile());
  const editions: (ReadEdition | undefined)[] = [undefined, undefined];
  const report = options.format === 'html' || options.format === 'pdf';
  let packs: LoadedPack[] | null = null;
  let reviewer: string | null = null;

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
      reviewer = store.reviewer();
      for (const [i, ref] of fromLibrary.entries()) {
        if (ref !== null)
          editions[i] = await readLibraryEdition(store, ref, options.library, report);
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
    const tool = toolInfo(options.version, packs);
    let next = 0;
    for (const [i, ref] of refs.entries()) {
      if (!isFile[i]) continue;
      const doc = results[next++]!;
      if (doc.error !== null) throw new DiffInputError(`${ref} cannot be read: ${doc.error}`);
      editions[i] = fileEdition(ref, doc, tool, report);
    }
  }
  packs ??= options.loadPacks();
  const [older, newer] = editions as [ReadEdition, ReadEdition];
  return {
    report: {
      tool: toolInfo(options.version, packs),
      ...diffEditions(older.input, newer.input),
    },
    editions: [older, newer],
    reviewer,
  };
}

/** A file analysed for the diff; for a report, its bytes read again and checked against the hash. */
function fileEdition(
  ref: string,
  doc: DocumentResult,
  tool: ToolInfo,
  report: boolean,
): ReadEdition {
  const stat = statSync(ref);
  const used = new Set(doc.findings.map((f) => f.rulePack));
  const warnings: string[] = [];
  let bytes: Uint8Array | undefined;
  if (report) {
    try {
      bytes = new Uint8Array(readFileSync(ref));
      if (createHash('sha256').update(bytes).digest('hex') !== doc.sha256) {
        warnings.push(`${ref} changed after it was analysed: its page images are left out.`);
        bytes = undefined;
      }
    } catch {
      warnings.push(`${ref} could not be read again to draw its page images.`);
    }
  }
  return {
    input: { name: ref, sha256: doc.sha256, pages: doc.pages, findings: doc.findings },
    identity: {
      name: basename(ref),
      sha256: doc.sha256,
      bytes: stat.size,
      pages: doc.pages,
      findings: doc.findings.length,
      source: 'file',
      addedAt: null,
      analysedAt: new Date().toISOString(),
      modifiedAt: stat.mtime.toISOString(),
      engine: tool.engine,
      rulePacks: tool.rulePacks
        .filter((p) => used.has(p.id))
        .map((p) => ({ id: `${p.id} ${p.version}`, sha256: p.sha256 })),
    },
    findings: doc.findings,
    ...(bytes !== undefined ? { bytes } : {}),
    warnings: [...doc.warnings.map((w) => `${ref}: ${w}`), ...warnings],
  };
}

async function openLibrary(dir: string): Promise<LibraryStore> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DiffInputError(`The library folder ${dir} does not exist.`);
  }
  return LibraryStore.open(dir);
}

/** A library document by full SHA-256, a prefix of 8 or more characters, or its file name. */
async function readLibraryEdition(
  store: LibraryStore,
  ref: string,
  dir: string,
  report: boolean,
): Promise<ReadEdition> {
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
  const findings = detail.findings.map((f) => f.finding);
  return {
    input: { name: meta.fileName, sha256: meta.sha256, pages: meta.pages, findings },
    identity: libraryEdition(detail),
    findings,
    // Read (and so verified again) only for a report's page images.
    ...(report ? { bytes: await store.readOriginal(meta.sha256) } : {}),
    warnings: [],
  };
}
