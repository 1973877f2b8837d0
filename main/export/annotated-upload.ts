// The annotated PDF copy as an export file. In the app, the renderer builds the copy in its
// sandbox (shared/export/annotated-pdf.ts) and sends it with the export request: main parses no
// untrusted file, so it only checks what it can check without parsing, that the copy is the
// original's exact bytes followed by more, before saving it or putting it in a bundle.
import { createHash } from 'node:crypto';
import type { AnnotatedCopyUpload } from '../../shared/ipc/contract';
import { EvidenceError, type EvidenceDocument } from './evidence-source';
import type { RenderedExport } from './render-export';

/** A copy as built: its bytes, how many annotations it adds and what could not be drawn. */
export interface AnnotatedCopy {
  readonly bytes: Uint8Array;
  readonly annotations: number;
  readonly skipped: readonly string[];
}

/** The export file of a document's annotated copy, from the CLI's builder or the renderer's. */
export function annotatedExport(
  doc: EvidenceDocument,
  copy: AnnotatedCopy,
  warnings: readonly string[],
): RenderedExport {
  const { fileName, sha256 } = doc.detail.meta;
  const stem = fileName.replace(/\.[^.]*$/, '') || 'document';
  return {
    bytes: copy.bytes,
    fileName: `${stem}.annotated.pdf`,
    mediaType: 'application/pdf',
    warnings: [...warnings, ...copy.skipped.map((s) => `not drawn: ${s}`)],
    summary:
      `${copy.annotations} annotation${copy.annotations === 1 ? '' : 's'} appended to ` +
      `${fileName} (its first ${doc.bytes.length} bytes are the original, SHA-256 ${sha256})`,
  };
}

/**
 * The copy the renderer sent, once its first bytes are known to be the original's; an
 * EvidenceError in words otherwise (nothing sent, the renderer's reason none could be made, or
 * bytes that are not the original's followed by an update).
 */
export function checkedCopy(
  doc: EvidenceDocument,
  upload: AnnotatedCopyUpload | undefined,
): AnnotatedCopy {
  const { fileName, sha256 } = doc.detail.meta;
  const original = doc.bytes;
  if (!new TextDecoder('latin1').decode(original.subarray(0, 1024)).includes('%PDF-')) {
    throw new EvidenceError(
      'UNSUPPORTED',
      `${fileName} is not a PDF, so there is no PDF to annotate; export it as W3C annotations, ` +
        'CSV or JSON instead.',
    );
  }
  if (upload === undefined) {
    throw new EvidenceError(
      'UNSUPPORTED',
      `No annotated copy of ${fileName} came with the request: the app's window builds it from ` +
        'the open document. Open the document and export again.',
    );
  }
  if ('error' in upload) throw new EvidenceError('UNSUPPORTED', upload.error);
  const copy = upload.pdf;
  if (copy.length <= original.length) {
    throw new EvidenceError(
      'UNSUPPORTED',
      `The annotated copy of ${fileName} the app's window built is ${copy.length} bytes, no ` +
        `longer than the original (${original.length} bytes), so it cannot hold the original ` +
        'and annotations after it. Nothing was saved; export again.',
    );
  }
  const prefix = createHash('sha256').update(copy.subarray(0, original.length)).digest('hex');
  if (prefix !== sha256) {
    throw new EvidenceError(
      'UNSUPPORTED',
      `The annotated copy of ${fileName} the app's window built does not begin with the ` +
        `original's exact bytes (its first ${original.length} bytes hash to ` +
        `${prefix.slice(0, 16)}…, the original to ${sha256.slice(0, 16)}…), so it would not ` +
        'prove anything about the original. Nothing was saved; export again.',
    );
  }
  return { bytes: copy, annotations: upload.annotations, skipped: upload.skipped };
}
