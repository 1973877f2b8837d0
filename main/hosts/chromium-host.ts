// The Chromium host: the same renderer build and handler table as the Electron app, in a system
// Chromium driven by playwright-core. The renderer and the stored originals are served by request
// interception (no TCP port is opened), every other request is refused, and `window.claimlens`
// reaches the handlers through a binding that checks which frame is calling.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chromium,
  type BrowserContext,
  type Page,
  type Request as PageRequest,
  type Route,
} from 'playwright-core';
import { CHANNELS } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from '../ipc/dispatch';
import { originalResponse, type OriginalResponse, type ReadOriginal } from '../ipc/originals';
import {
  appFilePath,
  CHROMIUM_ORIGIN,
  CONTENT_SECURITY_POLICY,
  mimeType,
  originalOf,
} from '../security/policy';
import { bridgeScript } from './chromium-bridge';
import { fromWire, toWire } from './transport';

export interface ChromiumHostOptions {
  readonly executablePath: string;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Chromium's own profile folder (not the library). */
  readonly profileDir: string;
  readonly handlers: Handlers;
  /** The store's verified read of a stored original, served at <origin>/originals/<sha256>. */
  readonly readOriginal: ReadOriginal;
  readonly headless: boolean;
  readonly log?: (message: string) => void;
}

export interface ChromiumHost {
  readonly page: Page;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export const APP_URL = `${CHROMIUM_ORIGIN}/`;
const BINDING = '__claimlensInvoke';

/** Chromium cannot sandbox itself when run as root; everyone else gets its sandbox. */
const AS_ROOT = process.getuid?.() === 0;

/** Flags for Debian's chromium: no background traffic, no first-run screens. */
export const CHROMIUM_ARGS = [
  ...(AS_ROOT ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function startChromiumHost(options: ChromiumHostOptions): Promise<ChromiumHost> {
  const log = options.log ?? (() => undefined);
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: options.executablePath,
    headless: options.headless,
    chromiumSandbox: !AS_ROOT,
    args: [
      ...CHROMIUM_ARGS,
      ...(options.headless ? [] : ['--app=data:text/html,', '--window-size=1400,900']),
    ],
    viewport: options.headless ? { width: 1400, height: 900 } : null,
    serviceWorkers: 'block',
    acceptDownloads: false,
    permissions: [],
  });
  // The app's window, once it exists: the only page that may read the stored originals.
  let appPage: Page | null = null;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const sha256 = originalOf(url, CHROMIUM_ORIGIN);
    if (sha256 !== null) {
      if (fetchedByApp(route.request(), appPage)) {
        await fulfil(route, await originalResponse(sha256, options.readOriginal, log));
      } else {
        log(`refused a ${route.request().resourceType()} request for ${url}`);
        await route.abort('blockedbyclient');
      }
      return;
    }
    const file = appFilePath(url, CHROMIUM_ORIGIN);
    if (file === null) {
      log(`refused a request for ${url}`);
      await route.abort('blockedbyclient');
      return;
    }
    try {
      await route.fulfill({
        status: 200,
        body: await readFile(join(options.rendererDir, file)),
        headers: {
          'content-type': mimeType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cross-origin-opener-policy': 'same-origin',
        },
      });
    } catch {
      await route.fulfill({ status: 404, body: 'Not found' });
    }
  });
  await context.exposeBinding(BINDING, async (source, channel: unknown, payload: unknown) => {
    const trusted =
      source.frame === source.page.mainFrame() && source.frame.url().startsWith(APP_URL);
    if (!trusted) {
      log(`refused ${String(channel)} from ${source.frame.url()}`);
      return toWire({
        ok: false,
        code: 'FORBIDDEN',
        message: 'Only the ClaimLens window may call ClaimLens.',
      });
    }
    return toWire(await dispatch(options.handlers, channel, fromWire(payload), log));
  });
  await context.addInitScript({ content: bridgeScript({ channels: CHANNELS, binding: BINDING }) });
  const page = context.pages()[0] ?? (await context.newPage());
  appPage = page;
  // No second window: popups and window.open targets are closed as soon as they appear.
  context.on('page', (extra) => {
    log(`closed a new window for ${extra.url()}`);
    void extra.close();
  });
  // Navigation away is refused at the request; if the frame shows an error page, the app comes
  // back. Watched only once the app has loaded, past the window's own blank start page.
  let loaded = false;
  page.on('framenavigated', (frame) => {
    if (loaded && frame === page.mainFrame() && !frame.url().startsWith(APP_URL)) {
      log(`navigation to ${frame.url()} refused`);
      void page.goto(APP_URL).catch(() => undefined);
    }
  });
  page.on('dialog', (dialog) => void dialog.dismiss());
  await page.goto(APP_URL);
  loaded = true;
  return {
    page,
    context,
    close: () => context.close(),
  };
}

/**
 * Whether a request for a stored original is the app's own fetch(): from the main frame of its
 * window showing the app, never a navigation, a frame, an image, a worker or another page.
 */
function fetchedByApp(request: PageRequest, appPage: Page | null): boolean {
  if (request.method() !== 'GET' || request.resourceType() !== 'fetch') return false;
  if (request.isNavigationRequest()) return false;
  let frame;
  try {
    frame = request.frame();
  } catch {
    // Service workers' requests have no frame (and service workers are blocked anyway).
    return false;
  }
  return (
    appPage !== null &&
    frame === appPage.mainFrame() &&
    frame.parentFrame() === null &&
    frame.url().startsWith(APP_URL)
  );
}

function fulfil(route: Route, response: OriginalResponse): Promise<void> {
  const { body } = response;
  return route.fulfill({
    status: response.status,
    headers: { ...response.headers },
    body:
      typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  });
}
