// The one way a link leaves the app: https only, shown to the user in a native dialog, and
// handed to the system browser only if they say so.
import { dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';

const MAX_URL_LENGTH = 2000;

/** The URL if it may be offered at all: https, no user name or password to disguise the host. */
export function externalUrl(url: URL | string): URL | null {
  const parsed = typeof url === 'string' ? URL.parse(url) : url;
  if (parsed?.protocol !== 'https:' || parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href.length <= MAX_URL_LENGTH ? parsed : null;
}

/** `openExternal(url)` for the services: resolves whether the link was opened. */
export function createOpenExternal(
  window: () => BrowserWindow | null,
  log: (message: string) => void,
): (url: URL | string) => Promise<boolean> {
  return async (url) => {
    const target = externalUrl(url);
    if (target === null) {
      log(`refused to open ${String(url).slice(0, 200)}`);
      return false;
    }
    const options: MessageBoxOptions = {
      type: 'question',
      title: 'Open link',
      message: `Open this link in your web browser?`,
      // The whole address, host first, so the user sees exactly where it goes.
      detail: `${target.host}\n\n${target.href}`,
      buttons: ['Open in Browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    const owner = window();
    const { response } =
      owner !== null && !owner.isDestroyed()
        ? await dialog.showMessageBox(owner, options)
        : await dialog.showMessageBox(options);
    if (response !== 0) return false;
    await shell.openExternal(target.href);
    return true;
  };
}
