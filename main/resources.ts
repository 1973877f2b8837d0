// Where the bundled resources (rule packs, samples) are, from sources, bundles and packaged apps.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this module that holds resources/rules. */
function findRoot(): string {
  const override = process.env.CLAIMLENS_RESOURCES;
  if (override) return resolve(override, '..');
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
