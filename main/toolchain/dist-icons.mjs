// Renders the app icon (resources/icons/icon.svg) into the files the installers need: PNGs for
// Linux, icon.ico for Windows and icon.icns for macOS. Pure JS and WebAssembly (resvg), so it runs
// on any machine; the outputs are committed, and a test checks they match the SVG.
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ICONS_DIR = join(root, 'resources', 'icons');

/** Linux icon theme sizes (electron-builder reads `<n>x<n>.png` from linux.icon's folder). */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows shows 16-48 in lists and Explorer, 256 in large views. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, and their pixel size (Apple's "Icon Services" types). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** An ICO file whose images are PNGs (read by Windows Vista and later). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    // 256 is written as 0: the field is one byte.
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(({ png }) => png)]);
}

/** An ICNS file: the 'icns' magic and length, then (type, length, PNG) elements. */
export function encodeIcns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** Renders every icon file from `svgPath` into `outDir`; returns the paths written. */
export async function renderIcons(outDir = ICONS_DIR, svgPath = join(ICONS_DIR, 'icon.svg')) {
  const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
  const require = createRequire(import.meta.url);
  try {
    await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  } catch (error) {
    // initWasm may run once a process; a second call (tests render twice) says so and is harmless.
    if (!String(error).includes('Already initialized')) throw error;
  }
  const svg = readFileSync(svgPath, 'utf8');
  const sizes = [...new Set([...PNG_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, n]) => n)])];
  const pngs = new Map();
  for (const size of sizes) {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: size },
      font: { loadSystemFonts: false },
    });
    pngs.set(size, Buffer.from(resvg.render().asPng()));
    resvg.free();
  }
  const written = [];
  const write = (name, bytes) => {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    written.push(path);
  };
  for (const size of PNG_SIZES) write(join('png', `${size}x${size}.png`), pngs.get(size));
  write('icon.png', pngs.get(1024));
  write('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  write('icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await renderIcons();
  process.stdout.write(`wrote ${written.length} icon files in ${ICONS_DIR}\n`);
}
