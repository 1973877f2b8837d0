// Bytes across the Chromium host's binding: Playwright passes JSON-like values only, so
// Uint8Arrays travel as { $bytes: base64 } both ways (Electron's IPC clones them as they are).

type Encoded = { $bytes: string };

function isEncoded(value: unknown): value is Encoded {
  return (
    typeof value === 'object' && value !== null && typeof (value as Encoded).$bytes === 'string'
  );
}

export function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return {
      $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    };
  if (Array.isArray(value)) return value.map(encodeBytes);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]));
  }
  return value;
}

export function decodeBytes(value: unknown): unknown {
  if (isEncoded(value)) return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
  if (Array.isArray(value)) return value.map(decodeBytes);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBytes(v)]));
  }
  return value;
}
