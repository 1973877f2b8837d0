// One entry point for the comparison report, used by `claimlens diff --format html|pdf` and the
// app's Compare view: the edition diff with both editions' identity in, the file's bytes out.
// Page crops come from the caller (the app's renderer draws them with pdf.js in its sandbox) or,
// on the command line, from MuPDF over each original (./report-crops.ts), as for the document
// report.
import { buildDiffReport, diffCropTargets } from '../../shared/export/diff-report-model';
import type { DiffReportSource } from '../../shared/export/diff-report-model';
import { undrawnPagesWarning } from '../../shared/export/report-crops';
import type { ReportCrop } from '../../shared/export/report-model';
import { renderDiffReportHtml } from './diff-report-html';
import { renderDiffReportPdf } from './diff-report-pdf';
import { renderCrops } from './report-crops';
import { htmlFontFor, type ReportFormat, type ReportOutput } from './report-render';

/** Where one edition's page images come from: drawn already, or its original to draw them from. */
export interface EditionPages {
  readonly bytes?: Uint8Array;
  readonly crops?: ReadonlyMap<string, ReportCrop>;
  /** Pages the app's renderer could not draw with pdf.js, so their crops are missing. */
  readonly undrawnPages?: readonly number[];
}

export async function makeDiffReport(
  source: DiffReportSource,
  format: ReportFormat,
  pages: { readonly old: EditionPages; readonly new: EditionPages },
): Promise<ReportOutput> {
  const warnings: string[] = [];
  const crops: Record<'old' | 'new', ReadonlyMap<string, ReportCrop>> = {
    old: new Map(),
    new: new Map(),
  };
  for (const edition of ['old', 'new'] as const) {
    const given = pages[edition];
    if (given.crops !== undefined) {
      crops[edition] = given.crops;
      if ((given.undrawnPages?.length ?? 0) > 0) {
        const warning = undrawnPagesWarning('pdf.js', given.undrawnPages!);
        warnings.push(`${source[edition].name}: ${warning}`);
      }
    } else if (given.bytes !== undefined) {
      const drawn = await renderCrops(given.bytes, diffCropTargets(source.diff, edition));
      crops[edition] = drawn.crops;
      warnings.push(...drawn.warnings.map((w) => `${source[edition].name}: ${w}`));
    }
  }
  const model = buildDiffReport({ ...source, warnings: [...source.warnings, ...warnings] }, crops);
  const bytes =
    format === 'html'
      ? new TextEncoder().encode(
          renderDiffReportHtml(
            model,
            await htmlFontFor(
              JSON.stringify(model, (key, value: unknown) => (key === 'crop' ? undefined : value)),
            ),
          ),
        )
      : await renderDiffReportPdf(model);
  return { bytes, warnings };
}
