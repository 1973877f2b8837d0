// The evidence bundle as one more export file, for the app's Export command: the same bundle as
// `claimlens bundle`, named after the document, with a one-line summary and what was left out.
import type { AuditRecord } from '../../shared/model/library';
import { bundleEvidence, type BundleDocument } from './bundle-evidence';
import type { RenderedExport } from './render-export';

export async function renderBundle(
  documents: readonly BundleDocument[],
  libraryAudit: readonly AuditRecord[] | undefined,
  now?: Date,
): Promise<RenderedExport> {
  const { zip, manifest } = await bundleEvidence(documents, {
    ...(libraryAudit !== undefined ? { libraryAudit } : {}),
    ...(now !== undefined ? { now } : {}),
  });
  const stem =
    documents.length === 1
      ? documents[0]!.detail.meta.fileName.replace(/\.[^.]*$/, '') || 'document'
      : 'claimlens';
  return {
    bytes: zip,
    fileName: `${stem}.evidence.zip`,
    mediaType: 'application/zip',
    warnings: manifest.omitted,
    summary:
      `evidence bundle of ${manifest.documents.map((d) => d.fileName).join(', ')}: ` +
      `${manifest.files.length} files with their SHA-256 in manifest.json, audit chain of ` +
      `${manifest.audit.records} records (head ${manifest.audit.headHash.slice(0, 16)}...)`,
  };
}
