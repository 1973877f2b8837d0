// The window's size and position across restarts: a small JSON file in userData, written
// atomically, read back only if it is sane and still on a display that exists.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowBounds {
  /** Absent when the window should be centred by the system. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 860, maximized: false };

/** How much of the title bar must lie on some display for a saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 40 };

const Stored = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
  maximized: z.boolean(),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved bounds fitted to today's displays (work areas): the size shrunk to the largest
 * display, and the position dropped (the window centred) when its title bar would be on none,
 * as after unplugging the monitor it was on.
 */
export function fitToDisplays(saved: WindowBounds, workAreas: readonly Rect[]): WindowBounds {
  if (workAreas.length === 0) return saved;
  const width = Math.min(saved.width, Math.max(...workAreas.map((a) => a.width)));
  const height = Math.min(saved.height, Math.max(...workAreas.map((a) => a.height)));
  const size = { width, height, maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return size;
  const titleBar: Rect = { x: saved.x, y: saved.y, width, height: MIN_VISIBLE.height };
  const visible = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  return visible ? { ...size, x: saved.x, y: saved.y } : size;
}

/** The bounds saved in `file`, fitted to the displays; the defaults when there are none. */
export function readWindowBounds(file: string, workAreas: readonly Rect[]): WindowBounds {
  let saved: WindowBounds = DEFAULT_BOUNDS;
  try {
    const parsed = Stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) saved = parsed.data;
  } catch {
    // No file yet, or one that is not JSON: the defaults do.
  }
  return fitToDisplays(saved, workAreas);
}

/** Written to a temporary file and renamed over the old one, so a crash never leaves half a file. */
export function writeWindowBounds(file: string, bounds: Rect & { maximized: boolean }): void {
  const parsed = Stored.safeParse({
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: bounds.maximized,
  });
  if (!parsed.success) return;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(parsed.data, null, 2)}\n`);
  renameSync(temp, file);
}

/** What trackWindowBounds needs of a BrowserWindow. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'close', listener: () => void): unknown;
}

/** Saves the window's normal (unmaximised) bounds when it closes, quitting included. */
export function trackWindowBounds(
  window: TrackedWindow,
  file: string,
  log: (message: string) => void,
): void {
  window.on('close', () => {
    try {
      writeWindowBounds(file, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      log(`could not save the window position: ${(error as Error).message}`);
    }
  });
}
