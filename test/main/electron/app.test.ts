// The composition root with a mocked Electron and mocked services: security installed before the
// window exists, every channel answered for the window and refused to others, one window on the
// app's scheme, a second launch focusing it and opening what it names (refusing, in a message box,
// what ClaimLens does not read), and the library closed on quit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, MENU_CHANNEL } from '../../../shared/ipc/contract';
import type { ServiceOptions } from '../../../main/hosts/services';
import {
  app,
  BrowserWindow,
  dialog,
  fakeEvent,
  FakeFrame,
  ipcMain,
  Menu,
  protocol,
  session,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const services = vi.hoisted(() => ({
  options: [] as unknown[],
  close: { calls: 0 },
  imported: [] as string[],
}));
vi.mock('../../../main/hosts/services', () => ({
  startServices: (options: ServiceOptions) => {
    services.options.push(options);
    return Promise.resolve({
      store: {
        list: () => [],
        importDocument: (fileName: string) => {
          services.imported.push(fileName);
          return Promise.resolve({ meta: { sha256: 'a'.repeat(64) } });
        },
      },
      handlers: Object.fromEntries(
        CHANNELS.map((channel) => [channel, () => Promise.resolve(`${channel} done`)]),
      ),
      openRefused: ['price-list.zip: ClaimLens reads PDF, Word (.docx), ...'],
      close: () => {
        services.close.calls += 1;
        return Promise.resolve();
      },
    });
  },
}));

const root = mkdtempSync(join(tmpdir(), 'claimlens-app-'));
const rendererDir = join(root, 'renderer');
let window: BrowserWindow;
let startBox: unknown[] | undefined;

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ClaimLens</title>');
  // app-data.ts puts userData here on Linux; nothing is written to the real home folder.
  vi.stubEnv('XDG_CONFIG_HOME', join(root, 'config'));
  vi.stubEnv('CLAIMLENS_RENDERER_DIR', rendererDir);
  await import('../../../main/app');
  await vi.waitFor(() => {
    expect(BrowserWindow.instances[0]?.loaded).toHaveLength(1);
  });
  window = BrowserWindow.instances[0]!;
  // Mocks' calls are cleared before each test: the message box shown at start is kept here.
  await vi.waitFor(() => {
    expect(dialog.showMessageBox).toHaveBeenCalled();
  });
  startBox = dialog.showMessageBox.mock.calls[0];
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('the Electron app', () => {
  it('sandboxes every renderer and registers its scheme before it is ready', () => {
    expect(protocol.privileged).toHaveLength(1);
    const ready = app.calls.indexOf('whenReady');
    expect(app.calls.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(app.calls.indexOf('enableSandbox')).toBeLessThan(ready);
    expect(app.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(ready);
  });

  it('keeps one instance, with its library in userData', () => {
    expect(app.calls).toContain('requestSingleInstanceLock');
    expect(app.getPath('userData')).toBe(join(root, 'config', 'ClaimLens'));
    expect(services.options).toHaveLength(1);
    expect(services.options[0]).toMatchObject({
      libraryDir: join(root, 'config', 'ClaimLens', 'library'),
      host: 'electron',
    });
  });

  it('opens one window on the app scheme, with its preload beside the main bundle', () => {
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(window.loaded).toStrictEqual(['claimlens://app/']);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('hardens the window webContents and the session it uses', async () => {
    const navigation = fakeEvent({ url: 'https://example.com/', isSameDocument: false });
    window.webContents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toStrictEqual({
      action: 'deny',
    });
    const ses = session.defaultSession;
    expect(ses.permissionRequestHandler).not.toBeNull();
    expect(ses.beforeRequest).not.toBeNull();
    const file = await ses.protocolHandlers.get('file')!(new Request('file:///etc/passwd'));
    expect(file.status).toBe(403);
    const index = await ses.protocolHandlers.get('claimlens')!(new Request('claimlens://app/'));
    expect(await index.text()).toContain('<title>ClaimLens</title>');
  });

  it('answers the window and refuses anyone else on every channel', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toStrictEqual([...CHANNELS].sort());
    const call = (frame: FakeFrame | null) =>
      (ipcMain.handlers.get('library:list') as (e: unknown, r: unknown) => Promise<unknown>)(
        { senderFrame: frame },
        {},
      );
    expect(await call(window.webContents.mainFrame)).toStrictEqual({
      ok: true,
      value: 'library:list done',
    });
    expect(await call(null)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(new FakeFrame('claimlens://app/', null, 99, 99))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('sets the native menu', () => {
    expect(Menu.applied).toHaveLength(1);
  });

  it('focuses the window when launched a second time', () => {
    window.minimized = true;
    app.emit('second-instance', fakeEvent({}), ['claimlens'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('opens a PDF given to a second launch: imported into the library, then shown', async () => {
    const pdf = join(root, 'Brochure 2024.pdf');
    writeFileSync(pdf, '%PDF-1.7\n');
    app.emit('second-instance', fakeEvent({}), ['claimlens', '--flag', 'Brochure 2024.pdf'], root);
    await vi.waitFor(() => {
      expect(window.webContents.sent).toContainEqual([
        MENU_CHANNEL,
        { command: 'open-recent', sha256: 'a'.repeat(64) },
      ]);
    });
    expect(services.imported).toEqual(['Brochure 2024.pdf']);
  });

  it('says in a message box which files given at start were not opened', () => {
    expect(startBox).toEqual([
      window,
      expect.objectContaining({
        type: 'warning',
        message: 'ClaimLens could not open a file',
        detail: 'price-list.zip: ClaimLens reads PDF, Word (.docx), ...',
      }),
    ]);
  });

  it('opens what a second launch gives that ClaimLens reads, and refuses the rest in words', async () => {
    writeFileSync(join(root, 'scan.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a));
    writeFileSync(join(root, 'logo.gif'), 'GIF89a');
    services.imported.length = 0;
    app.emit('second-instance', fakeEvent({}), ['claimlens', 'logo.gif', 'scan.png'], root);
    await vi.waitFor(() => {
      expect(dialog.showMessageBox).toHaveBeenCalledOnce();
    });
    expect(services.imported).toEqual(['scan.png']);
    const options = dialog.showMessageBox.mock.calls[0]?.[1] as { message: string; detail: string };
    expect(options.message).toBe('ClaimLens could not open a file');
    expect(options.detail).toBe(
      'logo.gif: ClaimLens reads PDF, Word (.docx), saved web pages (.html), PNG and JPEG ' +
        'images and plain text; this is a GIF image.',
    );
  });

  it('quits when the window closes, after closing the library once', async () => {
    const quits = () => app.calls.filter((call) => call === 'quit').length;
    app.emit('window-all-closed');
    expect(quits()).toBe(1);
    const quitting = fakeEvent({});
    app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => {
      expect(quits()).toBe(2);
    });
    expect(services.close.calls).toBe(1);
    const again = fakeEvent({});
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(dialog.errors).toStrictEqual([]);
  });
});
