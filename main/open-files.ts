// Documents the operating system asks the app to open: "Open with ClaimLens" in a file manager,
// a document given on the command line, a second launch with a file, macOS's open-file. Each is copied
// into the library like a document opened from the app; the renderer then reads it in its sandbox.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { READABLE_NAME } from '../shared/input/sniff';
import type { DocumentMeta } from '../shared/model/library';

/** The part of the library used here (main/store/library-store.ts). */
export interface DocumentImporter {
  importDocument(fileName: string, bytes: Uint8Array): Promise<{ meta: DocumentMeta }>;
}

/**
 * The files of a kind ClaimLens reads (PDF, Word, web page, image, text) named in a command line,
 * resolved against the folder it was started in. Flags, the executable and the app's own entry
 * script are not documents; neither is a missing file.
 */
export function documentPaths(args: readonly string[], cwd: string): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && READABLE_NAME.test(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true);
}

/**
 * Copies each file into the library; returns the hash of the last one that could be read (the
 * one to show), or null. A file that cannot be read is named in the log and the others go on.
 */
export async function importPaths(
  store: DocumentImporter,
  paths: readonly string[],
  log: (message: string) => void,
): Promise<string | null> {
  let last: string | null = null;
  for (const path of paths) {
    try {
      const { meta } = await store.importDocument(basename(path), await readFile(path));
      last = meta.sha256;
    } catch (error) {
      log(`could not open ${path}: ${(error as Error).message}`);
    }
  }
  return last;
}
