// `claimlens analyse`: inputs -> worker pool -> report in the chosen format -> exit code.
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import { ReadError } from '../../shared/model/errors';
import type { AnalysisReport, DocumentResult, ToolInfo } from '../../shared/model/finding';
import { atOrAbove, type Severity } from '../../shared/model/taxonomy';
import type { LoadedPack } from '../../shared/rules/compile';
import { failed } from '../extract/document-result';
import { resourcePath } from '../resources';
import { formatCsv } from './format/csv';
import { formatTable } from './format/table';
import { collectInputs } from './inputs';
import { writeOutput } from './output';
import { runAnalysis } from './run-analysis';
import { Progress } from './progress';

export type OutputFormat = 'json' | 'jsonl' | 'csv' | 'table';

export interface AnalyseOptions {
  readonly paths: string[];
  readonly format: OutputFormat;
  /** Reads the rule packs (a broken pack throws RulePackError). */
  readonly loadPacks: () => LoadedPack[];
  readonly failOn?: Severity;
  readonly out?: string;
  readonly jobs: number;
  readonly timeoutSeconds: number;
  readonly version: string;
}

export const EXIT = { done: 0, threshold: 1, unreadable: 2 } as const;

/** Worker heap limit: a hostile file is stopped here instead of taking the machine down. */
const WORKER_MEMORY_MB = 3072;

export async function analyseCommand(options: AnalyseOptions): Promise<number> {
  let paths = options.paths;
  if (paths.length === 0) {
    paths = [displayPath(sampleBrochure())];
    process.stderr.write(
      `No PATH given: analysing the bundled sample brochure ${paths[0]}.\n` +
        `Run "claimlens analyse --help" for usage.\n`,
    );
  }
  const { files, missing } = collectInputs(paths);
  const documents = new Array<DocumentResult | undefined>(files.length);
  const progress = new Progress(files.length);
  const jsonl = options.format === 'jsonl' && options.out === undefined;
  let printed = 0;

  const packs = await runAnalysis(files, {
    loadPacks: options.loadPacks,
    jobs: options.jobs,
    timeoutMs: options.timeoutSeconds * 1000,
    memoryMb: WORKER_MEMORY_MB,
    onStart: (path) => {
      progress.started(path);
    },
    onResult: (i, result) => {
      documents[i] = result;
      progress.finished();
      // JSON Lines go out as soon as every earlier document is done, so a pipeline can stream.
      while (jsonl && printed < files.length && documents[printed] !== undefined) {
        progress.clear();
        process.stdout.write(JSON.stringify(documents[printed]) + '\n');
        printed++;
      }
    },
  });
  progress.done();

  const missingResults = missing.map((path) =>
    failed(path, null, new ReadError('FILE_UNREADABLE', 'The file or folder does not exist.')),
  );
  const report: AnalysisReport = {
    tool: toolInfo(options.version, packs),
    documents: [...(documents as DocumentResult[]), ...missingResults],
  };
  if (jsonl) for (const doc of missingResults) process.stdout.write(JSON.stringify(doc) + '\n');
  else writeOutput(render(report, options.format), options.out);
  if (process.stderr.isTTY && options.format !== 'table') process.stderr.write(summaryLine(report));
  return exitCode(report, options.failOn);
}

function render(report: AnalysisReport, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'jsonl':
      return report.documents.map((d) => JSON.stringify(d)).join('\n') + '\n';
    case 'csv':
      return formatCsv(report);
    case 'table':
      return formatTable(report, {
        width: process.stdout.isTTY ? Math.max(60, Math.min(process.stdout.columns, 140)) : 100,
        colour: process.stdout.isTTY && process.env.NO_COLOR === undefined,
      });
  }
}

export function exitCode(report: AnalysisReport, failOn: Severity | undefined): number {
  if (report.documents.some((d) => d.error !== null)) return EXIT.unreadable;
  const reached =
    failOn !== undefined &&
    report.documents.some((d) =>
      d.findings.some((f) => !f.negated && atOrAbove(f.severity, failOn)),
    );
  return reached ? EXIT.threshold : EXIT.done;
}

function toolInfo(version: string, packs: readonly LoadedPack[]): ToolInfo {
  return {
    name: 'claimlens',
    version,
    engine: ENGINE_VERSION,
    rulePacks: packs.map((p) => ({
      id: p.data.pack.id,
      name: p.data.pack.name,
      version: p.data.pack.version,
      sha256: p.sha256,
      rules: p.data.rules.length,
      source: p.source,
    })),
  };
}

function sampleBrochure(): string {
  const dir = resourcePath('samples');
  const pdf = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()[0];
  if (pdf === undefined) throw new Error(`No sample brochure in ${dir}.`);
  return `${dir}/${pdf}`;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function summaryLine(report: AnalysisReport): string {
  const docs = report.documents;
  const unreadable = docs.filter((d) => d.error !== null).length;
  const findings = docs.reduce((n, d) => n + d.findings.length, 0);
  return `Analysed ${docs.length} file${docs.length === 1 ? '' : 's'}: ${findings} findings, ${unreadable} unreadable.\n`;
}
