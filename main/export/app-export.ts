// The app's Export command ('document:export'): main gathers the library document's evidence,
// builds the file with the same code as `claimlens export` (but for the annotated PDF copy, which
// the sandboxed renderer builds and main only checks: main parses no untrusted file), and hands
// it to the host's saver: Electron asks where with a native save dialog; the Chromium host, which
// has no such dialog, saves into the user's Downloads folder under a name that replaces nothing.
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import type {
  AnnotatedCopyUpload,
  ExportFormat,
  ExportOutcome,
  ReportCropUpload,
} from '../../shared/ipc/contract';
import { HandlerError } from '../ipc/dispatch';
import { EvidenceError, evidenceFromLibrary, type EvidenceLibrary } from './evidence-source';
import { annotatedExport, checkedCopy } from './annotated-upload';
import { renderBundle } from './bundle-export';
import type { BundleDocument } from './bundle-evidence';
import { renderExport, type RenderedExport } from './render-export';

/** Saves a built export; resolves where it went, or null when the user cancelled. */
export type ExportSaver = (file: RenderedExport) => Promise<string | null>;

export async function exportDocument(
  library: EvidenceLibrary,
  save: ExportSaver,
  request: {
    sha256: string;
    format: ExportFormat;
    crops?: readonly ReportCropUpload[];
    /** Pages whose crops the renderer could not draw: the report and the warnings name them. */
    undrawnPages?: readonly number[];
    annotated?: AnnotatedCopyUpload;
  },
): Promise<ExportOutcome> {
  let file: RenderedExport;
  try {
    const evidence = await evidenceFromLibrary(library, request.sha256);
    // A report's page images come drawn by the renderer (main parses no PDF); none at all for
    // a document that is not a PDF.
    const crops = new Map((request.crops ?? []).map((c) => [c.id, c]));
    const undrawnPages = request.undrawnPages ?? [];
    if (request.format === 'annotated-pdf') {
      file = annotatedExport(
        evidence,
        checkedCopy(evidence, request.annotated),
        evidence.warnings.map((w) => `${evidence.detail.meta.fileName}: ${w}`),
      );
    } else if (request.format === 'bundle') {
      // The bundle carries the library's whole audit chain, so verify can re-check it; its
      // annotated copy is the renderer's, checked, or left out with why (never built here).
      const annotated: BundleDocument['annotated'] =
        request.annotated === undefined || 'error' in request.annotated
          ? { error: request.annotated?.error ?? noCopy(evidence.detail.meta.fileName) }
          : { bytes: checkedCopy(evidence, request.annotated).bytes };
      file = await renderBundle([{ ...evidence, crops, undrawnPages, annotated }], library.audit());
    } else {
      file = await renderExport(request.format, [{ ...evidence, crops, undrawnPages }]);
    }
  } catch (error) {
    if (!(error instanceof EvidenceError)) throw error;
    throw new HandlerError(
      error.code === 'VERIFICATION' ? 'VERIFICATION_FAILED' : 'EXPORT_FAILED',
      error.message,
    );
  }
  const path = await save(file);
  return {
    saved: path !== null,
    path,
    fileName: file.fileName,
    summary: file.summary,
    warnings: [...file.warnings],
  };
}

function noCopy(fileName: string): string {
  return `the app's window sent no annotated copy of ${fileName} (it builds the copy from the open document)`;
}

/** The user's Downloads folder where there is one, else the home folder. */
export function downloadsDir(): string {
  const downloads = join(homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : homedir();
}

/**
 * A saver that writes into `dir` without asking: "name.ext", else "name (2).ext" and so on, so
 * an earlier export is never replaced. The file is written under a temporary name and renamed.
 */
export function saveIntoFolder(dir: string): ExportSaver {
  return async (file) => {
    await mkdir(dir, { recursive: true });
    const ext = extname(file.fileName);
    const stem = file.fileName.slice(0, file.fileName.length - ext.length);
    for (let n = 1; n < 1000; n += 1) {
      const path = join(dir, n === 1 ? file.fileName : `${stem} (${n})${ext}`);
      if (existsSync(path)) continue;
      await writeNew(path, file.bytes);
      return path;
    }
    throw new HandlerError(
      'EXPORT_FAILED',
      `${dir} already holds 999 exports named ${file.fileName}.`,
    );
  };
}

/** Writes to a temporary file beside `path`, then renames: never half a file at `path`. */
export async function writeNew(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.part`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new HandlerError(
      'EXPORT_FAILED',
      `The export could not be saved as ${path}: ${(error as Error).message}`,
    );
  }
}
