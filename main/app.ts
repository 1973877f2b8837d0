// Electron's main process, the composition root: security before `ready`, then the library
// services, the app's scheme, the IPC handlers, the one window with its menus and remembered
// bounds, and a clean close of the library on quit.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, screen, session, type BrowserWindow } from 'electron';
import { saveWithDialog } from './export/save-dialog';
import { appDataDir } from './hosts/app-data';
import { startServices, type HostServices } from './hosts/services';
import { registerIpc } from './ipc/register';
import { installMenu, LIBRARY_CHANGES } from './menu';
import { documentPaths, importPaths } from './open-files';
import { installSecurity } from './security/install';
import { createOpenExternal } from './security/open-external';
import { serveApp } from './security/protocol';
import { APP_ENTRY_URL, createMainWindow, isAppMainFrame } from './security/window';
import { readWindowBounds, trackWindowBounds } from './window-state';

const here = dirname(fileURLToPath(import.meta.url));
const development = !app.isPackaged;
const log = (message: string): void => {
  process.stderr.write(`claimlens: ${message}\n`);
};
// `npm start` points at its fresh renderer build; a packaged app only ever serves its own copy.
const rendererDir =
  (development ? process.env.CLAIMLENS_RENDERER_DIR : undefined) ?? join(here, '..', 'renderer');

// The Chromium host's folder too, so both open one library; the single-instance lock lives here.
app.setPath('userData', appDataDir());
const secured = installSecurity({ development, log });
// macOS names files to open in events, from before `ready` on; they wait here until the library is open.
let openFile: (path: string) => void = (path) => {
  startFiles.push(path);
};
const startFiles: string[] = documentPaths(appArguments(process.argv), process.cwd());
app.on('open-file', (event, path) => {
  event.preventDefault();
  openFile(path);
});
if (app.requestSingleInstanceLock()) void start().catch(fail);
else app.quit();

async function start(): Promise<void> {
  let window: BrowserWindow | null = null;
  await secured;
  const libraryDir = join(app.getPath('userData'), 'library');
  const openExternal = createOpenExternal(() => window, log);
  const services = await startServices({
    libraryDir,
    host: 'electron',
    openExternal,
    open: startFiles,
    log,
    saveExport: saveWithDialog(
      dialog,
      () => window,
      () => app.getPath('downloads'),
    ),
  });
  closeOnQuit(services);
  // Served before the window exists, with the library open: the scheme also serves its originals.
  serveApp(session.defaultSession, {
    rendererDir,
    readOriginal: (sha256) => services.store.readOriginal(sha256),
    log,
  });
  const menu = installMenu({
    window: () => window,
    list: () => services.store.list(),
    development,
    libraryDir,
    log,
  });
  registerIpc(ipcMain, {
    handlers: services.handlers,
    isTrustedSender: (frame) => isAppMainFrame(frame, window),
    log,
    onSuccess: (channel) => {
      if (LIBRARY_CHANGES.has(channel)) menu.refresh();
    },
  });
  const boundsFile = join(app.getPath('userData'), 'window-state.json');
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const bounds = readWindowBounds(boundsFile, workAreas);
  window = createMainWindow({ preload: join(here, 'preload.cjs'), development, bounds });
  trackWindowBounds(window, boundsFile, log);
  window.on('closed', () => {
    window = null;
  });
  // A file opened while the app runs (a second launch with it, or macOS's open-file) is imported
  // and shown; the renderer reads it as it reads any document it opens. One it does not read is
  // refused in a message box that says why.
  const open = async (paths: readonly string[]): Promise<void> => {
    const { last, refused } = await importPaths(services.store, paths, log);
    showRefused(refused);
    if (last === null) return;
    menu.refresh();
    menu.send({ command: 'open-recent', sha256: last });
  };
  const showRefused = (refused: readonly string[]): void => {
    if (refused.length === 0 || window === null) return;
    void dialog.showMessageBox(window, {
      type: 'warning',
      message:
        refused.length === 1
          ? 'ClaimLens could not open a file'
          : `ClaimLens could not open ${refused.length} files`,
      detail: refused.join('\n\n'),
      buttons: ['OK'],
    });
  };
  openFile = (path) => void open([path]);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    void open(documentPaths(appArguments(argv), workingDirectory));
  });
  // One window is the whole app, on macOS too: closing it quits, and quitting closes the library.
  app.on('window-all-closed', () => {
    app.quit();
  });
  await window.loadURL(APP_ENTRY_URL);
  showRefused(services.openRefused);
}

/**
 * A command line's own arguments: after the executable, and after the entry script too when the
 * Electron runtime runs the app from a folder (`npm start`), where `process.defaultApp` is set.
 */
function appArguments(argv: readonly string[]): string[] {
  return argv.slice(process.defaultApp ? 2 : 1);
}

/** Holds the quit until the library has flushed and closed. */
function closeOnQuit(services: HostServices): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void services
      .close()
      .catch((error: unknown) => {
        log(`the library did not close cleanly: ${String(error)}`);
      })
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

function fail(error: unknown): void {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  dialog.showErrorBox(
    'ClaimLens could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
}
