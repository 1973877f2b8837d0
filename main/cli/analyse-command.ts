// `claimlens analyse`: inputs -> worker pool -> report in the chosen format -> exit code.
import { readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { relative } from 'node:path';
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import { ReadError } from '../../shared/model/errors';
import type { OcrLanguage } from '../../shared/ocr/languages';
import type { AnalysisReport, DocumentResult, ToolInfo } from '../../shared/model/finding';
import { atOrAbove, type Severity } from '../../shared/model/taxonomy';
import { packInfo, type LoadedPack } from '../../shared/rules/compile';
import { failed } from '../extract/document-result';
import { resourcePath } from '../resources';
import { formatCsv } from './format/csv';
import { formatTable } from './format/table';
import { judgeAll, type Verdict } from '../../shared/policy/evaluate';
import { checkPolicies, type PolicySource } from './policy';
import { collectInputs } from './inputs';
import { writeOutput } from './output';
import { runAnalysis } from './run-analysis';
import { Progress } from './progress';
import { WORKER_MEMORY_MB } from './early-workers';

export type OutputFormat = 'json' | 'jsonl' | 'csv' | 'table' | 'html';

export interface AnalyseOptions {
  readonly paths: string[];
  readonly format: OutputFormat;
  /** Reads the rule packs (a broken pack throws RulePackError). */
  readonly loadPacks: () => LoadedPack[];
  readonly failOn?: Severity;
  /** Procurement policies (--policy): each document gets a PASS or FAIL verdict per policy. */
  readonly policies?: readonly PolicySource[];
  readonly out?: string;
  readonly jobs: number;
  readonly timeoutSeconds: number;
  /** --ocr-languages: the languages scanned pages are read with (all shipped ones by default). */
  readonly ocrLanguages?: readonly OcrLanguage[];
  readonly version: string;
}

export const EXIT = { done: 0, threshold: 1, unreadable: 2 } as const;

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
  const policies = options.policies ?? [];
  const loadedPolicies = policies.map((p) => p.policy);
  const judged = (doc: DocumentResult): DocumentResult =>
    policies.length > 0 ? judgeAll(doc, loadedPolicies) : doc;
  let printed = 0;

  const packs = await runAnalysis(files, {
    loadPacks: () => {
      const loaded = options.loadPacks();
      // A policy that names a rule or vendor no pack has would silently never fail anything.
      checkPolicies(policies, loaded);
      return loaded;
    },
    jobs: options.jobs,
    timeoutMs: options.timeoutSeconds * 1000,
    memoryMb: WORKER_MEMORY_MB,
    ...(options.ocrLanguages !== undefined ? { ocrLanguages: options.ocrLanguages } : {}),
    onStart: (path) => {
      progress.started(path);
    },
    onOcrPage: (path) => {
      progress.ocrPage(path);
    },
    onResult: (i, result) => {
      documents[i] = result;
      progress.finished();
      // JSON Lines go out as soon as every earlier document is done, so a pipeline can stream.
      while (jsonl && printed < files.length && documents[printed] !== undefined) {
        progress.clear();
        process.stdout.write(JSON.stringify(judged(documents[printed]!)) + '\n');
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
  const verdicts =
    policies.length > 0
      ? report.documents.map((d) => judgeAll(d, loadedPolicies).verdicts)
      : undefined;
  if (jsonl)
    for (const doc of missingResults) process.stdout.write(JSON.stringify(judged(doc)) + '\n');
  else if (options.format === 'html') {
    // The evidence report of every document, with page images (main/export/report-command.ts).
    // Loaded only for this format: fonts, PDF writer and MuPDF are not what a JSON run needs.
    const { analysisReportHtml } = await import('../export/report-command');
    writeOutput(await analysisReportHtml(report, osUserName()), options.out);
  } else writeOutput(render(report, options.format, verdicts), options.out);
  if (process.stderr.isTTY && options.format !== 'table') process.stderr.write(summaryLine(report));
  return exitCode(report, options.failOn, verdicts);
}

function osUserName(): string {
  try {
    return userInfo().username || 'reviewer';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'reviewer';
  }
}

function render(
  report: AnalysisReport,
  format: Exclude<OutputFormat, 'html'>,
  verdicts: readonly Verdict[][] | undefined,
): string {
  // With --policy, every document carries `verdicts` (one per policy) in JSON and JSON Lines.
  const documents = verdicts
    ? report.documents.map((d, i) => ({ ...d, verdicts: verdicts[i]! }))
    : report.documents;
  switch (format) {
    case 'json':
      return JSON.stringify({ ...report, documents }, null, 2) + '\n';
    case 'jsonl':
      return documents.map((d) => JSON.stringify(d)).join('\n') + '\n';
    case 'csv':
      return formatCsv(report, verdicts);
    case 'table':
      return formatTable(
        report,
        {
          width: process.stdout.isTTY ? Math.max(60, Math.min(process.stdout.columns, 140)) : 100,
          colour: process.stdout.isTTY && process.env.NO_COLOR === undefined,
        },
        verdicts,
      );
  }
}

/**
 * 2 when a document could not be read (the run is incomplete, so it wins); otherwise 1 when a
 * finding reaches --fail-on or a document FAILs a --policy; 0 otherwise.
 */
export function exitCode(
  report: AnalysisReport,
  failOn: Severity | undefined,
  verdicts?: readonly (readonly Verdict[])[],
): number {
  if (report.documents.some((d) => d.error !== null)) return EXIT.unreadable;
  if (verdicts?.some((vs) => vs.some((v) => v.verdict === 'FAIL'))) return EXIT.threshold;
  const reached =
    failOn !== undefined &&
    report.documents.some((d) =>
      d.findings.some((f) => !f.negated && atOrAbove(f.severity, failOn)),
    );
  return reached ? EXIT.threshold : EXIT.done;
}

export function toolInfo(version: string, packs: readonly LoadedPack[]): ToolInfo {
  return {
    name: 'claimlens',
    version,
    engine: ENGINE_VERSION,
    rulePacks: packs.map(packInfo),
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
