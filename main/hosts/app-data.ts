// Where the app keeps its library and settings: the same folder Electron calls userData, so
// the Electron app and the Chromium host open the same library.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'ClaimLens';

export function appDataDir(): string {
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
