// The store's one error type: a fixed code for the IPC layer and a message in plain words that
// the app shows to the user as it is.

export type StoreErrorCode = 'NOT_FOUND' | 'VERIFICATION_FAILED' | 'INVALID' | 'STORE_FAILED';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A document's fingerprint shortened for messages, the way git shortens commit hashes. */
export function shortHash(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}

/** What a file-system error means, in words a user can act on (the code stays for support). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EACCES':
    case 'EPERM':
      return `permission was denied (${code})`;
    case 'EROFS':
      return 'the disk is read-only (EROFS)';
    case 'EIO':
      return 'the disk reported an input/output error (EIO)';
    case 'ENOENT':
      return 'a file or folder is missing (ENOENT)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
