// The Chromium host's binding transport, both ends: main's toWire/fromWire and the page's bridge
// script, run here with a fake binding in place of Playwright's. Long replies travel deflated,
// bytes in requests arrive as bytes, and text that merely mentions $bytes stays text.
import { describe, expect, it } from 'vitest';
import { bridgeScript } from '../../../main/hosts/chromium-bridge';
import { fromWire, toWire } from '../../../main/hosts/transport';

type Api = Record<string, (req: unknown) => Promise<unknown>>;

/** The page's `window.claimlens`, calling `main` (channel, request) through the wire formats. */
function bridge(main: (channel: string, req: unknown) => unknown): {
  api: Api;
  replies: unknown[];
} {
  const replies: unknown[] = [];
  const page: Record<string, unknown> = {
    invoke: (channel: string, payload: unknown) => {
      const reply = toWire({ ok: true, value: main(channel, fromWire(payload)) });
      replies.push(reply);
      return Promise.resolve(reply);
    },
  };
  const script = bridgeScript({ channels: ['document:get', 'library:import'], binding: 'invoke' });
  // The script's globalThis is this page object; everything else is this realm's own.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the script is the code under test
  const install = new Function('globalThis', script) as (global: object) => void;
  install(page);
  return { api: page.claimlens as Api, replies };
}

const findings = Array.from({ length: 3000 }, (_, i) => ({
  id: `p${i}-301-344-face.realtime-public`,
  quote: i === 7 ? 'a "$bytes": field in the text' : 'passer-by matches a face',
  quads: [[201.06, 687.84, 284.58, 687.84, 201.06, 678.39, 284.58, 678.39]],
}));

describe('the Chromium host transport', () => {
  it('sends a long reply deflated and the page reads it back unchanged', async () => {
    const { api, replies } = bridge(() => ({ findings }));
    expect(await api['document:get']!({})).toStrictEqual({ ok: true, value: { findings } });
    const [reply] = replies as { deflated: string }[];
    expect(typeof reply?.deflated).toBe('string');
    expect(reply!.deflated.length).toBeLessThan(JSON.stringify(findings).length / 4);
  });

  it('sends a short reply as plain text', async () => {
    const { api, replies } = bridge(() => ({ title: 'a "$bytes": field' }));
    expect(await api['document:get']!({})).toStrictEqual({
      ok: true,
      value: { title: 'a "$bytes": field' },
    });
    expect(typeof replies[0]).toBe('string');
  });

  it('carries bytes in a request to main as bytes', async () => {
    const data = new Uint8Array([37, 80, 68, 70, 0, 255]);
    const { api } = bridge((_channel, req) => {
      const { data: received } = req as { data: unknown };
      return received instanceof Uint8Array ? [...received] : 'not bytes';
    });
    expect(await api['library:import']!({ fileName: 'a.pdf', data })).toStrictEqual({
      ok: true,
      value: [37, 80, 68, 70, 0, 255],
    });
  });
});
