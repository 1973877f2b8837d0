// A stand-in for the `electron` module (its runtime cannot run here): records what main registers
// and lets a test fire the events Electron would. Used as `vi.mock('electron', () => import(...))`.
// What a test reads after a beforeAll is kept in plain arrays: Vitest clears vi.fn() call records
// before each test (clearMocks).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    public processId = 1,
    public routingId = 1,
  ) {}
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  beforeRequest: Handler | null = null;
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly setSpellCheckerEnabled = vi.fn();
  readonly webRequest = {
    onBeforeRequest: (listener: Handler) => {
      this.beforeRequest = listener;
    },
  };
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
      // Electron throws when a scheme is handled twice in one session.
      if (this.protocolHandlers.has(scheme)) throw new Error(`${scheme} is already handled`);
      this.protocolHandlers.set(scheme, handler);
    },
  };
  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler): void {
    this.devicePermissionHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('claimlens://app/', null, 7, 1);
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, unknown][] = [];
  readonly closeDevTools = vi.fn();
  constructor(public session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

export const session = { defaultSession: new FakeSession() };

/** An Electron event: `preventDefault` records that the default was refused. */
export function fakeEvent<T extends object>(
  params: T,
): T & { preventDefault: () => void; readonly defaultPrevented: boolean } {
  let prevented = false;
  return Object.defineProperties(params, {
    preventDefault: {
      value: () => {
        prevented = true;
      },
    },
    defaultPrevented: { get: () => prevented },
  }) as T & { preventDefault: () => void; readonly defaultPrevented: boolean };
}

const paths = new Map<string, string>();

class FakeApp extends EventEmitter {
  isPackaged = false;
  /** The app methods called, in order. */
  readonly calls: string[] = [];
  hasLock = true;
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.hasLock;
  }
  quit(): void {
    this.calls.push('quit');
  }
  exit(): void {
    this.calls.push('exit');
  }
  whenReady(): Promise<void> {
    this.calls.push('whenReady');
    return Promise.resolve();
  }
  setPath(name: string, path: string): void {
    paths.set(name, path);
  }
  getPath(name: string): string {
    const path = paths.get(name);
    if (path === undefined) throw new Error(`no path ${name}`);
    return path;
  }
}

export const app = new FakeApp();

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents(session.defaultSession);
  readonly loaded: string[] = [];
  readonly show = vi.fn();
  readonly maximize = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent({}), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  /** Channels in the order they were registered. */
  registered: [] as string[],
  handle(channel: string, handler: Handler): void {
    this.registered.push(channel);
    // Electron throws on a second handler for one channel; so does this.
    if (this.handlers.has(channel)) throw new Error(`a handler for ${channel} exists`);
    this.handlers.set(channel, handler);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown): void {
    this.privileged.push(schemes);
    app.calls.push('registerSchemesAsPrivileged');
  },
};

export const dialog = {
  showMessageBox: vi.fn<
    (...args: unknown[]) => Promise<{ response: number; checkboxChecked: boolean }>
  >(() => Promise.resolve({ response: 1, checkboxChecked: false })),
  errors: [] as string[],
  showErrorBox(title: string, content: string): void {
    this.errors.push(`${title}: ${content}`);
  },
};

export const shell = {
  openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()),
};

export const Menu = {
  /** Each template set as the application menu, the latest last. */
  applied: [] as unknown[][],
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: { template: unknown[] }): void {
    this.applied.push(menu.template);
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const contextBridge = {
  exposed: [] as [string, unknown][],
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.push([key, api]);
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn<(...args: unknown[]) => Promise<unknown>>(() =>
    Promise.resolve(undefined),
  );
}

export const ipcRenderer = new FakeIpcRenderer();
