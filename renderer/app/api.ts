// The renderer's one door to main: `window.claimlens`, built by the preload (Electron) or the
// Chromium host from the IPC contract, and the stored originals on the app's own origin.
// Failures come back as values; here they become ApiErrors that carry the code and a message in
// plain words.
import type {
  Channel,
  ClaimLensApi,
  ErrorCode,
  Request,
  Response,
  Result,
} from '../../shared/ipc/contract';
import { errorCodeOfStatus, originalPath } from '../../shared/ipc/originals';

declare global {
  interface Window {
    readonly claimlens?: ClaimLensApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function bridge(): ClaimLensApi {
  const api = window.claimlens;
  if (api === undefined) throw new ApiError('INTERNAL', 'ClaimLens is not connected to its host.');
  return api;
}

export async function call<C extends Channel>(channel: C, req: Request<C>): Promise<Response<C>> {
  // Indexing a mapped type by a generic key loses the pairing of request and response types.
  const method = bridge()[channel] as unknown as (r: Request<C>) => Promise<Result<Response<C>>>;
  const result = await method(req);
  if (!result.ok) throw new ApiError(result.code, result.message);
  return result.value;
}

/**
 * A stored original's bytes, verified by main as it serves them. VERIFICATION_FAILED when the
 * stored copy is missing or no longer matches its SHA-256.
 */
export async function readOriginal(sha256: string): Promise<Uint8Array> {
  let response;
  try {
    response = await fetch(new URL(originalPath(sha256), document.baseURI), { cache: 'no-store' });
  } catch (error) {
    throw new ApiError('INTERNAL', `The document could not be read: ${(error as Error).message}`);
  }
  if (!response.ok) throw new ApiError(errorCodeOfStatus(response.status), await response.text());
  return new Uint8Array(await response.arrayBuffer());
}
