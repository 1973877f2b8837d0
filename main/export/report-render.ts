// One entry point for reports, used by the command line (`claimlens report`, `analyse --format
// html`), the app's export handler and the evidence bundle: documents' evidence in, the file's
// bytes out. Crops come from the caller (the app's renderer draws them in its sandbox) or, on
// the command line, from MuPDF (./report-crops.ts).
import { cropTargets, undrawnPagesWarning } from '../../shared/export/report-crops';
import {
  buildReport,
  type ReportCrop,
  type ReportModel,
  type ReportSource,
} from '../../shared/export/report-model';
import { renderCrops } from './report-crops';
import { FONT_FILES, subsetFont } from './report-font';
import { renderReportHtml, type HtmlFont, type UnreadableDocument } from './report-html';
import { renderReportPdf } from './report-pdf';

export const REPORT_FORMATS = ['html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportDocument extends ReportSource {
  /** The original's bytes, for drawing crops when none are given. */
  readonly bytes?: Uint8Array;
  /** Crops already drawn (by the app's renderer), by finding or highlight id. */
  readonly crops?: ReadonlyMap<string, ReportCrop>;
  /** Pages the app's renderer could not draw with pdf.js, so their crops are missing. */
  readonly undrawnPages?: readonly number[];
}

/**
 * The font the HTML report carries for its characters beyond ASCII (null when there are none):
 * a reader's system may have no Chinese font at all.
 */
async function htmlFont(
  models: readonly ReportModel[],
  unreadable: readonly UnreadableDocument[],
): Promise<HtmlFont | null> {
  return htmlFontFor(
    JSON.stringify([models, unreadable], (key, value: unknown) =>
      key === 'crop' ? undefined : value,
    ),
  );
}

/** The HTML font for the characters of `text` beyond ASCII (null when there are none). */
export async function htmlFontFor(text: string): Promise<HtmlFont | null> {
  // eslint-disable-next-line no-control-regex -- everything outside ASCII
  const wide = [...new Set(text.match(/[^\u0000-\u007f]/gu))].join('');
  if (wide === '') return null;
  const [regular, bold] = await Promise.all([
    subsetFont(FONT_FILES.regular, wide),
    subsetFont(FONT_FILES.bold, wide),
  ]);
  return { regular, bold };
}

export interface ReportOutput {
  readonly bytes: Uint8Array;
  /** What the report could not include (page images that could not be drawn), in plain words. */
  readonly warnings: readonly string[];
}

/** The report of `documents`, in one file of `format`. */
export async function makeReport(
  documents: readonly ReportDocument[],
  format: ReportFormat,
  unreadable: readonly UnreadableDocument[] = [],
): Promise<ReportOutput> {
  const warnings: string[] = [];
  const models = [];
  for (const doc of documents) {
    let crops = doc.crops;
    let cropWarnings: readonly string[] = [];
    if (crops === undefined && doc.bytes !== undefined) {
      const drawn = await renderCrops(doc.bytes, cropTargets(doc.detail));
      crops = drawn.crops;
      cropWarnings = drawn.warnings;
    } else if (crops !== undefined && (doc.undrawnPages?.length ?? 0) > 0) {
      cropWarnings = [undrawnPagesWarning('pdf.js', doc.undrawnPages!)];
    }
    warnings.push(...cropWarnings.map((w) => `${doc.detail.meta.fileName}: ${w}`));
    models.push(
      buildReport({ ...doc, warnings: [...doc.warnings, ...cropWarnings] }, crops ?? new Map()),
    );
  }
  const bytes =
    format === 'html'
      ? new TextEncoder().encode(
          renderReportHtml(models, unreadable, await htmlFont(models, unreadable)),
        )
      : await renderReportPdf(models, unreadable);
  return { bytes, warnings };
}
