// The Rules screen from the native menus: View > Rules… with Ctrl+Shift+P (Cmd on macOS) sends
// 'show-rules', which the renderer answers by showing the screen.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MenuEvent } from '../../shared/ipc/contract';
import { menuTemplate } from '../../main/menu';

vi.mock('electron', () => import('./electron/fake-electron'));

describe('View > Rules…', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s sends show-rules', (platform) => {
    const sent: MenuEvent[] = [];
    const template = menuTemplate({
      platform,
      development: false,
      recent: [],
      send: (event) => sent.push(event),
      about: () => undefined,
    });
    const view = template.find((item) => item.label === '&View');
    const rules = (view?.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.label === '&Rules…',
    );
    expect(rules?.accelerator).toBe('CmdOrCtrl+Shift+P');
    (rules?.click as () => void)();
    expect(sent).toStrictEqual([{ command: 'show-rules' }]);
    expect(MenuEvent.parse(sent[0])).toStrictEqual({ command: 'show-rules' });
  });
});
