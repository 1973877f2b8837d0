// The preload exposes exactly one object, `window.claimlens`: the contract's channels plus
// onMenuCommand, each a function; no ipcRenderer and no generic invoke.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  MENU_CHANNEL,
  type ClaimLensApi,
  type MenuEvent,
} from '../../../shared/ipc/contract';
import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

let api: ClaimLensApi;
beforeAll(async () => {
  await import('../../../main/preload/preload');
  api = contextBridge.exposed[0]?.[1] as ClaimLensApi;
});

describe('the preload', () => {
  it('exposes one object, window.claimlens', () => {
    expect(contextBridge.exposed.map(([key]) => key)).toStrictEqual(['claimlens']);
  });

  it("has exactly the contract's channels and onMenuCommand, all functions", () => {
    expect(Object.keys(api).sort()).toStrictEqual([...CHANNELS, 'onMenuCommand'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'require', 'process']) {
      expect(api, name).not.toHaveProperty(name);
    }
  });

  it('sends each method to its own channel with the request only', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [] });
    expect(await api['library:list']({})).toStrictEqual({ ok: true, value: [] });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('library:list', {});
    const data = new Uint8Array([37, 80, 68, 70]);
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: {} });
    await api['library:import']({ fileName: 'a.pdf', data });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('library:import', {
      fileName: 'a.pdf',
      data,
    });
  });

  it('turns a failed invoke into an error value, never a thrown Error', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    expect(await api['app:info']({})).toStrictEqual({
      ok: false,
      code: 'INTERNAL',
      message: 'ClaimLens could not complete the request.',
    });
  });

  it('passes checked menu commands to the listener, drops malformed ones, and unsubscribes', () => {
    const seen: MenuEvent[] = [];
    const unsubscribe = api.onMenuCommand((event) => seen.push(event));
    const sender = { sender: 'main' };
    ipcRenderer.emit(MENU_CHANNEL, sender, { command: 'zoom-in' });
    ipcRenderer.emit(MENU_CHANNEL, sender, { command: 'open-recent', sha256: 'c'.repeat(64) });
    ipcRenderer.emit(MENU_CHANNEL, sender, { command: 'rm -rf' });
    ipcRenderer.emit(MENU_CHANNEL, sender, { command: 'find', extra: '<script>' });
    ipcRenderer.emit(MENU_CHANNEL, sender, 'find');
    expect(seen).toStrictEqual([
      { command: 'zoom-in' },
      { command: 'open-recent', sha256: 'c'.repeat(64) },
    ]);
    unsubscribe();
    expect(ipcRenderer.listenerCount(MENU_CHANNEL)).toBe(0);
    ipcRenderer.emit(MENU_CHANNEL, sender, { command: 'find' });
    expect(seen).toHaveLength(2);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api.onMenuCommand('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });
});
