// Stages the desktop app for electron-builder: the Electron main process, its preload and the
// renderer, copied from their fresh builds into out/app/, the folder package.json's "main" and
// electron-builder.yml's `files:` name (build folders carry a fingerprint; this one does not).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const app = join(root, 'out', 'app');
const [desktop, renderer] = await Promise.all([ensureBuilt('desktop'), ensureBuilt('renderer')]);

rmSync(app, { recursive: true, force: true });
mkdirSync(join(app, 'main'), { recursive: true });
// main/app.ts finds its preload beside itself and the renderer in ../renderer.
for (const file of ['electron-main.mjs', 'preload.cjs']) {
  cpSync(join(desktop, file), join(app, 'main', file));
}
cpSync(renderer, join(app, 'renderer'), {
  recursive: true,
  filter: (path) => !path.endsWith('.complete'),
});
process.stdout.write(`staged the desktop app in ${app}\n`);
