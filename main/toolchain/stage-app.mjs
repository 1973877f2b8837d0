// Stages the desktop app for electron-builder in out/app/, the folder electron-builder.yml's
// `directories.app` names and app.asar holds: the Electron main process bundled with every
// package it imports, its preload, the renderer build, the few files the main process reads from
// node_modules by path (RUNTIME_FILES) and a package.json of its own that lists no dependencies.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STAGED_APP = join(root, 'out', 'app');

/**
 * What the main process reads from node_modules by path at run time, by package. Everything else
 * it imports is inside the bundle.
 */
export const RUNTIME_FILES = {
  // The library database (main/store/sqlite.ts).
  'sql.js': ['dist/sql-wasm.wasm'],
  // The PDF report's font and its subsetter (main/export/report-font.ts).
  harfbuzzjs: ['dist/harfbuzz-subset.wasm'],
  '@expo-google-fonts/noto-sans-sc': [
    '400Regular/NotoSansSC_400Regular.ttf',
    '700Bold/NotoSansSC_700Bold.ttf',
  ],
  // main/extract/pdfjs.ts finds pdf.js's folder when it is imported. The app's main process
  // imports it only through the exporters' command-line path and parses no PDF (the renderer
  // does), so the package.json alone is staged, not pdf.js's worker, CMaps or fonts.
  'pdfjs-dist': [],
};

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

  // Files the main process finds through Node's resolver at run time, which looks in node_modules
  // beside the bundle first. (Beside it, not at the app's root: electron-builder never copies a
  // root node_modules folder it did not collect itself.) Each package keeps its package.json (its
  // "exports" decide what resolves) and its licence files.
  for (const [name, files] of Object.entries(RUNTIME_FILES)) {
    const from = join(root, 'node_modules', name);
    const to = join(app, 'main', 'node_modules', name);
    mkdirSync(to, { recursive: true });
    const licences = readdirSync(from).filter((f) => /^(licen[cs]e|copying|ofl)/i.test(f));
    for (const file of ['package.json', ...licences, ...files]) {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      cpSync(join(from, file), join(to, file));
    }
  }

  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const appPackage = {
    name: project.name,
    productName: 'ClaimLens',
    version: project.version,
    description: project.description,
    license: project.license,
    author: 'The ClaimLens authors',
    // Electron on Linux takes its window's app id from this: it matches the installed desktop
    // entry, so the dock groups the window under ClaimLens's icon.
    desktopName: 'claimlens.desktop',
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
