// `npm run dist:check`: packages the app the way the installers do (electron-builder.yml, `dir`
// target for Linux x64), with no network, against a stand-in for the Electron runtime, which cannot
// be downloaded on an offline machine. What lands in app.asar is then the same as in a real
// installer; test/main/packaging.test.ts lists it and checks it. The stand-in is a shell script
// that says what it is and carries a fuse wire laid out as Electron's binary carries it, so
// electron-builder's electronFuses step flips real fuse bytes that can be read back.
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stageApp } from './stage-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_CHECK_DIR = join(root, 'out', 'dist-check');
export const STANDIN_DIR = join(DIST_CHECK_DIR, 'electron-standin');
export const OUTPUT_DIR = join(DIST_CHECK_DIR, 'output');
export const UNPACKED_DIR = join(OUTPUT_DIR, 'linux-unpacked');
export const EXECUTABLE = join(UNPACKED_DIR, 'claimlens');
export const APP_ASAR = join(UNPACKED_DIR, 'resources', 'app.asar');
/** The Linux desktop entry the AppImage and deb targets would install (the dir target has none). */
export const DESKTOP_ENTRY = join(OUTPUT_DIR, 'claimlens.desktop');

/** The fuse sentinel and wire of Electron's binary (@electron/fuses reads and writes this). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron 45's default fuses, in @electron/fuses' order: runAsNode on, cookie encryption off,
 * NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, browser V8 snapshot off,
 * file:// privileges on, WebAssembly trap handlers on.
 */
export const STANDIN_DEFAULT_WIRE = '101100011';

/** Writes the stand-in runtime folder; returns its path. */
export function prepareStandin() {
  const electronVersion = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8'),
  ).version;
  rmSync(STANDIN_DIR, { recursive: true, force: true });
  mkdirSync(STANDIN_DIR, { recursive: true });
  const wire = `${FUSE_SENTINEL}\x01${String.fromCharCode(STANDIN_DEFAULT_WIRE.length)}${STANDIN_DEFAULT_WIRE}`;
  const script = [
    '#!/bin/sh',
    `# Stand-in for the Electron ${electronVersion} runtime, made by npm run dist:check to check`,
    '# packaging on a machine that cannot download Electron. It cannot run the app.',
    `# fuse wire: ${wire}`,
    'echo "This ClaimLens build was packaged against a stand-in for Electron (npm run dist:check) and cannot run. Build on a machine with internet access: npm run dist." >&2',
    'exit 1',
    '',
  ].join('\n');
  writeFileSync(join(STANDIN_DIR, 'electron'), script, 'latin1');
  chmodSync(join(STANDIN_DIR, 'electron'), 0o755);
  writeFileSync(join(STANDIN_DIR, 'version'), `${electronVersion}\n`);
  writeFileSync(
    join(STANDIN_DIR, 'LICENSE'),
    "Stand-in for the Electron runtime (npm run dist:check); a real build carries Electron's MIT license here.\n",
  );
  mkdirSync(join(STANDIN_DIR, 'resources'), { recursive: true });
  return { dir: STANDIN_DIR, electronVersion };
}

/**
 * Makes any TCP connection or DNS lookup in this process fail loudly, so a download that
 * electron-builder attempts shows up as an error instead of passing on a machine that happens
 * to be online.
 */
export function forbidNetwork() {
  const refuse = (what) => {
    throw new Error(`dist:check must not use the network, but electron-builder tried to ${what}.`);
  };
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    // net.connect() passes its arguments on as one array; sockets may also be called directly.
    const options = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (typeof options === 'string' || (typeof options === 'object' && options?.path)) {
      return connect.apply(this, args); // a local socket or pipe, not the network
    }
    const target =
      typeof options === 'object' && options !== null
        ? `${options.host ?? 'localhost'}:${options.port}`
        : String(options);
    return refuse(`connect to ${target}`);
  };
  dns.lookup = (host) => refuse(`look up ${host}`);
  dns.promises.lookup = (host) => refuse(`look up ${host}`);
  // ES modules that import { lookup } from 'node:dns' see the patched function too.
  syncBuiltinESMExports();
}

/** Stages the app and packages it into out/dist-check/output/linux-unpacked. */
export async function distCheck() {
  forbidNetwork();
  const app = await stageApp();
  const standin = prepareStandin();
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  process.env.ELECTRON_BUILDER_OFFLINE = 'true';
  process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  const { build, Platform, Arch } = await import('electron-builder');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      // electron-builder's own code for the AppImage and deb desktop entry, written out so the
      // test can see the PDF association and launch line that Linux installs would carry.
      afterPack: async ({ packager }) => {
        const helperPath = 'app-builder-lib/out/targets/LinuxTargetHelper.js';
        const { LinuxTargetHelper } = createRequire(import.meta.url)(helperPath);
        const helper = new LinuxTargetHelper(packager);
        const entry = await helper.computeDesktopEntry(packager.platformSpecificBuildOptions);
        writeFileSync(DESKTOP_ENTRY, entry);
      },
      electronDist: standin.dir,
      electronVersion: standin.electronVersion,
      directories: { output: relative(root, OUTPUT_DIR) },
    },
  });
  return { app, asar: APP_ASAR, size: statSync(APP_ASAR).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { asar, size } = await distCheck();
  // --json: one line for test/main/packaging.test.ts, after electron-builder's own log.
  if (process.argv.includes('--json')) {
    const paths = {
      unpacked: UNPACKED_DIR,
      executable: EXECUTABLE,
      asar,
      standin: STANDIN_DIR,
      desktopEntry: DESKTOP_ENTRY,
    };
    process.stdout.write(
      `${JSON.stringify({ ...paths, size, defaultWire: STANDIN_DEFAULT_WIRE })}\n`,
    );
  }
  process.stdout.write(
    `packaged ${relative(process.cwd(), UNPACKED_DIR)}; app.asar is ${(size / 1024 / 1024).toFixed(2)} MiB (${relative(process.cwd(), asar)})\n`,
  );
}
