// The Electron app's export saver: a native save dialog, opened over the app's window in the
// Downloads folder with the export's name, and the file written whole where the user chose.
import type { BrowserWindow, Dialog } from 'electron';
import { extname, join } from 'node:path';
import type { ExportSaver } from './app-export';
import { writeNew } from './app-export';

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  '.pdf': { name: 'PDF document', extensions: ['pdf'] },
  '.jsonld': { name: 'W3C Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'] },
  '.csv': { name: 'CSV spreadsheet', extensions: ['csv'] },
  '.json': { name: 'JSON', extensions: ['json'] },
  '.html': { name: 'HTML report', extensions: ['html', 'htm'] },
};

export function saveWithDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  downloads: () => string,
): ExportSaver {
  return async (file) => {
    const filter = FILTERS[extname(file.fileName)];
    const options = {
      title: 'Export',
      defaultPath: join(downloads(), file.fileName),
      filters: filter ? [filter] : [],
    };
    const parent = window();
    const choice =
      parent !== null && !parent.isDestroyed()
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    await writeNew(choice.filePath, file.bytes);
    return choice.filePath;
  };
}
