// The services both hosts run on: the library store, the rule packs and the handler table, so
// the Electron app and the Chromium host answer every channel with the same code.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { AppInfo } from '../../shared/ipc/contract';
import type { Handlers } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { resourcePath } from '../resources';
import { bundledRulesDir, loadPacks } from '../rules/load-packs';
import { LibraryStore } from '../store/library-store';

export interface HostServices {
  readonly store: LibraryStore;
  readonly handlers: Handlers;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly libraryDir: string;
  readonly host: AppInfo['host'];
  readonly openExternal: (url: URL) => Promise<boolean>;
}

export async function startServices(options: ServiceOptions): Promise<HostServices> {
  const store = await LibraryStore.open(options.libraryDir);
  const userRules = join(options.libraryDir, 'rules');
  const handlers = createHandlers({
    store,
    version: packageJson.version,
    host: options.host,
    // Read on each request, so a pack the user adds is used for the next document.
    packs: () => loadPacks([bundledRulesDir(), ...existingFolder(userRules)]),
    samplesDir: resourcePath('samples'),
    openExternal: options.openExternal,
  });
  return { store, handlers, close: () => store.close() };
}

function existingFolder(path: string): string[] {
  try {
    return statSync(path).isDirectory() ? [path] : [];
  } catch {
    return [];
  }
}
