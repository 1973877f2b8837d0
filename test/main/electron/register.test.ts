// Every contract channel has exactly one ipcMain handler, each checks the sending frame first,
// and nothing outside the contract is registered.
import type { BrowserWindow as ElectronWindow, WebFrameMain } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../../shared/ipc/contract';
import type { Handlers } from '../../../main/ipc/dispatch';
import { registerIpc } from '../../../main/ipc/register';
import { isAppMainFrame } from '../../../main/security/window';
import { BrowserWindow, FakeFrame, ipcMain } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type Invoke = (event: { senderFrame: FakeFrame | null }, req?: unknown) => Promise<unknown>;

const handlers = Object.fromEntries(
  CHANNELS.map((channel) => [channel, vi.fn(() => Promise.resolve(`${channel} done`))]),
) as unknown as Handlers & Record<Channel, ReturnType<typeof vi.fn>>;
const window = new BrowserWindow({});
const onSuccess = vi.fn();
const log = vi.fn();

registerIpc(ipcMain, {
  handlers,
  isTrustedSender: (frame: WebFrameMain | null) =>
    isAppMainFrame(frame, window as unknown as ElectronWindow),
  log,
  onSuccess,
});

const invoke = (channel: string, senderFrame: FakeFrame | null, req?: unknown) => {
  const handler = ipcMain.handlers.get(channel) as Invoke | undefined;
  if (handler === undefined) throw new Error(`nothing handles ${channel}`);
  return handler({ senderFrame }, req);
};
const forbidden = {
  ok: false,
  code: 'FORBIDDEN',
  message: 'Only the ClaimLens window may call ClaimLens.',
};

beforeEach(() => {
  for (const fn of Object.values(handlers)) fn.mockClear();
  onSuccess.mockClear();
});

describe('registerIpc', () => {
  it('registers each contract channel exactly once, and nothing else', () => {
    expect(ipcMain.registered).toStrictEqual(CHANNELS);
    expect([...ipcMain.handlers.keys()].sort()).toStrictEqual([...CHANNELS].sort());
  });

  it('has no generic channel and nothing for a name outside the contract', () => {
    for (const channel of [
      'invoke',
      'claimlens:invoke',
      'menu:command',
      'library:delete',
      'fs:read',
    ]) {
      expect(ipcMain.handlers.has(channel), channel).toBe(false);
    }
  });

  it.each(CHANNELS)('%s refuses a caller with no frame and a foreign frame', async (channel) => {
    expect(await invoke(channel, null, {})).toStrictEqual(forbidden);
    expect(
      await invoke(channel, new FakeFrame('https://evil.example/', null, 9, 9), {}),
    ).toStrictEqual(forbidden);
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('refuses a subframe of the window, and the window once it shows something else', async () => {
    const main = window.webContents.mainFrame;
    expect(
      await invoke('library:list', new FakeFrame('claimlens://app/', main, 7, 5), {}),
    ).toStrictEqual(forbidden);
    main.url = 'data:text/html,hello';
    expect(await invoke('library:list', main, {})).toStrictEqual(forbidden);
    main.url = 'claimlens://app/';
    expect(handlers['library:list']).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('refused library:list from data:text/html,hello');
  });

  it("answers the window's main frame with the handler's result", async () => {
    const main = window.webContents.mainFrame;
    expect(await invoke('app:info', main, {})).toStrictEqual({ ok: true, value: 'app:info done' });
    const sha256 = 'a'.repeat(64);
    expect(await invoke('document:get', main, { sha256 })).toStrictEqual({
      ok: true,
      value: 'document:get done',
    });
    expect(handlers['document:get']).toHaveBeenCalledWith({ sha256 });
    expect(onSuccess.mock.calls).toStrictEqual([['app:info'], ['document:get']]);
  });

  it("parses the request with the contract's schema before any handler runs", async () => {
    const main = window.webContents.mainFrame;
    const result = await invoke('document:get', main, { sha256: '../../etc/passwd' });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(await invoke('app:info', main, { extra: true })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    });
    expect(handlers['document:get']).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
  });
});
