// Writes the CLI's output: to standard output, or to a file atomically (a crash never leaves a
// half-written report where the old one was).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeOutput(data: string | Uint8Array, outFile: string | undefined): void {
  if (outFile === undefined) {
    process.stdout.write(data);
    return;
  }
  writeAtomically(outFile, data);
}

/** Writes next to `path` and renames, so a crash never leaves half a file there. */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
