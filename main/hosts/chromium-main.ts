// Entry of the Chromium host (`npm start` where no Electron runtime can be had, and the UI
// tests): starts the services, opens the renderer in a system Chromium, and closes the library
// cleanly when the window closes.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { appDataDir } from './app-data';
import { startChromiumHost } from './chromium-host';
import { documentPaths } from '../open-files';
import { startServices } from './services';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    renderer: { type: 'string' },
    chromium: { type: 'string' },
    library: { type: 'string' },
    headless: { type: 'boolean', default: false },
  },
});
if (values.renderer === undefined || values.chromium === undefined) {
  process.stderr.write(
    'chromium-main needs --renderer DIR and --chromium PATH (npm start passes them).\n',
  );
  process.exit(2);
}

const dataDir = appDataDir();
const log = (message: string): void => {
  process.stderr.write(`claimlens: ${message}\n`);
};
const services = await startServices({
  libraryDir: values.library ?? join(dataDir, 'library'),
  host: 'chromium',
  // `npm start -- brochure.pdf` opens that document.
  open: documentPaths(positionals, process.cwd()),
  log,
  // A system browser window has no safe way to ask first, so links are not opened from here.
  openExternal: () => Promise.resolve(false),
});
const host = await startChromiumHost({
  executablePath: values.chromium,
  rendererDir: values.renderer,
  profileDir: join(dataDir, 'chromium-profile'),
  handlers: services.handlers,
  readOriginal: (sha256) => services.store.readOriginal(sha256),
  headless: values.headless,
  log,
}).catch(async (error: unknown) => {
  await services.close();
  const reason = (error as Error).message.split('\n')[0] ?? '';
  process.stderr.write(
    `Chromium could not open the ClaimLens window (${values.chromium}): ${reason}\n` +
      'If there is no display, run:  xvfb-run npm start   or use the command line:  npx claimlens analyse PATH\n',
  );
  process.exit(1);
});
process.stderr.write(
  `ClaimLens is open (library: ${values.library ?? join(dataDir, 'library')}).\n`,
);

let closing = false;
const shutdown = async (): Promise<void> => {
  if (closing) return;
  closing = true;
  await host.close().catch(() => undefined);
  await services.close();
  process.exit(0);
};
host.page.on('close', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
