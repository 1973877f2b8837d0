// Opening files: each is stored in the library (hashed and kept as it is), then read in this
// sandbox and its findings saved; several files show one progress bar that can be cancelled.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { DocumentMeta } from '../../shared/model/library';
import { analyseStored } from '../pdf/analyse-document';
import type { PasswordPrompt } from '../pdf/load-document';
import { call } from './api';

export interface ImportProgress {
  readonly label: string;
  readonly index: number;
  readonly total: number;
  /** Pages read of the current file. */
  readonly pages?: { readonly done: number; readonly total: number };
  readonly failures: readonly string[];
}

export interface Importer {
  readonly documents: DocumentMeta[] | null;
  readonly progress: ImportProgress | null;
  readonly element: ReactElement;
  readonly pickFiles: () => void;
  readonly pickFolder: () => void;
  readonly importFiles: (files: readonly File[]) => void;
  readonly analyse: (meta: DocumentMeta) => Promise<DocumentMeta>;
  readonly cancel: () => void;
}

export function useImport(askPassword: PasswordPrompt): Importer {
  const [documents, setDocuments] = useState<DocumentMeta[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    setDocuments(await call('library:list', {}));
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const analyse = useCallback(
    async (
      meta: DocumentMeta,
      signal = new AbortController().signal,
      onPages?: (done: number, total: number) => void,
    ) => {
      const result = await analyseStored(meta, {
        askPassword,
        signal,
        ...(onPages ? { onProgress: onPages } : {}),
      });
      await refresh();
      return result;
    },
    [askPassword, refresh],
  );

  const importFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0 || abort.current !== null) return;
      const controller = new AbortController();
      abort.current = controller;
      void (async () => {
        const failures: string[] = [];
        for (const [index, file] of files.entries()) {
          if (controller.signal.aborted) break;
          const base = { label: file.name, index, total: files.length, failures };
          setProgress(base);
          try {
            const data = new Uint8Array(await file.arrayBuffer());
            const { meta } = await call('library:import', { fileName: file.name, data });
            if (meta.state === 'pending') {
              const read = await analyse(meta, controller.signal, (done, total) => {
                setProgress({ ...base, pages: { done, total } });
              });
              if (read.state === 'failed')
                failures.push(`${file.name}: ${read.error ?? 'unreadable'}`);
            }
          } catch (error) {
            if ((error as Error).name !== 'AbortError')
              failures.push(`${file.name}: ${(error as Error).message}`);
          }
          await refresh();
        }
        abort.current = null;
        setProgress(
          failures.length > 0
            ? { label: '', index: files.length, total: files.length, failures }
            : null,
        );
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
          accept=".pdf,application/pdf"
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
            importFiles(pdfsOf([...(e.currentTarget.files ?? [])]));
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
      abort.current?.abort();
      setProgress(null);
    },
  };
}

/** The PDFs of a dropped or chosen folder, in path order (other files are not read). */
export function pdfsOf(files: readonly File[]): File[] {
  const path = (f: File): string => f.webkitRelativePath || f.name;
  return files.filter((f) => /\.pdf$/i.test(f.name)).sort((a, b) => path(a).localeCompare(path(b)));
}
