// The app's comparison report ('library:exportDiff' as html or pdf): two library documents,
// their originals re-verified, compared as editions and rendered by the same code as
// `claimlens diff --format html|pdf`, with the page images the sandboxed renderer drew (main
// parses no PDF; without images the report says so), then saved as the document exports are.
import { diffEditions, editionOf, editionProblem } from '../../shared/diff/diff';
import { libraryEdition, ruleTexts, type RuleText } from '../../shared/export/diff-report-model';
import type { ExportOutcome, ReportCropUpload } from '../../shared/ipc/contract';
import type { DocumentDetail } from '../../shared/model/library';
import { HandlerError } from '../ipc/dispatch';
import type { ExportSaver } from './app-export';
import { makeDiffReport } from './diff-report';

/** What the comparison report needs of the library. */
export interface DiffLibrary {
  detail(sha256: string): Promise<DocumentDetail>;
  reviewer(): string;
}

export interface DiffReportRequest {
  readonly old: string;
  readonly new: string;
  readonly format: 'html' | 'pdf';
  readonly oldCrops?: readonly ReportCropUpload[] | undefined;
  readonly newCrops?: readonly ReportCropUpload[] | undefined;
  /** Pages of each edition whose crops the renderer could not draw. */
  readonly oldUndrawnPages?: readonly number[] | undefined;
  readonly newUndrawnPages?: readonly number[] | undefined;
}

export async function exportDiffReport(
  library: DiffLibrary,
  save: ExportSaver,
  request: DiffReportRequest,
  tool: { readonly name: string; readonly version: string },
): Promise<ExportOutcome> {
  const [older, newer] = await Promise.all([
    library.detail(request.old),
    library.detail(request.new),
  ]);
  for (const detail of [older, newer]) {
    const problem = editionProblem(detail);
    if (problem) throw new HandlerError(problem.code, problem.message);
  }
  const diff = diffEditions(editionOf(older), editionOf(newer));
  const rules = new Map<string, RuleText>([
    ...ruleTexts(older.findings.map((f) => f.finding)),
    ...ruleTexts(newer.findings.map((f) => f.finding)),
  ]);
  const crops = (list: readonly ReportCropUpload[] | undefined) =>
    new Map((list ?? []).map((c) => [c.id, c]));
  const missing = [
    request.oldCrops === undefined ? older.meta.fileName : null,
    request.newCrops === undefined ? newer.meta.fileName : null,
  ].filter((name): name is string => name !== null);
  const warnings =
    missing.length > 0 ? [`The app's window sent no page images of ${missing.join(' and ')}.`] : [];
  const report = await makeDiffReport(
    {
      diff,
      old: libraryEdition(older),
      new: libraryEdition(newer),
      rules,
      tool,
      reviewer: library.reviewer(),
      generatedAt: new Date().toISOString(),
      warnings,
    },
    request.format,
    {
      old: { crops: crops(request.oldCrops), undrawnPages: request.oldUndrawnPages ?? [] },
      new: { crops: crops(request.newCrops), undrawnPages: request.newUndrawnPages ?? [] },
    },
  );
  const stem = (name: string): string => name.replace(/\.[^.]*$/, '') || 'document';
  const fileName = `${stem(older.meta.fileName)} vs ${stem(newer.meta.fileName)}.comparison.${request.format}`;
  const s = diff.summary;
  const images = (request.oldCrops?.length ?? 0) + (request.newCrops?.length ?? 0);
  const summary =
    `${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged; ` +
    `${images} page image${images === 1 ? '' : 's'}`;
  const path = await save({
    bytes: report.bytes,
    fileName,
    mediaType: request.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    warnings: [...warnings, ...report.warnings],
    summary,
  });
  return {
    saved: path !== null,
    path,
    fileName,
    summary,
    warnings: [...warnings, ...report.warnings],
  };
}
