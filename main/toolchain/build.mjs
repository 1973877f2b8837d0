// Builds on demand: `npm ci` runs no scripts (.npmrc: ignore-scripts), so `claimlens`, `npm start`
// and the tests call this before they run. Each target lands in out/<target>-<fingerprint>/
// through a temporary folder and a rename, so runs started at once never see half a build, and
// a build is redone only when a source file changed.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outRoot = join(root, 'out');

/** What each target builds from, and how. */
const TARGETS = {
  /** The claimlens command and its worker threads. */
  cli: {
    sources: ['shared', 'main'],
    // Split into chunks: a command's packages (the report's fonts and PDF writer, Word and HTML
    // readers, zip) are imported by its own chunk when it runs, not by every `analyse` at start.
    build: (dir) =>
      esbuild(
        dir,
        { index: 'main/cli/index.ts', worker: 'main/cli/worker.ts' },
        { splitting: true },
      ),
  },
  /** The Node side of the desktop app: the Chromium host and the Electron main process and preload. */
  desktop: {
    sources: ['shared', 'main'],
    build: async (dir) => {
      await esbuild(dir, { 'chromium-main': 'main/hosts/chromium-main.ts' });
      await esbuild(dir, { 'electron-main': 'main/app.ts' }, { external: ['electron'] });
      // Sandboxed preloads load as CommonJS and may require only 'electron'.
      await esbuild(
        dir,
        { preload: 'main/preload/preload.ts' },
        { format: 'cjs', packages: 'bundle', external: ['electron'], platform: 'browser' },
      );
    },
  },
  /** The renderer (React UI, pdf.js and its worker, local pdf.js resources). */
  renderer: {
    sources: ['shared', 'renderer', 'vite.config.ts'],
    build: async (dir) => {
      const { build } = await import('vite');
      await build({
        configFile: join(root, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: dir, emptyOutDir: true },
      });
    },
  },
};

/** A hash of every source file's path, size and time: any edit gives a new build folder. */
function fingerprint(sources) {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json'];
  for (const source of sources) {
    const path = join(root, source);
    if (!existsSync(path)) continue;
    if (!statSync(path).isDirectory()) {
      files.push(source);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
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

async function esbuild(outdir, entryPoints, overrides = {}) {
  const { build } = await import('esbuild');
  const format = overrides.format ?? 'esm';
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    outExtension: { '.js': format === 'cjs' ? '.cjs' : '.mjs' },
    bundle: true,
    platform: 'node',
    format,
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    ...overrides,
  });
}

/** Returns the folder of an up-to-date build of `target`, building it first if needed. */
export async function ensureBuilt(target, { force = false } = {}) {
  const spec = TARGETS[target];
  if (spec === undefined) throw new Error(`Unknown build target "${target}".`);
  const dir = join(outRoot, `${target}-${fingerprint(spec.sources)}`);
  if (!force && existsSync(join(dir, '.complete'))) return dir;
  const temp = `${dir}.tmp-${process.pid}`;
  mkdirSync(outRoot, { recursive: true });
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  await spec.build(temp);
  writeFileSync(join(temp, '.complete'), new Date().toISOString());
  if (force) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(temp, dir);
  } catch {
    // Another run finished the same build first; theirs is identical.
    rmSync(temp, { recursive: true, force: true });
  }
  removeOldBuilds(target, dir);
  return dir;
}

/** Builds older than ten minutes go; a newer one may still be running in another process. */
function removeOldBuilds(target, keep) {
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(outRoot)) {
    const path = join(outRoot, name);
    if (!name.startsWith(`${target}-`) || path === keep) continue;
    // Another process may rename or remove its own build folder between the listing and here.
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (modified !== undefined && modified < cutoff) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  for (const target of targets.length > 0 ? targets : Object.keys(TARGETS)) {
    const dir = await ensureBuilt(target, { force: process.argv.includes('--force') });
    process.stdout.write(`${target} built in ${relative(process.cwd(), dir)}\n`);
  }
}
