// Values across the Chromium host's binding, as JSON text: Playwright's own serialiser is slow
// for large results (thousands of findings), and JSON has no bytes, so a Uint8Array travels as
// { $bytes: base64 }. The page side (chromium-bridge.ts) does the same with btoa/atob. Text
// without bytes is parsed without a reviver, which would cost ten times the parse on a
// document's thousands of findings.
//
// Replies longer than DEFLATE_FROM travel deflated, as { deflated: base64 }: Playwright hands a
// binding's result to the page at about 50 ms a megabyte, and a 400-page datasheet's findings
// (3.8 MB of JSON) deflate six-fold in about 15 ms; the page inflates them natively
// (DecompressionStream) in about 25 ms, where the plain text took 150-300 ms to arrive. Requests
// stay plain text, so main never inflates anything a page sends.
import { deflateRawSync } from 'node:zlib';

export type Reply = string | { readonly deflated: string };

const DEFLATE_FROM = 16 * 1024;

export function toWire(value: unknown): Reply {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array
      ? { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
      : v,
  );
  if (text.length < DEFLATE_FROM) return text;
  return { deflated: deflateRawSync(text, { level: 1 }).toString('base64') };
}

/** How a { $bytes } object starts in JSON text; inside a JSON string its quotes are escaped. */
export const BYTES_KEY = '"$bytes":';

export function fromWire(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  if (!text.includes(BYTES_KEY)) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { $bytes?: unknown }).$bytes === 'string'
      ? new Uint8Array(Buffer.from((v as { $bytes: string }).$bytes, 'base64'))
      : v,
  );
}
