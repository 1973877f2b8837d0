// Stored originals served to the renderer as binary: both hosts answer
// GET <app origin>/originals/<sha256> (shared/ipc/originals.ts) with this response, the bytes
// read through the store, which re-hashes them first, or a status that says why not.
//
// Why not a contract channel: the Chromium host's binding carries text only, so bytes crossed it
// as base64 inside JSON (encoded in main, escaped through Playwright and the DevTools protocol,
// decoded byte by byte in the page): 0.4-0.9 s of opening a 3.4 MB, 400-page datasheet. A
// response body stays binary and is decoded natively; Electron serves it the same way, so the
// renderer has one way to read an original. It opens no new door: the request carries only a
// SHA-256, matched by regex before anything is read; the CSP's connect-src 'self' already allows
// it; each host serves it to the app's own page only (see chromium-host.ts and
// security/session.ts); and main still only hashes, stores and serves bytes, which the renderer
// parses in its sandbox.
import { ORIGINAL_STATUS } from '../../shared/ipc/originals';
import { CONTENT_SECURITY_POLICY } from '../security/policy';
import { errorCodeOf } from './dispatch';

/** The store's verified read of an original (LibraryStore.readOriginal). */
export type ReadOriginal = (sha256: string) => Promise<Uint8Array>;

export interface OriginalResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

const HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  // Verified on every read, and evidence is not copied into the browser's cache.
  'cache-control': 'no-store',
};

type Refusal = keyof typeof ORIGINAL_STATUS;

/** The response to a request for a stored original; never throws. */
export async function originalResponse(
  sha256: string,
  read: ReadOriginal,
  log: (message: string) => void,
): Promise<OriginalResponse> {
  try {
    const body = await read(sha256);
    return {
      status: 200,
      headers: { ...HEADERS, 'content-type': 'application/octet-stream' },
      body,
    };
  } catch (error) {
    const code = errorCodeOf(error);
    if (code !== null && Object.hasOwn(ORIGINAL_STATUS, code)) {
      return refusal(code as Refusal, (error as Error).message);
    }
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`reading the original ${sha256} failed: ${reason}`);
    return refusal(
      'INTERNAL',
      'Something went wrong inside ClaimLens; the details are in its log.',
    );
  }
}

/** A refusal with the status for `code` and the words the user will see. */
function refusal(code: Refusal, message: string): OriginalResponse {
  return {
    status: ORIGINAL_STATUS[code],
    headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    body: message,
  };
}
