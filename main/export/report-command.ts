// `claimlens report [--library DIR] DOC... [--format html|pdf] [--out FILE]`: the evidence report
// of the documents named, in one file; and the HTML report of an `analyse` run
// (`claimlens analyse --format html`). Page crops are drawn with MuPDF (./report-crops.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AnalysisReport, DocumentResult, ToolInfo } from '../../shared/model/finding';
import type { DocumentDetail } from '../../shared/model/library';
import { gatherEvidence, writeExportFile, type DocumentSelection } from './document-args';
import { EvidenceError } from './evidence-source';
import {
  makeReport,
  REPORT_FORMATS,
  type ReportDocument,
  type ReportFormat,
} from './report-render';

export interface ReportCommandOptions extends DocumentSelection {
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly packCache?: string;
  readonly now?: Date;
}

/** --format, or what --out's extension says, or HTML. */
export function reportFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new EvidenceError(
        'USAGE',
        `--format must be one of ${REPORT_FORMATS.join(', ')}; got "${format}".`,
      );
    }
    return format as ReportFormat;
  }
  return out !== undefined && /\.pdf$/i.test(out) ? 'pdf' : 'html';
}

/** Returns the exit code: 0 written, 2 usage error or a document that cannot be reported. */
export async function reportCommand(options: ReportCommandOptions): Promise<number> {
  try {
    const format = reportFormat(options.format, options.out);
    if (format === 'pdf' && options.out === undefined && process.stdout.isTTY) {
      throw new EvidenceError(
        'USAGE',
        'A PDF report is binary: say where to write it with --out FILE.pdf (or redirect the output).',
      );
    }
    const documents = await gatherEvidence(options, {
      ...(options.packCache !== undefined ? { packCache: options.packCache } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
    const report = await makeReport(documents, format);
    writeReport(report.bytes, options.out);
    for (const warning of report.warnings) process.stderr.write(`claimlens: ${warning}\n`);
    if (options.out !== undefined) {
      const findings = documents.reduce((n, d) => n + d.detail.findings.length, 0);
      process.stderr.write(
        `Wrote ${options.out} (${report.bytes.length} bytes): the ${format.toUpperCase()} report of ` +
          `${documents.length} document${documents.length === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}.\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof EvidenceError) {
      process.stderr.write(`claimlens: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function writeReport(bytes: Uint8Array, out: string | undefined): void {
  if (out === undefined) {
    process.stdout.write(bytes);
    return;
  }
  writeExportFile(out, bytes, 'report');
}

/** A document of an `analyse` run as report evidence: every finding needs review, no notes. */
function detailOf(
  result: DocumentResult,
  tool: ToolInfo,
  size: number,
  at: string,
): DocumentDetail {
  const packs = new Map(tool.rulePacks.map((p) => [p.id, p.sha256]));
  return {
    meta: {
      sha256: result.sha256 ?? '',
      fileName: basename(result.path),
      bytes: size,
      pages: result.pages,
      addedAt: at,
      analysedAt: at,
      state: 'analysed',
      error: null,
      summary: result.summary,
      counts: result.summary?.bySeverity ?? {},
      tags: [],
    },
    verification: 'verified',
    warnings: result.warnings,
    findings: result.findings.map((finding) => ({
      finding,
      status: 'needs-review',
      statusBy: null,
      statusAt: null,
      engine: tool.engine,
      rulePackSha256: packs.get(finding.rulePack) ?? '',
    })),
    highlights: [],
    notes: [],
  };
}

/**
 * The HTML report of an `analyse` run: each document read, with crops drawn from the file
 * (read again, and its hash checked, so the images are of the bytes that were analysed), and the
 * documents that could not be read, with why.
 */
export async function analysisReportHtml(
  report: AnalysisReport,
  reviewer: string,
  now: Date = new Date(),
): Promise<string> {
  const at = now.toISOString();
  const documents: ReportDocument[] = [];
  const unreadable = [];
  for (const result of report.documents) {
    if (result.error !== null || result.sha256 === null) {
      unreadable.push({
        path: result.path,
        sha256: result.sha256,
        error: result.error ?? 'not read',
      });
      continue;
    }
    let bytes: Uint8Array | undefined;
    const warnings = [...result.warnings];
    try {
      bytes = new Uint8Array(await readFile(result.path));
      if (createHash('sha256').update(bytes).digest('hex') !== result.sha256) {
        warnings.push('The file changed after it was analysed: its page images are left out.');
        bytes = undefined;
      }
    } catch {
      warnings.push('The file could not be read again to draw its page images.');
    }
    documents.push({
      source: 'file',
      detail: detailOf(result, report.tool, bytes?.length ?? 0, at),
      reviewer,
      tool: { name: report.tool.name, version: report.tool.version },
      engine: report.tool.engine,
      rulePacks: report.tool.rulePacks,
      warnings,
      gatheredAt: at,
      ...(bytes !== undefined ? { bytes } : { crops: new Map() }),
    });
  }
  const { bytes } = await makeReport(documents, 'html', unreadable);
  return new TextDecoder().decode(bytes);
}
