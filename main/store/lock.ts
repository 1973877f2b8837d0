// One library folder, one writer: a lock file names the process that has the folder open, so
// the app and a `claimlens` command never append to the same journal at once.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describeFsError, StoreError } from './errors';

export const LOCK_FILE = 'library.lock';

/** Folders this process has open (the lock file cannot tell two stores in one process apart). */
const openHere = new Set<string>();

interface Owner {
  readonly pid: number;
  readonly host: string;
}

/** Takes the folder's lock; the function returned gives it back. */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const key = resolve(dir);
  if (openHere.has(key)) {
    throw new StoreError('STORE_FAILED', `The library at ${dir} is already open in ClaimLens.`);
  }
  const path = join(dir, LOCK_FILE);
  const owner: Owner = { pid: process.pid, host: hostname() };
  // Two tries: the second after removing a lock left by a process that no longer runs.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, JSON.stringify(owner), { flag: 'wx' });
      openHere.add(key);
      return async () => {
        openHere.delete(key);
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError(
          'STORE_FAILED',
          `Cannot open the library at ${dir}: ${describeFsError(error)}.`,
        );
      }
    }
    const holder = await readOwner(path);
    if (holder && isRunning(holder)) {
      throw new StoreError(
        'STORE_FAILED',
        `The library at ${dir} is open in another ClaimLens window or command ` +
          `(process ${holder.pid} on ${holder.host}). Close it there first; if no ClaimLens is ` +
          `running, delete ${path}.`,
      );
    }
    await rm(path, { force: true });
  }
  throw new StoreError(
    'STORE_FAILED',
    `The library at ${dir} was opened by another ClaimLens at the same moment; try again.`,
  );
}

async function readOwner(path: string): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : null;
  } catch {
    // Unreadable or half-written: its writer died while taking the lock.
    return null;
  }
}

function isRunning(owner: Owner): boolean {
  // A process on another machine (a shared folder) cannot be checked: assume it runs.
  if (owner.host !== hostname()) return true;
  // This process, but not in openHere: a store that was never closed. The lock is ours to take.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
