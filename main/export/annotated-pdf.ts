// The annotated PDF copy of an export document, for the command line (its own process, not
// sandboxed by design): the builder in shared/export/annotated-pdf.ts, which the app's renderer
// runs in its sandbox instead; a file it cannot annotate becomes an EvidenceError in words.
import {
  annotatedPdf as annotate,
  AnnotationError,
  type AnnotatedPdf,
} from '../../shared/export/annotated-pdf';
import { exportRecords } from '../../shared/export/records';
import { EvidenceError, type EvidenceDocument } from './evidence-source';

export type { AnnotatedPdf } from '../../shared/export/annotated-pdf';

export async function annotatedPdf(doc: EvidenceDocument): Promise<AnnotatedPdf> {
  try {
    return await annotate({
      bytes: doc.bytes,
      fileName: doc.detail.meta.fileName,
      sha256: doc.detail.meta.sha256,
      toolVersion: doc.tool.version,
      ...exportRecords(doc),
    });
  } catch (error) {
    if (error instanceof AnnotationError) throw new EvidenceError('UNSUPPORTED', error.message);
    throw error;
  }
}
