// The PDF report's font: Noto Sans SC (Latin with accents, Greek, Cyrillic and Chinese in one
// face, from the npm registry), cut down with HarfBuzz's hb-subset (WASM) to the characters a
// report uses before pdf-lib embeds it. fontkit's own subsetting (pdf-lib's `subset: true`)
// writes invalid outlines for this font, which viewers then draw as blanks.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
export const FONT_FILES = {
  regular: `${FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`,
  bold: `${FONT_PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`,
} as const;

// main/'s tsconfig has no DOM lib, where WebAssembly's types live; this is the part used here.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }>;
};

/** The parts of hb-subset's C API this file calls (harfbuzzjs/dist/harfbuzz-subset.wasm). */
interface HbSubset {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  hb_set_add(set: number, codepoint: number): void;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
/**
 * Shaping tables go: pdf-lib writes widths only for glyphs the character map reaches, so a
 * glyph that shaping substitutes (this font's digits, the "fi" ligature) would be drawn 1000
 * units wide; and kerning would make measured and drawn widths differ.
 */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'GDEF'];

function tag(name: string): number {
  let n = 0;
  for (let i = 0; i < 4; i++) n = n * 256 + name.charCodeAt(i);
  return n;
}

let harfbuzz: Promise<HbSubset> | null = null;

function loadHarfbuzz(): Promise<HbSubset> {
  harfbuzz ??= (async () => {
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const { instance } = await WebAssembly.instantiate(wasm);
    const exports = instance.exports as HbSubset;
    exports._initialize();
    return exports;
  })();
  return harfbuzz;
}

const fontCache = new Map<string, Promise<Uint8Array>>();

function readFont(file: string): Promise<Uint8Array> {
  let bytes = fontCache.get(file);
  if (bytes === undefined) {
    bytes = readFile(require.resolve(file)).then((b) => new Uint8Array(b));
    bytes.catch(() => fontCache.delete(file));
    fontCache.set(file, bytes);
  }
  return bytes.catch((error: unknown) => {
    throw new Error(
      `The report font (${FONT_PACKAGE}) is missing from this installation; run "npm ci" to ` +
        `install it. (${String(error)})`,
    );
  });
}

/** The font with only the glyphs of the characters in `text`, without hinting or shaping. */
export async function subsetFont(file: string, text: string): Promise<Uint8Array> {
  const [hb, font] = await Promise.all([loadHarfbuzz(), readFont(file)]);
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('HarfBuzz could not start a font subset (out of memory?).');
  const buffer = hb.malloc(font.byteLength);
  try {
    new Uint8Array(hb.memory.buffer).set(font, buffer);
    const blob = hb.hb_blob_create(buffer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    const face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    try {
      const unicodes = hb.hb_subset_input_unicode_set(input);
      for (const ch of new Set(text)) hb.hb_set_add(unicodes, ch.codePointAt(0)!);
      const drop = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
      for (const name of DROPPED_TABLES) hb.hb_set_add(drop, tag(name));
      hb.hb_subset_input_set_flags(
        input,
        hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING,
      );
      const subset = hb.hb_subset_or_fail(face, input);
      if (subset === 0) throw new Error(`HarfBuzz could not subset ${file}.`);
      const result = hb.hb_face_reference_blob(subset);
      try {
        const data = hb.hb_blob_get_data(result, 0);
        const length = hb.hb_blob_get_length(result);
        if (length === 0) throw new Error(`HarfBuzz made an empty subset of ${file}.`);
        // Copied out: the WASM memory is reused by the next subset.
        return new Uint8Array(hb.memory.buffer, data, length).slice();
      } finally {
        hb.hb_blob_destroy(result);
        hb.hb_face_destroy(subset);
      }
    } finally {
      hb.hb_face_destroy(face);
    }
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.free(buffer);
  }
}
