// Documents the operating system asks the app to open: "Open with ClaimLens" in a file manager,
// a document given on the command line, a second launch with a file, macOS's open-file. Each is copied
// into the library like a document opened from the app; the renderer then reads it in its sandbox.
// What ClaimLens does not read (told by the file's first bytes, as the app and the command line
// tell it) is refused before it enters the library, in plain words.
import { stat, readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBinary, notSupportedMessage, sniff } from '../shared/input/sniff';
import type { DocumentMeta } from '../shared/model/library';

/** The part of the library used here (main/store/library-store.ts). */
export interface DocumentImporter {
  importDocument(fileName: string, bytes: Uint8Array): Promise<{ meta: DocumentMeta }>;
}

/**
 * The documents named in a command line's arguments (after the executable and, when Electron runs
 * the app from a folder, its entry script): every argument that is not a flag, as a path resolved
 * against the folder it was started in. A `file:` URL counts as its path: a Linux desktop entry's
 * `%U` lets file managers pass either.
 */
export function documentPaths(args: readonly string[], cwd: string): string[] {
  return args
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .map((arg) => (/^file:/i.test(arg) ? fileURLToPath(arg) : arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}

export interface OpenOutcome {
  /** The hash of the last file imported (the one to show), or null. */
  readonly last: string | null;
  /** Each file that was not opened, "name: why", in plain words. */
  readonly refused: readonly string[];
}

/**
 * Copies each file ClaimLens reads into the library. A missing file, a folder, an empty file or
 * one of another kind is not imported: `refused` says why, and the others go on.
 */
export async function importPaths(
  store: DocumentImporter,
  paths: readonly string[],
  log: (message: string) => void,
): Promise<OpenOutcome> {
  let last: string | null = null;
  const refused: string[] = [];
  for (const path of paths) {
    try {
      const read = await readDocument(path);
      if ('reason' in read) throw new Error(read.reason);
      last = (await store.importDocument(basename(path), read.bytes)).meta.sha256;
    } catch (error) {
      const reason = (error as Error).message;
      refused.push(`${basename(path)}: ${reason}`);
      log(`could not open ${path}: ${reason}`);
    }
  }
  return { last, refused };
}

/** The file's bytes, or why it is not a document ClaimLens opens, in plain words. */
async function readDocument(path: string): Promise<{ bytes: Uint8Array } | { reason: string }> {
  const info = await stat(path).catch(() => null);
  if (info === null) return { reason: `There is no such file (${path}).` };
  if (info.isDirectory()) {
    return { reason: 'It is a folder; use "Open folder…" to import every document in it.' };
  }
  if (!info.isFile()) return { reason: 'It is not a file.' };
  const bytes = new Uint8Array(await readFile(path));
  if (bytes.length === 0) return { reason: 'The file is empty (0 bytes).' };
  if (sniff(bytes, path) === 'other') return { reason: notSupportedMessage(describeBinary(bytes)) };
  return { bytes };
}
