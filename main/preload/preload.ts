// The sandboxed preload: exposes exactly one object, `window.claimlens`, with one method per
// contract channel and onMenuCommand. No ipcRenderer, no generic invoke, no Node: the page
// can ask for what the contract lists and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANNELS,
  MENU_CHANNEL,
  MenuEvent,
  type Channel,
  type ClaimLensApi,
  type Result,
} from '../../shared/ipc/contract';

/** A call whose result cannot cross (a rejected invoke) comes back as a value, like any error. */
async function invoke(channel: Channel, req: unknown): Promise<Result<unknown>> {
  try {
    return (await ipcRenderer.invoke(channel, req)) as Result<unknown>;
  } catch {
    return { ok: false, code: 'INTERNAL', message: 'ClaimLens could not complete the request.' };
  }
}

function onMenuCommand(listener: (event: MenuEvent) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function.');
  // The IPC event (it names the sender) never reaches the page; only a checked MenuEvent does.
  const relay = (_event: IpcRendererEvent, raw: unknown): void => {
    const parsed = MenuEvent.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  };
  ipcRenderer.on(MENU_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, relay);
  };
}

const methods = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (req: unknown) => invoke(channel, req)]),
);

const api = { ...methods, onMenuCommand } as unknown as ClaimLensApi;

contextBridge.exposeInMainWorld('claimlens', api);
