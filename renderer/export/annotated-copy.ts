// The annotated PDF copy for the export request, built here in the renderer's sandbox (main
// parses no untrusted file, and only checks that the copy begins with the original's bytes):
// the original as main serves it, the document's current view (triage, notes, highlights and
// each rule's words), and the builder of shared/export/annotated-pdf.ts in a worker.
import type { AnnotationSource } from '../../shared/export/annotated-pdf';
import { viewRecords } from '../../shared/export/records';
import type { AnnotatedCopyUpload } from '../../shared/ipc/contract';
import { call, readOriginal } from '../app/api';
import type { AnnotateReply } from './annotate.worker';
import AnnotateWorker from './annotate.worker?worker';

/**
 * The copy as the request carries it, or why none can be made of this file (encrypted, not a
 * PDF, damaged), which main reports, or leaves out of a bundle, in those words.
 */
export async function buildAnnotatedCopy(sha256: string): Promise<AnnotatedCopyUpload> {
  // The view as it stands now, so the copy agrees with the CSV, JSON and report main writes.
  const [view, info, bytes] = await Promise.all([
    call('document:get', { sha256 }),
    call('app:info', {}),
    readOriginal(sha256),
  ]);
  const source: AnnotationSource = {
    bytes,
    fileName: view.meta.fileName,
    sha256,
    toolVersion: info.version,
    ...viewRecords(view),
  };
  const reply = await inWorker(source);
  if (reply.ok) {
    const { bytes: pdf, annotations, skipped } = reply.copy;
    return { pdf, annotations, skipped: [...skipped] };
  }
  if (reply.unsupported) return { error: reply.message };
  throw new Error(`The annotated copy could not be made: ${reply.message}`);
}

function inWorker(source: AnnotationSource): Promise<AnnotateReply> {
  return new Promise((resolve, reject) => {
    const worker = new AnnotateWorker();
    worker.onmessage = (event: MessageEvent<AnnotateReply>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The annotated copy could not be made: ${event.message}`));
    };
    // The original's buffer moves to the worker: this side does not need it again.
    worker.postMessage(source, [source.bytes.buffer]);
  });
}
