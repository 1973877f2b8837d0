// Runs the real app in the Chromium host, headless, on a library folder of the test's own:
// the built renderer, the real handler table and store, Debian's chromium.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { saveIntoFolder, type ExportSaver } from '../../main/export/app-export';
import { startChromiumHost, type ChromiumHost } from '../../main/hosts/chromium-host';
import { startServices, type HostServices } from '../../main/hosts/services';
import { ensureBuilt } from '../../main/toolchain/build.mjs';

export const CHROMIUM = process.env.CLAIMLENS_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '.output', 'screenshots');

export interface RunningApp {
  readonly page: Page;
  readonly services: HostServices;
  readonly host: ChromiumHost;
  /** What the host refused (requests, windows, frames), for the hostile-input test. */
  readonly refused: string[];
  stop(): Promise<void>;
}

let renderer: Promise<string> | null = null;

export function rendererBuild(): Promise<string> {
  renderer ??= ensureBuilt('renderer');
  return renderer;
}

export function newLibraryDir(): string {
  return mkdtempSync(join(tmpdir(), 'claimlens-library-'));
}

export async function startApp(
  libraryDir: string,
  options: {
    readonly saveExport?: ExportSaver;
    /** Files on the host's command line, as `npm start -- FILE.pdf` passes them. */
    readonly open?: readonly string[];
  } = {},
): Promise<RunningApp> {
  if (!existsSync(CHROMIUM))
    throw new Error(`The UI tests need Chromium at ${CHROMIUM} (apt-get install chromium).`);
  const services = await startServices({
    libraryDir,
    host: 'chromium',
    openExternal: () => Promise.resolve(false),
    ...(options.saveExport ? { saveExport: options.saveExport } : {}),
    ...(options.open ? { open: options.open } : {}),
  });
  const refused: string[] = [];
  const host = await startChromiumHost({
    executablePath: CHROMIUM,
    rendererDir: await rendererBuild(),
    profileDir: mkdtempSync(join(tmpdir(), 'claimlens-profile-')),
    handlers: services.handlers,
    readOriginal: (sha256) => services.store.readOriginal(sha256),
    headless: true,
    log: (message) => refused.push(message),
  });
  return {
    page: host.page,
    services,
    host,
    refused,
    stop: async () => {
      await host.close();
      await services.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Starts the app on a new library whose exports land in `exportsDir`, waits for the first-run
 * sample, and confirms its ethnicity claim with `note`: the reviewed document the export tests
 * export. Returns the app and the document toolbar.
 */
export async function reviewedSample(exportsDir: string, note: string) {
  const app = await startApp(newLibraryDir(), { saveExport: saveIntoFolder(exportsDir) });
  const { page } = app;
  const toolbar = page.getByRole('toolbar', { name: 'Document' });
  await toolbar.getByText('sentinel-vision-brochure.pdf').waitFor({ timeout: 60_000 });
  const findings = page.getByRole('complementary', { name: 'Findings' });
  await findings.getByRole('button', { name: /classify race and ethnicity/ }).click();
  const detail = page.getByRole('region', { name: 'Selected finding' });
  await detail.getByRole('radio', { name: 'Confirmed' }).click();
  await detail.getByLabel('Note').fill(note);
  await detail.getByText(/^Saved /).waitFor();
  return { app, toolbar };
}
