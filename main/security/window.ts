// The one window: its webPreferences written out as literals (Electron's security checklist, so
// a review sees every setting without knowing Electron's defaults), and the test that a caller
// is that window's main frame showing the app.
import { BrowserWindow, type WebFrameMain, type WebPreferences } from 'electron';
import { PRODUCT_NAME } from '../hosts/app-data';
import type { WindowBounds } from '../window-state';
import { ELECTRON_ORIGIN } from './policy';

/** Where the window starts: the renderer's index.html on the app's own scheme. */
export const APP_ENTRY_URL = `${ELECTRON_ORIGIN}/`;

export function secureWebPreferences(preload: string, development: boolean): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped outside the drop zone must not replace the app with the file.
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries; the app is offline.
    spellcheck: false,
    plugins: false,
    enableWebSQL: false,
    // pdf.js draws with 2D canvas; WebGL is attack surface the app does not use.
    webgl: false,
    // The app uses its own dialogs; alert()/confirm() from anywhere else are ignored.
    disableDialogs: true,
    devTools: development,
  };
}

export interface MainWindowOptions {
  readonly preload: string;
  readonly development: boolean;
  readonly bounds: WindowBounds;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { bounds } = options;
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 640,
    minHeight: 420,
    // Shown once the first paint is ready, so the user never sees a blank white frame.
    show: false,
    webPreferences: secureWebPreferences(options.preload, options.development),
  });
  window.once('ready-to-show', () => {
    if (bounds.maximized) window.maximize();
    window.show();
  });
  return window;
}

/**
 * Whether an IPC caller is the main frame of `window`, showing the app. WebFrameMain objects are
 * normally the same object for the same frame; process and routing ids are compared as well so
 * a fresh wrapper of the same frame is not refused.
 */
export function isAppMainFrame(frame: WebFrameMain | null, window: BrowserWindow | null): boolean {
  if (frame === null || window === null || window.isDestroyed()) return false;
  const main = window.webContents.mainFrame;
  const same =
    frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  return same && frame.parent === null && frame.url.startsWith(APP_ENTRY_URL);
}
