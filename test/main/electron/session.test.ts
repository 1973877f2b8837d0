// Session-wide refusals: permissions, devices, downloads, every request off the app's scheme,
// and file: answering 403.
import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applySessionPolicy, isAllowedRequest } from '../../../main/security/session';
import { fakeEvent, FakeSession } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

function secured(development = false) {
  const ses = new FakeSession();
  const log = vi.fn();
  applySessionPolicy(ses as unknown as Session, { development, log });
  return { ses, log };
}

describe('applySessionPolicy', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'fullscreen',
    'openExternal',
    'unknown',
  ])('denies the permission request "%s"', (permission) => {
    const { ses } = secured();
    const callback = vi.fn();
    (ses.permissionRequestHandler as (...args: unknown[]) => void)({}, permission, callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check and device permission with no', () => {
    const { ses } = secured();
    const check = ses.permissionCheckHandler as (...args: unknown[]) => boolean;
    for (const permission of ['media', 'clipboard-sanitized-write', 'hid', 'serial', 'usb']) {
      expect(check(null, permission, 'claimlens://app', {})).toBe(false);
    }
    expect((ses.devicePermissionHandler as (d: unknown) => boolean)({ deviceType: 'hid' })).toBe(
      false,
    );
  });

  it('chooses no HID, serial or USB device', () => {
    const { ses } = secured();
    for (const [name, args] of [
      ['select-hid-device', [{}]],
      ['select-serial-port', [[], {}]],
      ['select-usb-device', [{}]],
    ] as const) {
      const event = fakeEvent({});
      const callback = vi.fn();
      ses.emit(name, event, ...args, callback);
      expect(event.defaultPrevented, name).toBe(true);
      expect(callback, name).toHaveBeenCalledOnce();
      expect(callback.mock.calls[0]?.[0] ?? '', name).toBeFalsy();
    }
  });

  it('refuses downloads and turns the spellchecker (which downloads dictionaries) off', () => {
    const { ses } = secured();
    const event = fakeEvent({});
    ses.emit('will-download', event, { getURL: () => 'https://example.com/x.exe' });
    expect(event.defaultPrevented).toBe(true);
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels every network request and lets the app load its own files', () => {
    const { ses, log } = secured();
    const decide = (url: string, resourceType = 'xhr') => {
      const callback = vi.fn();
      (ses.beforeRequest as (...args: unknown[]) => void)({ url, resourceType }, callback);
      return callback.mock.calls[0]?.[0] as { cancel: boolean };
    };
    expect(decide('claimlens://app/', 'mainFrame')).toStrictEqual({ cancel: false });
    expect(decide('claimlens://app/assets/index.js', 'script')).toStrictEqual({ cancel: false });
    for (const url of [
      'https://example.com/track.gif',
      'http://localhost:3000/',
      'wss://example.com/socket',
      'ftp://example.com/',
      'file:///etc/passwd',
      'chrome://gpu',
      'devtools://devtools/bundled/inspector.html',
      'claimlens://other/',
      'not a url',
    ]) {
      expect(decide(url), url).toStrictEqual({ cancel: true });
    }
    expect(log).toHaveBeenCalledWith('refused a request for https://example.com/track.gif');
  });

  it('serves file: with a 403, whatever the path', async () => {
    const { ses } = secured();
    const handler = ses.protocolHandlers.get('file');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('file:///etc/passwd'));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('isAllowedRequest', () => {
  it("allows data: and the app's own blob: URLs for subresources only", () => {
    expect(
      isAllowedRequest({ url: 'data:image/png;base64,AAAA', resourceType: 'image' }, false),
    ).toBe(true);
    expect(
      isAllowedRequest({ url: 'blob:claimlens://app/1234', resourceType: 'other' }, false),
    ).toBe(true);
    expect(isAllowedRequest({ url: 'data:text/html,x', resourceType: 'mainFrame' }, false)).toBe(
      false,
    );
    expect(isAllowedRequest({ url: 'data:text/html,x', resourceType: 'subFrame' }, false)).toBe(
      false,
    );
    expect(
      isAllowedRequest({ url: 'blob:claimlens://app/1234', resourceType: 'subFrame' }, false),
    ).toBe(false);
    expect(
      isAllowedRequest({ url: 'blob:https://example.com/1234', resourceType: 'other' }, false),
    ).toBe(false);
  });

  it('lets only fetch() read a stored original, never a page, frame or image', () => {
    const url = `claimlens://app/originals/${'a'.repeat(64)}`;
    expect(isAllowedRequest({ url, resourceType: 'xhr' }, false)).toBe(true);
    for (const resourceType of [
      'mainFrame',
      'subFrame',
      'image',
      'object',
      'media',
      'other',
    ] as const) {
      expect(isAllowedRequest({ url, resourceType }, false), resourceType).toBe(false);
    }
  });

  it('lets DevTools load only in development', () => {
    const devtools = {
      url: 'devtools://devtools/bundled/inspector.html',
      resourceType: 'mainFrame',
    } as const;
    expect(isAllowedRequest(devtools, false)).toBe(false);
    expect(isAllowedRequest(devtools, true)).toBe(true);
    expect(isAllowedRequest({ url: 'https://example.com/', resourceType: 'xhr' }, true)).toBe(
      false,
    );
  });

  it("refuses a path that climbs out of the app's folder", () => {
    expect(
      isAllowedRequest({ url: 'claimlens://app/..%2fsecret', resourceType: 'xhr' }, false),
    ).toBe(false);
  });
});
