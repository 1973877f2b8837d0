// Values across the Chromium host's binding, as JSON text: Playwright's own serialiser is slow
// for large results (thousands of findings), and JSON has no bytes, so a Uint8Array travels as
// { $bytes: base64 }. The page side (chromium-bridge.ts) does the same with btoa/atob.

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array
      ? { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
      : v,
  );
}

export function fromWire(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  return JSON.parse(text, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { $bytes?: unknown }).$bytes === 'string'
      ? new Uint8Array(Buffer.from((v as { $bytes: string }).$bytes, 'base64'))
      : v,
  );
}
