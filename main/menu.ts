// The native menus with the usual shortcuts. A command is sent to the window as a MenuEvent on
// MENU_CHANNEL and the renderer acts on it; Recent lists the last documents of the library.
import {
  dialog,
  Menu,
  type BrowserWindow,
  type MenuItemConstructorOptions,
  type MessageBoxOptions,
} from 'electron';
import packageJson from '../package.json' with { type: 'json' };
import { ENGINE_VERSION } from '../shared/analysis/engine';
import { MENU_CHANNEL, MenuEvent, type Channel } from '../shared/ipc/contract';
import type { DocumentMeta } from '../shared/model/library';
import { PRODUCT_NAME } from './hosts/app-data';

export const RECENT_LIMIT = 10;

/** Calls after which the Recent list may have changed. */
export const LIBRARY_CHANGES: ReadonlySet<Channel> = new Set<Channel>([
  'library:import',
  'library:openSample',
  'document:saveAnalysis',
  'document:markFailed',
]);

export interface MenuTemplateOptions {
  readonly platform: NodeJS.Platform;
  readonly development: boolean;
  readonly recent: readonly DocumentMeta[];
  readonly send: (event: MenuEvent) => void;
  readonly about: () => void;
}

/** The newest documents first, at most RECENT_LIMIT. */
export function recentDocuments(list: readonly DocumentMeta[]): DocumentMeta[] {
  return [...list].sort((a, b) => b.addedAt.localeCompare(a.addedAt)).slice(0, RECENT_LIMIT);
}

/** On Windows and Linux "&" marks a mnemonic; a file name's own "&" is doubled to show as one. */
function menuLabel(text: string): string {
  return text.replaceAll('&', '&&');
}

export function menuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { send, platform } = options;
  const mac = platform === 'darwin';
  const command = (
    label: string,
    accelerator: string | undefined,
    event: MenuEvent,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => {
      send(event);
    },
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const about: MenuItemConstructorOptions = {
    label: `About ${PRODUCT_NAME}`,
    click: options.about,
  };
  const quit: MenuItemConstructorOptions = { role: 'quit', accelerator: 'CmdOrCtrl+Q' };

  const recent: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Documents', enabled: false }]
      : options.recent.map((doc) =>
          command(menuLabel(doc.fileName), undefined, {
            command: 'open-recent',
            sha256: doc.sha256,
          }),
        );

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('&Open…', 'CmdOrCtrl+O', { command: 'open' }),
      command('Open &Folder…', 'CmdOrCtrl+Shift+O', { command: 'open-folder' }),
      { label: 'Open &Recent', submenu: recent },
      separator,
      // The open document as an annotated PDF copy, W3C annotations, CSV or JSON.
      command('&Export…', 'CmdOrCtrl+E', { command: 'export' }),
      command('Export &Report…', 'CmdOrCtrl+Shift+E', { command: 'export-report' }),
      command('Export Evidence &Bundle…', 'CmdOrCtrl+Alt+E', { command: 'export-bundle' }),
      separator,
      command('&Close Document', 'CmdOrCtrl+W', { command: 'close-document' }),
      ...(mac ? [] : [separator, quit]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    // Roles, so copying a quote and typing a note work with the system's shortcuts (on macOS
    // they work only through an Edit menu).
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      // The renderer zooms the pages, not Chromium the whole window.
      command('Zoom &In', 'CmdOrCtrl+Plus', { command: 'zoom-in' }),
      command('Zoom &Out', 'CmdOrCtrl+-', { command: 'zoom-out' }),
      command('&Actual Size', 'CmdOrCtrl+0', { command: 'zoom-reset' }),
      separator,
      command('&Find…', 'CmdOrCtrl+F', { command: 'find' }),
      command('&Next Finding', 'F8', { command: 'next-finding' }),
      command('&Previous Finding', 'Shift+F8', { command: 'previous-finding' }),
      separator,
      command('&Rules…', 'CmdOrCtrl+Shift+P', { command: 'show-rules' }),
      separator,
      { role: 'togglefullscreen' },
      // DevTools only in an unpackaged run; a packaged app refuses them (security/contents.ts).
      ...(options.development ? [separator, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', submenu: [about] };

  if (mac) {
    const appMenu: MenuItemConstructorOptions = {
      label: PRODUCT_NAME,
      submenu: [
        about,
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        quit,
      ],
    };
    return [appMenu, file, edit, view, { role: 'windowMenu' }];
  }
  return [file, edit, view, help];
}

export interface InstallMenuOptions {
  readonly window: () => BrowserWindow | null;
  /** The library's documents, for Recent. */
  readonly list: () => readonly DocumentMeta[];
  readonly development: boolean;
  readonly libraryDir: string;
  readonly log: (message: string) => void;
}

/** Sets the application menu; `refresh` rebuilds it when the library changed. */
export function installMenu(options: InstallMenuOptions): {
  refresh(): void;
  send(event: MenuEvent): void;
} {
  const send = (event: MenuEvent): void => {
    const window = options.window();
    if (window === null || window.isDestroyed()) return;
    window.webContents.send(MENU_CHANNEL, MenuEvent.parse(event));
  };
  const about = (): void => {
    void showAbout(options.window(), options.libraryDir);
  };
  const refresh = (): void => {
    let list: readonly DocumentMeta[] = [];
    try {
      list = options.list();
    } catch (error) {
      options.log(`could not list the library for Recent: ${(error as Error).message}`);
    }
    const template = menuTemplate({
      platform: process.platform,
      development: options.development,
      recent: recentDocuments(list),
      send,
      about,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  refresh();
  return { refresh, send };
}

async function showAbout(window: BrowserWindow | null, libraryDir: string): Promise<void> {
  const options: MessageBoxOptions = {
    type: 'info',
    title: `About ${PRODUCT_NAME}`,
    message: `${PRODUCT_NAME} ${packageJson.version}`,
    detail: [
      'Finds risky capability claims in surveillance vendors’ brochures and datasheets.',
      'Works offline: nothing you open leaves this computer.',
      '',
      `Analysis engine ${ENGINE_VERSION}`,
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}`,
      `Library: ${libraryDir}`,
    ].join('\n'),
    buttons: ['OK'],
    noLink: true,
  };
  if (window !== null && !window.isDestroyed()) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}
