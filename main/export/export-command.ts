// `claimlens export`: documents from a library or files analysed on the spot -> one export file
// (annotated PDF copy, W3C annotations, CSV or JSON). Nothing is written unless every document
// named could be gathered and the export made; the file appears whole or not at all.
import { gatherEvidence, writeExportFile, type DocumentSelection } from './document-args';
import { EvidenceError } from './evidence-source';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from './render-export';

export interface ExportOptions extends DocumentSelection {
  readonly format: string | undefined;
  readonly out: string | undefined;
  /** The CLI's cache of validated rule packs. */
  readonly packCache?: string;
}

/** Runs the export; returns the exit code (0 written, 2 usage or a document not exportable). */
export async function exportCommand(options: ExportOptions): Promise<number> {
  const { format, out } = options;
  if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new EvidenceError(
      'USAGE',
      format === undefined
        ? `Say which export to make with --format ${EXPORT_FORMATS.join('|')}.`
        : `--format must be one of ${EXPORT_FORMATS.join(', ')}; got "${format}".`,
    );
  }
  if (format === 'annotated-pdf' && out === undefined) {
    throw new EvidenceError('USAGE', 'An annotated PDF copy needs --out FILE (it is binary).');
  }
  const documents = await gatherEvidence(
    options,
    options.packCache !== undefined ? { packCache: options.packCache } : {},
  );
  const rendered = await renderExport(format as ExportFormat, documents);
  for (const warning of rendered.warnings) process.stderr.write(`claimlens: ${warning}\n`);
  if (out === undefined) {
    process.stdout.write(rendered.bytes);
  } else {
    writeExportFile(out, rendered.bytes, 'export');
    process.stderr.write(`Wrote ${out}: ${rendered.summary}.\n`);
  }
  return 0;
}
