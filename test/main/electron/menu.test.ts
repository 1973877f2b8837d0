// The native menus: the usual shortcuts, each sending its MenuEvent to the window; Recent lists
// the newest documents.
import type { BrowserWindow as ElectronWindow, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_CHANNEL, type MenuEvent } from '../../../shared/ipc/contract';
import type { DocumentMeta } from '../../../shared/model/library';
import { installMenu, menuTemplate, RECENT_LIMIT, recentDocuments } from '../../../main/menu';
import { BrowserWindow, Menu } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type Item = MenuItemConstructorOptions;

function doc(n: number, fileName = `brochure-${n}.pdf`): DocumentMeta {
  return {
    sha256: n.toString(16).padStart(64, '0'),
    fileName,
    bytes: 1000,
    pages: 4,
    addedAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    analysedAt: null,
    state: 'analysed',
    error: null,
    summary: null,
    counts: {},
    tags: [],
  };
}

function build(platform: NodeJS.Platform, development = false, recent: DocumentMeta[] = []) {
  const sent: MenuEvent[] = [];
  const about = vi.fn();
  const template = menuTemplate({
    platform,
    development,
    recent,
    send: (event) => sent.push(event),
    about,
  });
  return { template, sent, about };
}

function items(template: Item[]): Item[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

function byLabel(template: Item[], label: string): Item {
  const found = items(template).find((item) => item.label?.replaceAll('&', '') === label);
  if (found === undefined) throw new Error(`no menu item ${label}`);
  return found;
}

function click(item: Item): void {
  (item.click as () => void)();
}

const SHORTCUTS: [string, string, MenuEvent][] = [
  ['Open…', 'CmdOrCtrl+O', { command: 'open' }],
  ['Open Folder…', 'CmdOrCtrl+Shift+O', { command: 'open-folder' }],
  ['Export…', 'CmdOrCtrl+E', { command: 'export' }],
  ['Export Report…', 'CmdOrCtrl+Shift+E', { command: 'export-report' }],
  ['Export Evidence Bundle…', 'CmdOrCtrl+Alt+E', { command: 'export-bundle' }],
  ['Close Document', 'CmdOrCtrl+W', { command: 'close-document' }],
  ['Zoom In', 'CmdOrCtrl+Plus', { command: 'zoom-in' }],
  ['Zoom Out', 'CmdOrCtrl+-', { command: 'zoom-out' }],
  ['Actual Size', 'CmdOrCtrl+0', { command: 'zoom-reset' }],
  ['Find…', 'CmdOrCtrl+F', { command: 'find' }],
  ['Next Finding', 'F8', { command: 'next-finding' }],
  ['Previous Finding', 'Shift+F8', { command: 'previous-finding' }],
];

describe('the menus', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'on %s have the usual shortcuts, each sending its command',
    (platform) => {
      const { template, sent } = build(platform);
      for (const [label, accelerator, event] of SHORTCUTS) {
        const item = byLabel(template, label);
        expect(item.accelerator, label).toBe(accelerator);
        click(item);
        expect(sent.at(-1), label).toStrictEqual(event);
      }
      const quit = items(template).find((item) => item.role === 'quit');
      expect(quit?.accelerator).toBe('CmdOrCtrl+Q');
    },
  );

  it('are File, Edit, View and Help on Windows and Linux, with Quit in File', () => {
    const { template } = build('linux');
    expect(template.map((item) => item.label)).toStrictEqual(['&File', '&Edit', '&View', '&Help']);
    expect((template[0]?.submenu as Item[]).at(-1)?.role).toBe('quit');
  });

  it('put About and Quit in the app menu on macOS', () => {
    const { template, about } = build('darwin');
    expect(template[0]?.label).toBe('ClaimLens');
    const appItems = template[0]?.submenu as Item[];
    expect(appItems.some((item) => item.role === 'quit')).toBe(true);
    click(byLabel(template, 'About ClaimLens'));
    expect(about).toHaveBeenCalled();
  });

  it('show About in Help', () => {
    const { template, about } = build('win32');
    click(byLabel(template, 'About ClaimLens'));
    expect(about).toHaveBeenCalledOnce();
  });

  it('have copy and paste (Edit roles), and DevTools only in development', () => {
    const roles = (template: Item[]) => items(template).map((item) => item.role);
    expect(roles(build('linux').template)).toEqual(
      expect.arrayContaining(['copy', 'paste', 'selectAll', 'undo']),
    );
    expect(roles(build('linux').template)).not.toContain('toggleDevTools');
    expect(roles(build('linux', true).template)).toContain('toggleDevTools');
    expect(roles(build('linux').template)).not.toContain('reload');
  });

  it('list recent documents, newest first, each opening its document', () => {
    const docs = Array.from({ length: 14 }, (_, n) => doc(n));
    const recent = recentDocuments(docs);
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]?.fileName).toBe('brochure-13.pdf');
    const { template, sent } = build('linux', false, recent);
    const submenu = byLabel(template, 'Open Recent').submenu as Item[];
    expect(submenu.map((item) => item.label)).toStrictEqual(recent.map((d) => d.fileName));
    click(submenu[1]!);
    expect(sent).toStrictEqual([{ command: 'open-recent', sha256: doc(12).sha256 }]);
  });

  it('show a file name with "&" as it is, not as a mnemonic', () => {
    const { template } = build('linux', false, [doc(1, 'Smith & Wesson.pdf')]);
    const submenu = byLabel(template, 'Open Recent').submenu as Item[];
    expect(submenu[0]?.label).toBe('Smith && Wesson.pdf');
  });

  it('say so when there is nothing recent', () => {
    const submenu = byLabel(build('linux').template, 'Open Recent').submenu as Item[];
    expect(submenu).toStrictEqual([{ label: 'No Recent Documents', enabled: false }]);
  });

  it("send commands to the window's webContents on the menu channel, and refresh Recent", () => {
    const window = new BrowserWindow({});
    let list = [doc(1)];
    const menu = installMenu({
      window: () => window as unknown as ElectronWindow,
      list: () => list,
      development: false,
      libraryDir: '/library',
      log: vi.fn(),
    });
    const current = () => (Menu.applied.at(-1) ?? []) as Item[];
    expect(Menu.applied).toHaveLength(1);
    click(byLabel(current(), 'Find…'));
    expect(window.webContents.sent).toStrictEqual([[MENU_CHANNEL, { command: 'find' }]]);
    list = [doc(1), doc(2)];
    menu.refresh();
    expect(
      (byLabel(current(), 'Open Recent').submenu as Item[]).map((item) => item.label),
    ).toStrictEqual(['brochure-2.pdf', 'brochure-1.pdf']);
    window.destroyed = true;
    click(byLabel(current(), 'Find…'));
    expect(window.webContents.sent).toHaveLength(1);
  });
});
