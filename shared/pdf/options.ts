// The one set of pdf.js options both loaders use (main/extract/pdfjs.ts for the CLI, renderer/pdf
// for the app). pdfjs-dist must stay at or above 6.2.108 (GHSA-hq66-cqwq-w95j).

/** Hardening shared by every host: no XFA, no system fonts, no network, bounded images. */
export const PDF_LOAD_OPTIONS = {
  enableXfa: false,
  useSystemFonts: false,
  stopAtErrors: false,
  /** Images above this many pixels are not decoded (a 4 GB decompression bomb stays small). */
  maxImageSize: 40_000_000,
  cMapPacked: true,
  disableRange: true,
  disableStream: true,
  disableAutoFetch: true,
  /** Errors only: pdf.js warns about every odd font in real-world brochures. */
  verbosity: 0,
} as const;

/** Local folders inside the pdfjs-dist package that each loader turns into its own URLs. */
export const PDF_RESOURCE_DIRS = {
  cMapUrl: 'cmaps/',
  standardFontDataUrl: 'standard_fonts/',
  wasmUrl: 'wasm/',
  iccUrl: 'iccs/',
} as const;

/** The lowest pdfjs-dist version without GHSA-hq66-cqwq-w95j (scripts run from crafted fonts). */
export const PDFJS_MIN_VERSION = '6.2.108';
