// `npm start`: builds what is stale, then runs the Electron app where its runtime is installed or
// can be fetched; otherwise opens the same app in a system Chromium (the Chromium host) and says
// so; with no display at all, says how to run it and how to use the command line instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureModernNode } from '../toolchain/modern-node.mjs';

ensureModernNode(import.meta.url);
const require = createRequire(import.meta.url);
const say = (text) => process.stderr.write(`${text}\n`);

const { ensureBuilt } = await import('../toolchain/build.mjs');
say('Building ClaimLens (only what changed)...');
const [desktop, renderer] = await Promise.all([ensureBuilt('desktop'), ensureBuilt('renderer')]);
const args = process.argv.slice(2);

const electron = electronRuntime();
if (electron !== null) {
  run(electron, [join(desktop, 'electron-main.mjs'), ...args], {
    CLAIMLENS_RENDERER_DIR: renderer,
  });
} else {
  if (!hasDisplay() && !args.includes('--headless')) {
    say(
      'ClaimLens needs a display to open its window, and there is none here.\n' +
        '  - On a server, run it under a virtual display:  xvfb-run npm start\n' +
        '  - Or use the command line:  npx claimlens analyse PATH  (see README.md, "Command line")',
    );
    process.exit(1);
  }
  const chromium = findChromium();
  if (chromium === null) {
    say(
      "Electron's runtime is not installed and could not be downloaded, and no Chromium or Chrome was found.\n" +
        'Install one (Debian: apt-get install chromium) or set CLAIMLENS_CHROMIUM to its path, or use\n' +
        'the command line:  npx claimlens analyse PATH',
    );
    process.exit(1);
  }
  say(
    "Electron's runtime is not installed and could not be downloaded (this machine may be offline).\n" +
      `Opening ClaimLens in Chromium instead (${chromium}), with the same app and library.`,
  );
  run(
    process.execPath,
    [join(desktop, 'chromium-main.mjs'), '--renderer', renderer, '--chromium', chromium, ...args],
    {},
  );
}

/** The Electron binary, downloading it once if it is missing and the network allows. */
function electronRuntime() {
  // Read the package's own record of its binary: require('electron') would start a noisy
  // download attempt of its own when the runtime is missing.
  const root = dirname(require.resolve('electron/package.json'));
  const installed = () => {
    const record = join(root, 'path.txt');
    if (!existsSync(record)) return null;
    const binary = join(root, 'dist', readFileSync(record, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  if (installed() !== null || process.env.CLAIMLENS_NO_ELECTRON === '1') return installed();
  say(
    "Electron's runtime is not installed (npm ci skips install scripts); trying to download it...",
  );
  const download = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return download.status === 0 ? installed() : null;
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function findChromium() {
  const candidates = [
    process.env.CLAIMLENS_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
}
