// The one window's security settings, each written out, and the test that a caller is its main
// frame showing the app.
import type { BrowserWindow as ElectronWindow, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  createMainWindow,
  isAppMainFrame,
  secureWebPreferences,
} from '../../../main/security/window';
import { BrowserWindow, FakeFrame } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const asFrame = (frame: FakeFrame | null) => frame as unknown as WebFrameMain | null;
const asWindow = (window: BrowserWindow) => window as unknown as ElectronWindow;

describe('the window', () => {
  it('writes every security setting out as a literal', () => {
    expect(secureWebPreferences('/app/preload.cjs', false)).toStrictEqual({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      plugins: false,
      enableWebSQL: false,
      webgl: false,
      disableDialogs: true,
      devTools: false,
    });
  });

  it('sets no Blink feature, partition or other session, and allows DevTools only in development', () => {
    const prefs = secureWebPreferences('/p.cjs', true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('partition');
    expect(prefs).not.toHaveProperty('session');
    expect(prefs.devTools).toBe(true);
  });

  it('creates the window hidden until painted, with those settings and the remembered bounds', () => {
    const window = createMainWindow({
      preload: '/app/preload.cjs',
      development: false,
      bounds: { x: 40, y: 50, width: 900, height: 700, maximized: true },
    }) as unknown as BrowserWindow;
    expect(window.options).toMatchObject({ x: 40, y: 50, width: 900, height: 700, show: false });
    expect(window.options.webPreferences).toStrictEqual(
      secureWebPreferences('/app/preload.cjs', false),
    );
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
  });

  it('lets the system place a window with no remembered position', () => {
    const window = createMainWindow({
      preload: '/p.cjs',
      development: false,
      bounds: { width: 900, height: 700, maximized: false },
    }) as unknown as BrowserWindow;
    expect(window.options).not.toHaveProperty('x');
    expect(window.options).not.toHaveProperty('y');
  });
});

describe('isAppMainFrame', () => {
  const window = new BrowserWindow({});
  const main = window.webContents.mainFrame;

  it('accepts the window main frame showing the app', () => {
    expect(isAppMainFrame(asFrame(main), asWindow(window))).toBe(true);
    main.url = `${APP_ENTRY_URL}index.html`;
    expect(isAppMainFrame(asFrame(main), asWindow(window))).toBe(true);
  });

  it('accepts a fresh wrapper of the same frame', () => {
    const same = new FakeFrame(APP_ENTRY_URL, null, main.processId, main.routingId);
    expect(isAppMainFrame(asFrame(same), asWindow(window))).toBe(true);
  });

  it('refuses a missing frame, a subframe, another frame and another origin', () => {
    expect(isAppMainFrame(null, asWindow(window))).toBe(false);
    expect(
      isAppMainFrame(asFrame(new FakeFrame(APP_ENTRY_URL, main, 7, 2)), asWindow(window)),
    ).toBe(false);
    expect(
      isAppMainFrame(asFrame(new FakeFrame(APP_ENTRY_URL, null, 8, 1)), asWindow(window)),
    ).toBe(false);
    for (const url of [
      'https://example.com/',
      'claimlens://app.evil/',
      'claimlens://other/',
      'file:///etc/passwd',
      '',
    ]) {
      expect(isAppMainFrame(asFrame(new FakeFrame(url, null, 7, 1)), asWindow(window))).toBe(false);
    }
  });

  it('refuses everything once the window is gone', () => {
    expect(isAppMainFrame(asFrame(main), null)).toBe(false);
    window.destroyed = true;
    expect(isAppMainFrame(asFrame(main), asWindow(window))).toBe(false);
  });
});
