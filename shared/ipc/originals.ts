// Where the renderer reads a stored original: GET <app origin>/originals/<sha256>, answered by the
// host (Electron's claimlens: protocol, the Chromium host's request interception) with the
// verified bytes, or with one of the statuses below. Not a contract channel: the bytes travel as
// a binary response body (why: main/ipc/originals.ts).
import type { ErrorCode } from './contract';

const PATH = /^\/originals\/([0-9a-f]{64})$/;

/** The path of a stored original on the app's origin. */
export function originalPath(sha256: string): string {
  return `/originals/${sha256}`;
}

/** The SHA-256 an app URL path names, or null when the path is not exactly an original's. */
export function sha256OfOriginalPath(pathname: string): string | null {
  return PATH.exec(pathname)?.[1] ?? null;
}

/** The status each failure is served with; the renderer turns it back into the error code. */
export const ORIGINAL_STATUS = {
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  /** The stored copy is missing or no longer hashes to its name. */
  VERIFICATION_FAILED: 409,
  STORE_FAILED: 500,
  INTERNAL: 500,
} as const satisfies Partial<Record<ErrorCode, number>>;

export function errorCodeOfStatus(status: number): ErrorCode {
  if (status === ORIGINAL_STATUS.VERIFICATION_FAILED) return 'VERIFICATION_FAILED';
  if (status === ORIGINAL_STATUS.NOT_FOUND) return 'NOT_FOUND';
  if (status === ORIGINAL_STATUS.INVALID_REQUEST) return 'INVALID_REQUEST';
  return 'INTERNAL';
}
