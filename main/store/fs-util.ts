// File-system steps that make a write survive a crash: write everything, fsync the file, rename,
// fsync the folder so the new name itself is on disk.
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** FileHandle.write may write less than asked; loop until every byte is handed to the OS. */
export async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Makes a folder's entries (new, renamed and removed names) durable. Windows cannot open a
 * folder for fsync, and NTFS journals its metadata itself, so there is nothing to do there.
 */
export async function syncDir(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates a folder (and missing parents) so that it survives a crash: each new name is synced. */
export async function makeDirDurably(path: string): Promise<void> {
  const first = await mkdir(path, { recursive: true });
  if (first === undefined) return;
  const top = resolve(first);
  for (let dir = resolve(path); dir !== dirname(dir); dir = dirname(dir)) {
    await syncDir(dirname(dir));
    if (dir === top) return;
  }
}

/** Replaces `path` with `data` atomically: a crash leaves either the old file or the new one. */
export async function replaceFileDurably(
  path: string,
  data: Uint8Array,
  dir: string,
): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await writeAll(handle, data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDir(dir);
}
