// The Chromium host's `window.claimlens`, installed in the page before any app script runs: one
// method per contract channel (names passed in, never written here), calling the host through a
// Playwright binding. Self-contained: Playwright sends this function's source into the page.

export interface BridgeArgs {
  readonly channels: readonly string[];
  readonly binding: string;
}

 
export function installBridge({ channels, binding }: BridgeArgs): void {
  const invoke = (
    globalThis as unknown as Record<string, (c: string, p: unknown) => Promise<unknown>>
  )[binding]!;
  const toBase64 = (bytes: Uint8Array): string => {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  };
  const fromBase64 = (text: string): Uint8Array => {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  };
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
    if (Array.isArray(value)) return value.map(encode);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    }
    return value;
  };
  const decode = (value: unknown): unknown => {
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { $bytes?: unknown }).$bytes === 'string'
    ) {
      return fromBase64((value as { $bytes: string }).$bytes);
    }
    if (Array.isArray(value)) return value.map(decode);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    api[channel] = async (req: unknown) => decode(await invoke(channel, encode(req)));
  }
  // Native menus exist only in Electron; the renderer's toolbar covers them here.
  api.onMenuCommand = () => () => undefined;
  Object.defineProperty(globalThis, 'claimlens', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
}
