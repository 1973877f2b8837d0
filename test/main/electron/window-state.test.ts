// The window's bounds across restarts: defaults on a first run, the saved bounds when sane, no
// position that would put the window off every display, and an atomic write.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_BOUNDS,
  fitToDisplays,
  readWindowBounds,
  trackWindowBounds,
  writeWindowBounds,
} from '../../../main/window-state';

const dir = mkdtempSync(join(tmpdir(), 'claimlens-window-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window bounds', () => {
  it('are the defaults on a first run or after a broken file', () => {
    expect(readWindowBounds(join(dir, 'none.json'), [monitor])).toStrictEqual(DEFAULT_BOUNDS);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"x": 1, "width": "wide"');
    expect(readWindowBounds(broken, [monitor])).toStrictEqual(DEFAULT_BOUNDS);
    writeFileSync(broken, JSON.stringify({ x: 1, y: 1, width: -5, height: 1e9, maximized: 'yes' }));
    expect(readWindowBounds(broken, [monitor])).toStrictEqual(DEFAULT_BOUNDS);
  });

  it('come back as they were saved, written atomically', () => {
    const file = join(dir, 'sub', 'window-state.json');
    writeWindowBounds(file, { x: 1500.4, y: 30, width: 1200, height: 800, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toStrictEqual({
      x: 1500,
      y: 30,
      width: 1200,
      height: 800,
      maximized: true,
    });
    expect(readdirSync(join(dir, 'sub'))).toStrictEqual(['window-state.json']);
    expect(readWindowBounds(file, [laptop, monitor])).toStrictEqual({
      x: 1500,
      y: 30,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('lose a position that is off every display, as after unplugging a monitor', () => {
    const onMonitor = { x: 2000, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(onMonitor, [laptop])).toStrictEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(fitToDisplays({ ...onMonitor, x: -1190 }, [laptop])).toStrictEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(fitToDisplays({ ...onMonitor, y: -30 }, [laptop, monitor])).not.toHaveProperty('x');
  });

  it('keep a position whose title bar is still on a display, even partly', () => {
    expect(
      fitToDisplays({ x: 1300, y: 10, width: 800, height: 600, maximized: false }, [laptop]),
    ).toMatchObject({
      x: 1300,
      y: 10,
    });
  });

  it('shrink to fit the largest display', () => {
    expect(fitToDisplays({ width: 5000, height: 3000, maximized: false }, [laptop])).toStrictEqual({
      width: 1440,
      height: 900,
      maximized: false,
    });
  });

  it('are saved when the window closes', () => {
    const file = join(dir, 'tracked.json');
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 5, y: 6, width: 700, height: 500 }),
      isMaximized: () => false,
    });
    trackWindowBounds(window, file, vi.fn());
    expect(existsSync(file)).toBe(false);
    window.emit('close');
    expect(readWindowBounds(file, [laptop])).toStrictEqual({
      x: 5,
      y: 6,
      width: 700,
      height: 500,
      maximized: false,
    });
  });
});
