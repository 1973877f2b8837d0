// Reads a Word file, saved web page or plain-text file in a worker of its own (one per file, so
// a file that breaks its parser cannot break the next one), within a time limit, and gives its
// pages of text.
import { ReadError } from '../../shared/model/errors';
import { pagesFromPlainText, type PageText } from '../../shared/text/page-text';
import type { TextReadReply, TextReadRequest } from './read-text.worker';
import TextWorker from './read-text.worker?worker';

/** A Word file of hundreds of pages reads in a few seconds; a reader stuck this long is stopped. */
const TIME_LIMIT_MS = 120_000;

export async function readTextInput(
  bytes: Uint8Array,
  fileName: string,
  signal: AbortSignal,
): Promise<{ pages: PageText[]; warnings: string[] }> {
  if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
  const reply = await new Promise<TextReadReply>((resolve, reject) => {
    const worker = new TextWorker();
    const onAbort = (): void => {
      done();
      reject(new DOMException('Cancelled', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      done();
      reject(
        new ReadError(
          'TIMEOUT',
          `Stopped after ${TIME_LIMIT_MS / 1000} s: the file took too long to read (it may be ` +
            'damaged or built to stall a reader).',
        ),
      );
    }, TIME_LIMIT_MS);
    const done = (): void => {
      clearTimeout(timer);
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    worker.onmessage = (event: MessageEvent<TextReadReply>) => {
      done();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      done();
      reject(new ReadError('INTERNAL', `The file could not be read: ${event.message}`));
    };
    const request: TextReadRequest = { bytes, fileName };
    worker.postMessage(request);
  });
  if (!reply.ok) throw new ReadError(reply.code, reply.message);
  // Pages are rebuilt here as the engine wants them (text with no geometry, like the CLI's).
  const pages = reply.pages.flatMap((p) =>
    pagesFromPlainText(p.text).map((page) => ({ ...page, page: p.page })),
  );
  return { pages, warnings: reply.warnings };
}
