// Refusals for every webContents Electron creates (the window, and anything that might slip
// past it): no navigation or redirect away, no new window, no <webview>, no Bluetooth chooser,
// and in a packaged app no DevTools.
import type { WebContents } from 'electron';
import { appFilePath, ELECTRON_ORIGIN } from './policy';

export interface ContentsPolicyOptions {
  readonly development: boolean;
  readonly log: (message: string) => void;
}

/** A jump within the page the app already shows (a #fragment) is not leaving it. */
function staysInApp(url: string, isSameDocument: boolean): boolean {
  return isSameDocument && appFilePath(url, ELECTRON_ORIGIN) !== null;
}

export function hardenContents(contents: WebContents, options: ContentsPolicyOptions): void {
  const { log } = options;
  // The renderer is one page that never navigates: a link, a dropped file, a script setting
  // location, or a redirect all stop here, whichever frame starts them.
  contents.on('will-navigate', (event) => {
    if (staysInApp(event.url, event.isSameDocument)) return;
    event.preventDefault();
    log(`refused navigation to ${event.url}`);
  });
  // Subframes here (the main frame's navigations are also will-navigate, handled above).
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || staysInApp(event.url, event.isSameDocument)) return;
    event.preventDefault();
    log(`refused frame navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log(`refused a redirect to ${event.url}`);
  });
  // Links meant for the browser go through app:openExternal, which asks the user first.
  contents.setWindowOpenHandler(({ url }) => {
    log(`refused a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    log(`refused a <webview> for ${params.src ?? '(no src)'}`);
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  if (!options.development) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
    });
  }
}
