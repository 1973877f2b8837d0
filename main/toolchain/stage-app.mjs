// Stages the desktop app for electron-builder in out/app/, the folder electron-builder.yml's
// `directories.app` names and app.asar holds: the Electron main process bundled with every
// package it imports (so the archive needs no node_modules), its preload, the renderer build,
// sql.js's WebAssembly and a package.json of its own that lists no dependencies.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STAGED_APP = join(root, 'out', 'app');

/** Builds and copies the app into out/app; returns that folder. */
export async function stageApp() {
  const [desktop, renderer] = await Promise.all([ensureBuilt('desktop'), ensureBuilt('renderer')]);
  const app = STAGED_APP;
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'main'), { recursive: true });

  // The development build leaves packages external; here they go inside the bundle, so only the
  // code the main process really reaches ships (natural's stemmers, not its word-net data or
  // database clients). Sandboxed preloads are already bundled, as CommonJS.
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: { 'electron-main': 'main/app.ts' },
    outdir: join(app, 'main'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['electron'],
    // CommonJS packages inside an ES module bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __claimlensRequire } from 'node:module'; const require = __claimlensRequire(import.meta.url);",
    },
    // Smaller and quicker to load; names stay, so stack traces from users still read.
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  cpSync(join(desktop, 'preload.cjs'), join(app, 'main', 'preload.cjs'));

  // main/app.ts finds the renderer in ../renderer.
  cpSync(renderer, join(app, 'renderer'), {
    recursive: true,
    filter: (path) => !path.endsWith('.complete') && !path.endsWith('.map'),
  });

  // main/store/sqlite.ts reads sql.js/dist/sql-wasm.wasm through Node's resolver at run time,
  // which looks in node_modules beside the bundle first. (Beside it, not at the app's root:
  // electron-builder never copies a root node_modules folder it did not collect itself.)
  const require = createRequire(import.meta.url);
  const sqljs = join(dirname(require.resolve('sql.js/dist/sql-wasm.wasm')), '..');
  const sqljsPackage = JSON.parse(readFileSync(join(sqljs, 'package.json'), 'utf8'));
  const staged = join(app, 'main', 'node_modules', 'sql.js');
  mkdirSync(join(staged, 'dist'), { recursive: true });
  cpSync(join(sqljs, 'dist', 'sql-wasm.wasm'), join(staged, 'dist', 'sql-wasm.wasm'));
  cpSync(join(sqljs, 'LICENSE'), join(staged, 'LICENSE'));
  writeFileSync(
    join(staged, 'package.json'),
    `${JSON.stringify({ name: 'sql.js', version: sqljsPackage.version, license: sqljsPackage.license }, null, 2)}\n`,
  );

  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const appPackage = {
    name: project.name,
    productName: 'ClaimLens',
    version: project.version,
    description: project.description,
    license: project.license,
    author: 'The ClaimLens authors',
    type: 'module',
    main: 'main/electron-main.mjs',
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const app = await stageApp();
  process.stdout.write(`staged the desktop app in ${app}\n`);
}
