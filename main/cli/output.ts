// Writes the CLI's output: to standard output, or to a file atomically (a crash never leaves a
// half-written report where the old one was).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeOutput(text: string, outFile: string | undefined): void {
  if (outFile === undefined) {
    process.stdout.write(text);
    return;
  }
  const temp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, outFile);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
