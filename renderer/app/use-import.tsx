// Opening files: each is stored in the library (hashed and kept as it is), then read in this
// sandbox and its findings saved. Built for folders of thousands of files:
//  - a queue with two files at a time: only their bytes are in memory (a chosen folder's File
//    objects are handles, read when their turn comes), and the list is refreshed every few
//    seconds, not after every file;
//  - each file is hashed here (SHA-256) before anything is sent: one already in the library, or
//    met earlier in this import, is a duplicate and is neither sent nor read again;
//  - Cancel stops taking new files and stops the ones being read; what was saved stays;
//  - at the end a summary lists what failed and why, and the duplicates.
// In a batch, a password-protected PDF is not asked about (a prompt per file would stop a
// thousand-file import): it is reported, to be opened on its own.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { READABLE_ACCEPT, READABLE_NAME } from '../../shared/input/sniff';
import type { DocumentMeta } from '../../shared/model/library';
import { analyseStored } from '../pdf/analyse-document';
import type { PasswordPrompt } from '../pdf/load-document';
import { call } from './api';

/** Files read at once: pdf.js and the engine each have a worker, so two keep both busy. */
const CONCURRENCY = 2;
/** How often the progress and the library list are redrawn during an import. */
const PROGRESS_MS = 150;
const REFRESH_MS = 2000;

export interface ImportFailure {
  readonly name: string;
  readonly reason: string;
}
export interface ImportDuplicate {
  readonly name: string;
  /** The library's name for the same bytes, or the file met earlier in this import. */
  readonly sameAs: string;
}

export interface ImportProgress {
  /** Files being read now. */
  readonly current: readonly string[];
  /** Files finished (imported, skipped as duplicates or failed). */
  readonly done: number;
  readonly total: number;
  /** Pages read of the file read last, for a single long file. */
  readonly pages?: { readonly done: number; readonly total: number };
  readonly imported: number;
  readonly duplicates: readonly ImportDuplicate[];
  readonly failures: readonly ImportFailure[];
  /** Set when the import is over: finished, or cancelled with `notImported` files left. */
  readonly finished: boolean;
  readonly cancelled: boolean;
  readonly notImported: number;
}

export interface Importer {
  readonly documents: DocumentMeta[] | null;
  readonly progress: ImportProgress | null;
  readonly element: ReactElement;
  readonly pickFiles: () => void;
  readonly pickFolder: () => void;
  readonly importFiles: (files: readonly File[]) => void;
  readonly analyse: (meta: DocumentMeta) => Promise<DocumentMeta>;
  /** Cancels a running import, or dismisses the summary of one that ended. */
  readonly cancel: () => void;
}

interface Tally {
  current: Set<string>;
  done: number;
  total: number;
  pages?: { done: number; total: number };
  imported: number;
  duplicates: ImportDuplicate[];
  failures: ImportFailure[];
}

function snapshot(t: Tally, finished: boolean, cancelled: boolean): ImportProgress {
  return {
    current: [...t.current],
    done: t.done,
    total: t.total,
    ...(t.pages ? { pages: { ...t.pages } } : {}),
    imported: t.imported,
    duplicates: [...t.duplicates],
    failures: [...t.failures],
    finished,
    cancelled,
    notImported: finished ? t.total - t.done : 0,
  };
}

/** SHA-256 of the bytes in lower-case hex, as the library names originals. */
async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const declinePassword: PasswordPrompt = () => Promise.resolve(null);

export function useImport(askPassword: PasswordPrompt): Importer {
  const [documents, setDocuments] = useState<DocumentMeta[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    const list = await call('library:list', {});
    setDocuments(list);
    return list;
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const analyse = useCallback(
    async (
      meta: DocumentMeta,
      options: {
        signal?: AbortSignal;
        onPages?: (done: number, total: number) => void;
        batch?: boolean;
        refresh?: boolean;
      } = {},
    ) => {
      const result = await analyseStored(meta, {
        askPassword: options.batch ? declinePassword : askPassword,
        signal: options.signal ?? new AbortController().signal,
        ...(options.onPages ? { onProgress: options.onPages } : {}),
      });
      if (options.refresh !== false) await refresh();
      return result;
    },
    [askPassword, refresh],
  );

  const importFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0 || abort.current !== null) return;
      const controller = new AbortController();
      abort.current = controller;
      const batch = files.length > 1;
      const tally: Tally = {
        current: new Set(),
        done: 0,
        total: files.length,
        imported: 0,
        duplicates: [],
        failures: [],
      };
      let drawn = 0;
      const draw = (force = false) => {
        const now = performance.now();
        if (!force && now - drawn < PROGRESS_MS) return;
        drawn = now;
        setProgress(snapshot(tally, false, false));
      };
      let refreshed = performance.now();
      const refreshNow = async (force = false) => {
        if (!force && performance.now() - refreshed < REFRESH_MS) return;
        refreshed = performance.now();
        await refresh();
      };
      draw(true);

      void (async () => {
        // What the library holds, by SHA-256: a duplicate is found before its bytes are sent.
        const known = new Map((await refresh()).map((d) => [d.sha256, d]));
        const seen = new Map<string, string>();
        const finish = (name: string) => {
          tally.current.delete(name);
          tally.done++;
          draw(tally.done === tally.total);
        };
        const one = async (file: File) => {
          const name = file.webkitRelativePath || file.name;
          tally.current.add(name);
          draw();
          // A file whose reading a cancel stopped is not counted: it is among those not imported.
          let stopped = false;
          try {
            if (file.size === 0) {
              tally.failures.push({ name, reason: 'The file is empty (0 bytes).' });
              return;
            }
            const data = new Uint8Array(await file.arrayBuffer());
            const sha256 = await sha256Hex(data);
            const inLibrary = known.get(sha256);
            const earlier = seen.get(sha256);
            if (earlier !== undefined) {
              tally.duplicates.push({ name, sameAs: earlier });
              return;
            }
            seen.set(sha256, name);
            if (inLibrary && inLibrary.state !== 'pending') {
              tally.duplicates.push({ name, sameAs: inLibrary.fileName });
              return;
            }
            if (controller.signal.aborted) {
              stopped = true;
              return;
            }
            const { meta } = await call('library:import', { fileName: file.name, data });
            const read = await analyse(meta, {
              signal: controller.signal,
              batch,
              // One file shows in the list at once; a batch refreshes it on a timer.
              refresh: !batch,
              onPages: (done, total) => {
                tally.pages = { done, total };
                draw();
              },
            });
            known.set(sha256, read);
            if (read.state === 'failed')
              tally.failures.push({ name, reason: read.error ?? 'The file could not be read.' });
            else tally.imported++;
            await refreshNow();
          } catch (error) {
            if ((error as Error).name === 'AbortError') stopped = true;
            else tally.failures.push({ name, reason: (error as Error).message });
          } finally {
            if (stopped) tally.current.delete(name);
            else finish(name);
          }
        };
        // A small pool of runners taking files from one queue, in path order.
        let next = 0;
        const runner = async () => {
          while (!controller.signal.aborted && next < files.length) {
            const file = files[next++]!;
            await one(file);
          }
        };
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, runner));
        abort.current = null;
        await refreshNow(true);
        tally.current.clear();
        // One file opened and read: its row says so, no summary is needed.
        const quiet = files.length === 1 && tally.imported === 1 && !controller.signal.aborted;
        setProgress(quiet ? null : snapshot(tally, true, controller.signal.aborted));
      })();
    },
    [analyse, refresh],
  );

  useEffect(() => {
    // React has no prop for it: a folder picker is a file input with this attribute.
    folder.current?.setAttribute('webkitdirectory', '');
  }, []);

  const element = useMemo(
    () => (
      <>
        <input
          ref={input}
          type="file"
          accept={READABLE_ACCEPT}
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            importFiles([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={folder}
          type="file"
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            importFiles(readableOf([...(e.currentTarget.files ?? [])]));
            e.currentTarget.value = '';
          }}
        />
      </>
    ),
    [importFiles],
  );

  return {
    documents,
    progress,
    element,
    pickFiles: () => input.current?.click(),
    pickFolder: () => folder.current?.click(),
    importFiles,
    analyse: (meta) => analyse(meta),
    cancel: () => {
      if (abort.current) abort.current.abort();
      else setProgress(null);
    },
  };
}

/**
 * The files of a dropped or chosen folder that ClaimLens reads (PDF, Word, web pages, images,
 * text: the command line's folder walk picks the same), in path order; others are not read.
 */
export function readableOf(files: readonly File[]): File[] {
  const path = (f: File): string => f.webkitRelativePath || f.name;
  return files
    .filter((f) => READABLE_NAME.test(f.name))
    .sort((a, b) => path(a).localeCompare(path(b)));
}
