// The renderer's one pdfjs-dist loader (the CLI has its twin in main/extract/pdfjs.ts); every
// option comes from shared/pdf/options.ts, resources are this app's own copies, data is bytes.
import {
  getDocument,
  GlobalWorkerOptions,
  PasswordResponses,
  PDFWorker,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { PDF_LOAD_OPTIONS, PDF_RESOURCE_DIRS } from '../../shared/pdf/options';

GlobalWorkerOptions.workerSrc = workerUrl;

const resourceUrls = Object.fromEntries(
  Object.entries(PDF_RESOURCE_DIRS).map(([key, dir]) => [
    key,
    new URL(`./pdfjs/${dir}`, document.baseURI).href,
  ]),
);

/** Asked when a PDF needs a password; resolves with it, or null when the user gives up. */
export type PasswordPrompt = (retry: boolean) => Promise<string | null>;

export class PdfOpenError extends Error {
  constructor(
    readonly kind: 'encrypted' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface OpenedPdf {
  readonly doc: PDFDocumentProxy;
  close(): Promise<void>;
}

/** One pdf.js worker for the whole session: starting one per document costs a parser start-up. */
let worker: PDFWorker | null = null;

export async function openPdf(data: Uint8Array, askPassword: PasswordPrompt): Promise<OpenedPdf> {
  worker ??= new PDFWorker();
  const task: PDFDocumentLoadingTask = getDocument({
    ...PDF_LOAD_OPTIONS,
    ...resourceUrls,
    worker,
    enableXfa: false,
    // pdf.js takes the buffer it is given; keep the caller's copy.
    data: data.slice(),
  });
  const prompt = { gaveUp: false };
  task.onPassword = (update: (password: string) => void, reason: number) => {
    void askPassword(reason === PasswordResponses.INCORRECT_PASSWORD).then((password) => {
      if (password === null) {
        prompt.gaveUp = true;
        void task.destroy();
      } else update(password);
    });
  };
  try {
    const doc = await task.promise;
    return { doc, close: () => task.destroy() };
  } catch (error) {
    if (prompt.gaveUp) {
      throw new PdfOpenError(
        'encrypted',
        'This PDF is protected by a password, and none was given.',
      );
    }
    const name = (error as { name?: string }).name;
    throw new PdfOpenError(
      'invalid',
      name === 'InvalidPDFException'
        ? 'This file cannot be read: the PDF is damaged or truncated, or it is not a PDF.'
        : `This file cannot be read: ${(error as Error).message}`,
    );
  }
}
