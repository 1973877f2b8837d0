// The services both hosts run on: the library store, the rule packs and the handler table, so
// the Electron app and the Chromium host answer every channel with the same code.
import packageJson from '../../package.json' with { type: 'json' };
import type { AppInfo } from '../../shared/ipc/contract';
import type { ExportSaver } from '../export/app-export';
import type { Handlers } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { resourcePath } from '../resources';
import type { LoadedPack } from '../../shared/rules/compile';
import { bundledRulesDir, loadPacks } from '../rules/load-packs';
import { UserPacks } from '../rules/user-packs';
import { LibraryStore } from '../store/library-store';
import { importPaths } from '../open-files';

export interface HostServices {
  readonly store: LibraryStore;
  readonly handlers: Handlers;
  /** Files given at start that were not opened, "name: why" (main/open-files.ts). */
  readonly openRefused: readonly string[];
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly libraryDir: string;
  readonly host: AppInfo['host'];
  readonly openExternal: (url: URL) => Promise<boolean>;
  /** Files to open as the app starts (from its command line): imported before anything else. */
  readonly open?: readonly string[];
  readonly log?: (message: string) => void;
  /** Where exports go (Electron: a save dialog); by default the Downloads folder. */
  readonly saveExport?: ExportSaver;
}

export async function startServices(options: ServiceOptions): Promise<HostServices> {
  const store = await LibraryStore.open(options.libraryDir);
  const opened = await importPaths(store, options.open ?? [], options.log ?? (() => undefined));
  let bundled: LoadedPack[] | null = null;
  const rules = new UserPacks({
    libraryDir: options.libraryDir,
    // The bundled packs do not change while the app runs.
    bundled: () => (bundled ??= loadPacks([bundledRulesDir()])),
    audit: (action, detail) => store.recordChange(action, detail),
  });
  const handlers = createHandlers({
    store,
    version: packageJson.version,
    host: options.host,
    // Read on each request, so a pack the user adds is used for the next document; a broken
    // file in the library's rules folder is left out here and shown on the Rules screen.
    packs: () => rules.forEngine(),
    rules,
    samplesDir: resourcePath('samples'),
    openAtStart: opened.last,
    openExternal: options.openExternal,
    ...(options.saveExport ? { saveExport: options.saveExport } : {}),
  });
  return { store, handlers, openRefused: opened.refused, close: () => store.close() };
}
