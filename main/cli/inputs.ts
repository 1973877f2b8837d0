// Turns the PATH arguments into the list of files to analyse: files as given, folders walked
// recursively for the kinds ClaimLens reads (PDF, Word, web pages, images, text), in a stable order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { READABLE_NAME } from '../../shared/input/sniff';

/** What a folder walk picks up, as the app's; a file named on the command line is read anyway. */
const ANALYSABLE = READABLE_NAME;

export interface Inputs {
  readonly files: string[];
  /** Paths that do not exist, reported as unreadable documents. */
  readonly missing: string[];
}

export function collectInputs(paths: readonly string[]): Inputs {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (!isDir) {
      add(path);
      continue;
    }
    readdirSync(path, { recursive: true, withFileTypes: true })
      .filter(
        (e) => e.isFile() && ANALYSABLE.test(e.name) && !isHidden(join(e.parentPath, e.name), path),
      )
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .forEach(add);
  }
  return { files, missing };
}

/** Files inside hidden folders (.git, .cache) are skipped, as a file manager would hide them. */
function isHidden(file: string, root: string): boolean {
  return file
    .slice(root.length)
    .split(/[\\/]/)
    .some((part) => part.startsWith('.') && part !== '.' && part !== '..');
}
