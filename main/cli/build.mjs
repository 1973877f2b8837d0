// Builds the CLI bundle on demand: `npm ci` runs no scripts (.npmrc: ignore-scripts), so the
// launcher calls this before every run. A build lands in out/cli-<fingerprint>/ through a
// temporary folder and a rename, so runs started at the same moment never see half a build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outRoot = join(root, 'out');

/** A hash of every source file's path, size and time: any edit gives a new build folder. */
function fingerprint() {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json'];
  for (const dir of ['shared', 'main']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)));
    }
  }
  for (const file of files.sort()) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Returns the folder of an up-to-date CLI build, building it first if needed. */
export async function ensureBuilt({ force = false } = {}) {
  const dir = join(outRoot, `cli-${fingerprint()}`);
  if (!force && existsSync(join(dir, 'index.mjs'))) return dir;
  const { build } = await import('esbuild');
  const temp = `${dir}.tmp-${process.pid}`;
  mkdirSync(outRoot, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { index: 'main/cli/index.ts', worker: 'main/cli/worker.ts' },
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  if (force) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(temp, dir);
  } catch {
    // Another run finished the same build first; theirs is identical.
    rmSync(temp, { recursive: true, force: true });
  }
  removeOldBuilds(dir);
  return dir;
}

/** Builds older than ten minutes go; a newer one may still be running in another process. */
function removeOldBuilds(keep) {
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(outRoot)) {
    const path = join(outRoot, name);
    if (name.startsWith('cli-') && path !== keep && statSync(path).mtimeMs < cutoff) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await ensureBuilt({ force: process.argv.includes('--force') });
  process.stdout.write(`CLI built in ${relative(process.cwd(), dir)}\n`);
}
