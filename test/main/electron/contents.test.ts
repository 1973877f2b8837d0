// Every webContents refuses navigation, redirects, new windows, <webview> and device choosers;
// a packaged app closes DevTools.
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenContents } from '../../../main/security/contents';
import { fakeEvent, FakeSession, FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

function hardened(development = false) {
  const contents = new FakeWebContents(new FakeSession());
  const log = vi.fn();
  hardenContents(contents as unknown as WebContents, { development, log });
  return { contents, log };
}

describe('hardenContents', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///home/user/brochure.pdf',
    'claimlens://app/other.html',
    'data:text/html,<p>hi</p>',
    'javascript:alert(1)',
  ])('refuses navigation to %s', (url) => {
    const { contents, log } = hardened();
    for (const [name, isMainFrame] of [
      ['will-navigate', true],
      ['will-frame-navigate', false],
      ['will-redirect', true],
    ] as const) {
      const event = fakeEvent({ url, isSameDocument: false, isMainFrame });
      contents.emit(name, event);
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(log).toHaveBeenCalledTimes(3);
  });

  it('refuses a file dropped on the window, which arrives as a navigation to file:', () => {
    const { contents } = hardened();
    const drop = fakeEvent({ url: 'file:///tmp/dropped.pdf', isSameDocument: false });
    contents.emit('will-navigate', drop);
    expect(drop.defaultPrevented).toBe(true);
  });

  it('lets a #fragment jump within the app happen, but not one elsewhere', () => {
    const { contents } = hardened();
    const inApp = fakeEvent({ url: 'claimlens://app/#notes', isSameDocument: true });
    contents.emit('will-navigate', inApp);
    expect(inApp.defaultPrevented).toBe(false);
    const away = fakeEvent({ url: 'https://example.com/#x', isSameDocument: true });
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
  });

  it('refuses redirects, even to the app', () => {
    const { contents } = hardened();
    const event = fakeEvent({ url: 'claimlens://app/', isSameDocument: false });
    contents.emit('will-redirect', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window', () => {
    const { contents } = hardened();
    for (const url of ['https://example.com/', 'claimlens://app/', 'about:blank', '']) {
      expect(contents.windowOpenHandler?.({ url })).toStrictEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = hardened();
    const event = fakeEvent({});
    contents.emit(
      'will-attach-webview',
      event,
      { nodeIntegration: true },
      { src: 'https://example.com/' },
    );
    expect(event.defaultPrevented).toBe(true);
  });

  it('picks no Bluetooth device', () => {
    const { contents } = hardened();
    const event = fakeEvent({});
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'x', deviceName: 'y' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });

  it('closes DevTools in a packaged app, and leaves them to a developer', () => {
    const packaged = hardened(false).contents;
    packaged.emit('devtools-opened');
    expect(packaged.closeDevTools).toHaveBeenCalled();
    const development = hardened(true).contents;
    development.emit('devtools-opened');
    expect(development.closeDevTools).not.toHaveBeenCalled();
  });
});
