// Where the bundled resources (rule packs, samples) are, from the sources and from the CLI bundle in out/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this module that holds resources/rules. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'resources', 'rules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('ClaimLens cannot find its resources folder (resources/rules).');
    dir = parent;
  }
}

let root: string | null = null;

export function resourcePath(...parts: string[]): string {
  root ??= findRoot();
  return join(root, 'resources', ...parts);
}
