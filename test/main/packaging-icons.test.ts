// The committed app icons: rendered from resources/icons/icon.svg by `npm run icons` and still
// matching it, with every size each installer asks for inside the ICO and ICNS files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ICNS_TYPES,
  ICO_SIZES,
  ICONS_DIR,
  PNG_SIZES,
  renderIcons,
} from '../../main/toolchain/dist-icons.mjs';

const fresh = mkdtempSync(join(tmpdir(), 'claimlens-icons-'));
afterAll(() => {
  rmSync(fresh, { recursive: true, force: true });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the app icons', () => {
  it('match what npm run icons renders from icon.svg now', async () => {
    const written = await renderIcons(fresh);
    expect(written.length).toBe(PNG_SIZES.length + 3);
    for (const path of written) {
      const name = relative(fresh, path);
      expect(
        readFileSync(path).equals(readFileSync(join(ICONS_DIR, name))),
        `${name} is stale: run npm run icons`,
      ).toBe(true);
    }
  });

  it('come as Linux PNGs of every theme size', () => {
    for (const size of PNG_SIZES) {
      expect(pngSize(readFileSync(join(ICONS_DIR, 'png', `${size}x${size}.png`)))).toStrictEqual([
        size,
        size,
      ]);
    }
  });

  it('come as an ICO with 16 to 256 pixel images', () => {
    const ico = readFileSync(join(ICONS_DIR, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toStrictEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const [width, height] = pngSize(ico.subarray(offset, offset + length));
      expect(width).toBe(height);
      expect(ico.readUInt8(entry)).toBe(width % 256);
      sizes.push(width);
    }
    expect(sizes).toStrictEqual(ICO_SIZES);
    expect(sizes).toContain(256);
  });

  it('come as an ICNS with every element macOS reads, up to 1024 pixels', () => {
    const icns = readFileSync(join(ICONS_DIR, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: [string, number][] = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.subarray(at, at + 4).toString('latin1');
      const length = icns.readUInt32BE(at + 4);
      found.push([type, pngSize(icns.subarray(at + 8, at + length))[0]]);
      at += length;
    }
    expect(found).toStrictEqual(ICNS_TYPES);
  });
});
