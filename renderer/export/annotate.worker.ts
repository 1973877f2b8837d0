// The annotated PDF copy built in a Web Worker of the sandboxed renderer: pdf-lib parses the
// untrusted original here (never in main), and a 400-page document never freezes the window.
import {
  annotatedPdf,
  AnnotationError,
  type AnnotatedPdf,
  type AnnotationSource,
} from '../../shared/export/annotated-pdf';

export type AnnotateReply =
  | { readonly ok: true; readonly copy: AnnotatedPdf }
  /** `unsupported`: a file that cannot be annotated (encrypted, damaged), said in words. */
  | { readonly ok: false; readonly unsupported: boolean; readonly message: string };

self.onmessage = async (event: MessageEvent<AnnotationSource>) => {
  try {
    const copy = await annotatedPdf(event.data);
    self.postMessage({ ok: true, copy } satisfies AnnotateReply, {
      transfer: [copy.bytes.buffer],
    });
  } catch (error) {
    self.postMessage({
      ok: false,
      unsupported: error instanceof AnnotationError,
      message: error instanceof Error ? error.message : String(error),
    } satisfies AnnotateReply);
  }
};
