// The Chromium host's `window.claimlens`, installed in the page before any app script runs: one
// method per contract channel (names passed in, never written here), calling the host through a
// Playwright binding. Written as page script text, since a bundler's or loader's rewriting of a
// function's source would not survive the trip into the page.
import { BYTES_KEY } from './transport';

export interface BridgeArgs {
  readonly channels: readonly string[];
  readonly binding: string;
}

export function bridgeScript({ channels, binding }: BridgeArgs): string {
  return `(() => {
  const invoke = globalThis[${JSON.stringify(binding)}];
  const toBase64 = (bytes) => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };
  const fromBase64 = (text) => {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  };
  const toWire = (value) =>
    JSON.stringify(value, (key, v) => (v instanceof Uint8Array ? { $bytes: toBase64(v) } : v));
  const withBytes = (key, v) =>
    typeof v === 'object' && v !== null && typeof v.$bytes === 'string' ? fromBase64(v.$bytes) : v;
  const fromWire = (text) =>
    text.includes(${JSON.stringify(BYTES_KEY)}) ? JSON.parse(text, withBytes) : JSON.parse(text);
  // A long reply comes deflated (transport.ts).
  const textOf = (reply) =>
    typeof reply === 'string'
      ? reply
      : new Response(
          new Blob([fromBase64(reply.deflated)]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
        ).text();
  const api = {};
  for (const channel of ${JSON.stringify(channels)}) {
    api[channel] = async (req) => fromWire(await textOf(await invoke(channel, toWire(req))));
  }
  // Native menus exist only in Electron; the renderer's toolbar covers them here.
  api.onMenuCommand = () => () => undefined;
  Object.defineProperty(globalThis, 'claimlens', { value: Object.freeze(api), writable: false, configurable: false });
})();`;
}
