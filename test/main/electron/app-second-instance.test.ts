// A second launch does not get the single-instance lock: it quits without opening the library
// or a window (the first instance focuses its own window, see app.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, ipcMain } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../main/hosts/services', () => ({
  startServices: () => {
    started.count += 1;
    return Promise.reject(new Error('a second instance must not open the library'));
  },
}));

const root = mkdtempSync(join(tmpdir(), 'claimlens-second-'));
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('a second launch', () => {
  it('quits at once, opening neither the library nor a window', async () => {
    vi.stubEnv('XDG_CONFIG_HOME', root);
    app.hasLock = false;
    await import('../../../main/app');
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.calls).toContain('quit');
    expect(started.count).toBe(0);
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.registered).toHaveLength(0);
  });
});
