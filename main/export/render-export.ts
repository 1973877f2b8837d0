// One export format -> the file's bytes, its suggested name and media type; the CLI's
// `claimlens export` and the app's export channel both call this, so they write the same files.
import { MAX_CROPS } from '../../shared/export/report-crops';
import type { ReportCrop } from '../../shared/export/report-model';
import { annotatedPdf } from './annotated-pdf';
import { annotatedExport } from './annotated-upload';
import { EvidenceError, type EvidenceDocument } from './evidence-source';
import { exportCsv, exportJson } from './table-rows';
import { makeReport } from './report-render';
import { w3cAnnotations } from './w3c';

export const EXPORT_FORMATS = [
  'annotated-pdf',
  'w3c',
  'csv',
  'json',
  'report-html',
  'report-pdf',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RenderedExport {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly mediaType: string;
  /** What a user should know: items that could not be placed on the page. */
  readonly warnings: readonly string[];
  /** One line on what was written ("65 annotations on brochure.pdf"). */
  readonly summary: string;
}

const encoder = new TextEncoder();

/**
 * A document's evidence, with the page crops the app's renderer drew for a report and the pages
 * it could not draw.
 */
export type ExportDocument = EvidenceDocument & {
  readonly crops?: ReadonlyMap<string, ReportCrop>;
  readonly undrawnPages?: readonly number[];
};

export async function renderExport(
  format: ExportFormat,
  documents: readonly ExportDocument[],
): Promise<RenderedExport> {
  const [first] = documents;
  if (first === undefined) throw new EvidenceError('USAGE', 'There is no document to export.');
  const stem =
    documents.length === 1
      ? first.detail.meta.fileName.replace(/\.[^.]*$/, '') || 'document'
      : 'claimlens-export';
  const warnings = documents.flatMap((d) =>
    d.warnings.map((w) => `${d.detail.meta.fileName}: ${w}`),
  );
  const items = documents.reduce(
    (n, d) => n + d.detail.findings.length + d.detail.highlights.length,
    0,
  );
  const names = documents.map((d) => d.detail.meta.fileName).join(', ');
  switch (format) {
    case 'annotated-pdf': {
      if (documents.length > 1) {
        throw new EvidenceError(
          'USAGE',
          'An annotated PDF copy is made of one document at a time; name one document.',
        );
      }
      return annotatedExport(first, await annotatedPdf(first), warnings);
    }
    case 'w3c': {
      const collection = w3cAnnotations(documents);
      return {
        bytes: encoder.encode(JSON.stringify(collection, null, 2) + '\n'),
        fileName: `${stem}.annotations.jsonld`,
        mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        warnings,
        summary: `${collection.total} W3C annotations on ${names}`,
      };
    }
    case 'report-html':
    case 'report-pdf': {
      // Crops given by the app's renderer are used as they are; otherwise MuPDF draws them.
      const kind = format === 'report-pdf' ? 'pdf' : 'html';
      const report = await makeReport(documents, kind);
      const images = documents.reduce(
        (n, d) =>
          n +
          (d.crops?.size ??
            Math.min(MAX_CROPS, d.detail.findings.length + d.detail.highlights.length)),
        0,
      );
      return {
        bytes: report.bytes,
        fileName: `${stem}.report.${kind}`,
        mediaType: kind === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
        warnings: [...warnings, ...report.warnings],
        summary:
          `Evidence report of ${names}: ${items} findings and highlights, ` +
          `${images} page image${images === 1 ? '' : 's'}`,
      };
    }
    case 'csv':
      return {
        bytes: encoder.encode(exportCsv(documents)),
        fileName: `${stem}.findings.csv`,
        mediaType: 'text/csv',
        warnings,
        summary: `${items} rows (findings and highlights) of ${names}`,
      };
    case 'json':
      return {
        bytes: encoder.encode(exportJson(documents)),
        fileName: `${stem}.findings.json`,
        mediaType: 'application/json',
        warnings,
        summary: `${items} rows (findings and highlights) of ${names}`,
      };
  }
}
