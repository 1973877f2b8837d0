// Originals: each imported file copied once into originals/<sha256>.<ext>, read-only, never
// rewritten, and re-hashed whenever it is shown or served.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verification } from '../../shared/model/library';
import { describeFsError, shortHash, StoreError } from './errors';
import { syncDir, writeAll } from './fs-util';

export const ORIGINALS_DIR = 'originals';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The extension kept on the stored copy: the file name's own, if it is a plain one. */
export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : 'bin';
}

export function originalPath(dir: string, sha256: string, ext: string): string {
  return join(dir, ORIGINALS_DIR, `${sha256}.${ext}`);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Whether the stored copy is still there and still hashes to its name. */
export async function verifyOriginal(path: string, sha256: string): Promise<Verification> {
  try {
    return (await hashFile(path)) === sha256 ? 'verified' : 'failed';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new StoreError(
      'STORE_FAILED',
      `Cannot read the stored original ${path}: ${describeFsError(error)}.`,
    );
  }
}

/** The stored copy's bytes, after checking that they still hash to `sha256`. */
export async function readVerifiedOriginal(path: string, sha256: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StoreError(
        'VERIFICATION_FAILED',
        `The stored original of document ${shortHash(sha256)} is missing from the library ` +
          `(${path}). Import the file again to restore it.`,
      );
    }
    throw new StoreError(
      'STORE_FAILED',
      `Cannot read the stored original ${path}: ${describeFsError(error)}.`,
    );
  }
  if (sha256Hex(bytes) !== sha256) {
    throw new StoreError(
      'VERIFICATION_FAILED',
      `The stored original of document ${shortHash(sha256)} has changed since it was imported: ` +
        `its bytes no longer match their SHA-256 (${path}). It was left as it is, as evidence.`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Puts a copy of `bytes` (already hashed to `sha256`) at `path`, read-only, and makes it
 * durable. A copy already there is kept if it is intact; one that differs is never replaced.
 * Returns false when an intact copy was already there.
 */
export async function storeOriginal(
  path: string,
  sha256: string,
  bytes: Uint8Array,
): Promise<boolean> {
  const present = await stat(path).then(
    () => true,
    () => false,
  );
  if (present) {
    if ((await verifyOriginal(path, sha256)) === 'verified') return false;
    throw new StoreError(
      'STORE_FAILED',
      `A different file is already stored as ${path}. ClaimLens never replaces a stored ` +
        'original; move that file away to import this one.',
    );
  }
  const folder = join(path, '..');
  const temp = join(folder, `.${sha256}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o444);
    try {
      await writeAll(handle, bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The mode given to open() is filtered by the umask; set it outright.
    await chmod(temp, 0o444);
    await rename(temp, path);
    await syncDir(folder);
  } catch (error) {
    await rm(temp, { force: true });
    throw new StoreError(
      'STORE_FAILED',
      `Cannot copy the file into the library (${folder}): ${describeFsError(error)}.`,
    );
  }
  return true;
}
