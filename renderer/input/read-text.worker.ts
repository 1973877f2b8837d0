// Word files, saved web pages and plain text read in a Web Worker of the sandboxed renderer, with
// the command line's own readers (shared/input): the zip guard runs before mammoth (its browser
// build) unpacks anything, a web page is parsed as data (no script runs, nothing is fetched),
// and a hostile file that hangs or exhausts a parser takes down this worker, not the window.
import mammoth from 'mammoth';
import { plainTextPages, type ExtractedText } from '../../shared/input/decode-text';
import { sniff } from '../../shared/input/sniff';
import { webPagePages } from '../../shared/input/web-page';
import { wordFilePages } from '../../shared/input/word-file';
import { ReadError, type ReadErrorCode } from '../../shared/model/errors';

export interface TextReadRequest {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

export type TextReadReply =
  | {
      readonly ok: true;
      readonly pages: { page: number; text: string }[];
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly code: ReadErrorCode; readonly message: string };

async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const result = await mammoth.convertToHtml(
    { arrayBuffer: arrayBuffer as ArrayBuffer },
    {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    },
  );
  return result.value;
}

async function read({ bytes, fileName }: TextReadRequest): Promise<ExtractedText> {
  const kind = sniff(bytes, fileName);
  if (kind === 'docx') return wordFilePages(bytes, docxToHtml);
  if (kind === 'html') return webPagePages(bytes);
  return plainTextPages(bytes);
}

self.onmessage = (event: MessageEvent<TextReadRequest>) => {
  read(event.data).then(
    ({ pages, warnings }) => {
      const reply: TextReadReply = {
        ok: true,
        pages: pages.map((p) => ({ page: p.page, text: p.text })),
        warnings,
      };
      self.postMessage(reply);
    },
    (error: unknown) => {
      const reply: TextReadReply =
        error instanceof ReadError
          ? { ok: false, code: error.code, message: error.message }
          : { ok: false, code: 'INTERNAL', message: (error as Error).message };
      self.postMessage(reply);
    },
  );
};
