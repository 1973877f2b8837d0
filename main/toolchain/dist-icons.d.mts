// Types for dist-icons.mjs, plain JavaScript like the other toolchain scripts.
export const ICONS_DIR: string;
export const PNG_SIZES: number[];
export const ICO_SIZES: number[];
export const ICNS_TYPES: [string, number][];
export function renderIcons(outDir?: string, svgPath?: string): Promise<string[]>;
