// `claimlens import --library DIR PATH...`: every PDF and text file of the folders (and the files
// named) goes into a library, as the app's import does: hashed first, the original copied once,
// read, and its findings and page texts saved. Built for folders of thousands of files:
//  - one file's bytes are in memory at a time on the main thread, and at most a few files are
//    being read by the workers (a queue with limited concurrency), so memory stays bounded;
//  - a file whose SHA-256 is already in the library, or was met earlier in the run, is a
//    duplicate: not copied, not read again;
//  - Ctrl-C (SIGINT) stops taking new files, lets the ones being read finish and be saved, and
//    reports what was not imported; everything saved stays in the library;
//  - the summary names every file that failed and why.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult, RulePackInfo } from '../../shared/model/finding';
import type { DocumentMeta } from '../../shared/model/library';
import { packInfo, type LoadedPack } from '../../shared/rules/compile';
import type { PageTextOut } from '../extract/analyse-file';
import { LibraryStore, StoreError } from '../store/library-store';
import { EXIT } from './analyse-command';
import { collectInputs } from './inputs';
import { writeOutput } from './output';
import { WorkerPool } from './pool';
import type { Job, Reply, WorkerSetup } from './worker';
import type { OcrLanguage } from '../../shared/ocr/languages';
import { WORKER_MEMORY_MB } from './early-workers';

export type ImportFormat = 'json' | 'table';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['json', 'table'];

export interface ImportOptions {
  readonly library: string;
  readonly paths: readonly string[];
  readonly format: ImportFormat;
  readonly loadPacks: () => LoadedPack[];
  readonly out?: string;
  readonly jobs: number;
  readonly timeoutSeconds: number;
  /** --ocr-languages: the languages scanned pages are read with (all shipped ones by default). */
  readonly ocrLanguages?: readonly OcrLanguage[];
  /** Stops the import as Ctrl-C does (tests, embedders); SIGINT is always listened to. */
  readonly signal?: AbortSignal;
}

export interface ImportedFile {
  readonly path: string;
  readonly sha256: string;
  readonly pages: number | null;
  readonly findings: number;
}
export interface DuplicateFile {
  readonly path: string;
  readonly sha256: string;
  /** The library's file name for these bytes, or the path met earlier in this run. */
  readonly sameAs: string;
  readonly reason: 'in-library' | 'in-this-run';
  /** For a duplicate of a library document that could not be read: why (not retried). */
  readonly libraryError?: string;
}
export interface FailedFile {
  readonly path: string;
  readonly sha256: string | null;
  readonly error: string;
}

export interface ImportSummary {
  readonly library: string;
  readonly files: number;
  readonly cancelled: boolean;
  readonly imported: ImportedFile[];
  readonly duplicates: DuplicateFile[];
  readonly failed: FailedFile[];
  /** Files not looked at because the import was cancelled. */
  readonly notImported: string[];
}

export async function importCommand(options: ImportOptions): Promise<number> {
  const { files, missing } = collectInputs(options.paths);
  let store: LibraryStore;
  try {
    store = await LibraryStore.open(options.library);
  } catch (error) {
    if (error instanceof StoreError) {
      process.stderr.write(`claimlens: ${error.message}\n`);
      return EXIT.unreadable;
    }
    throw error;
  }
  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nCancelling: finishing the files being read, then stopping.\n');
    controller.abort();
    // A second Ctrl-C stops at once; the library's journal keeps every save made so far.
    process.removeListener('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  let summary: ImportSummary;
  try {
    summary = await importFiles(store, files, { ...options, signal: controller.signal });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await store.close();
  }
  summary.failed.push(
    ...missing.map((path) => ({ path, sha256: null, error: 'The file or folder does not exist.' })),
  );
  const text =
    options.format === 'json'
      ? JSON.stringify(summary, null, 2) + '\n'
      : formatImportSummary(summary);
  writeOutput(text, options.out);
  return summary.failed.length > 0 || summary.cancelled ? EXIT.unreadable : EXIT.done;
}

interface Progress {
  readonly total: number;
  done: number;
  lastShare: number;
}

function reportProgress(progress: Progress, path: string): void {
  progress.done++;
  if (process.stderr.isTTY) {
    const width = Math.max(20, process.stderr.columns - 24);
    const name = path.length > width ? `...${path.slice(-(width - 3))}` : path;
    process.stderr.write(`\r\x1b[K[${progress.done}/${progress.total}] ${name}`);
    return;
  }
  // Logs get a line every 5% (and at the end), not one per file.
  const share = Math.floor((progress.done / progress.total) * 20);
  if (share > progress.lastShare || progress.done === progress.total) {
    progress.lastShare = share;
    process.stderr.write(
      `import: ${progress.done} of ${progress.total} files (${Math.floor((progress.done / progress.total) * 100)}%)\n`,
    );
  }
}

async function importFiles(
  store: LibraryStore,
  files: readonly string[],
  options: ImportOptions & { signal: AbortSignal },
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    library: options.library,
    files: files.length,
    cancelled: false,
    imported: [],
    duplicates: [],
    failed: [],
    notImported: [],
  };
  const progress: Progress = { total: files.length, done: 0, lastShare: 0 };
  const known = new Map<string, DocumentMeta>(store.list().map((d) => [d.sha256, d]));
  const seen = new Map<string, string>();
  const packs = options.loadPacks();
  const packInfos = packs.map(packInfo);
  const size = Math.max(1, Math.min(options.jobs, files.length));

  // The pool reads files; saves to the library go one after another, in the order they finish.
  const expected = new Map<number, string>();
  let saving: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const settled = (): void => {
    inFlight--;
    wake?.();
  };
  const save = (path: string, sha256: string, work: () => Promise<void>): void => {
    saving = saving
      .then(work)
      .catch((error: unknown) => {
        summary.failed.push({ path, sha256, error: (error as Error).message });
      })
      .finally(() => {
        reportProgress(progress, path);
        settled();
      });
  };
  const pool = new WorkerPool<Job, Reply>({
    size,
    workerUrl: new URL('./worker.mjs', import.meta.url),
    setup: Promise.resolve({
      packs,
      keepText: true,
      ...(options.ocrLanguages !== undefined ? { ocrLanguages: options.ocrLanguages } : {}),
    } satisfies WorkerSetup),
    timeoutMs: options.timeoutSeconds * 1000,
    memoryMb: WORKER_MEMORY_MB,
    onReply: (job, reply) => {
      const sha256 = expected.get(job.file)!;
      expected.delete(job.file);
      if (reply.kind !== 'done') {
        // Only a split document answers otherwise, and import does not split.
        save(job.path, sha256, () =>
          markFailed(store, summary, job.path, sha256, 'ClaimLens read only part of this file.'),
        );
        return;
      }
      save(job.path, sha256, () =>
        saveResult(store, summary, job.path, sha256, reply.result, reply.texts, packInfos),
      );
    },
    onFailure: (job, error) => {
      const sha256 = expected.get(job.file)!;
      expected.delete(job.file);
      save(job.path, sha256, () => markFailed(store, summary, job.path, sha256, error.message));
    },
  });
  pool.prestart(size);

  try {
    for (const [index, path] of files.entries()) {
      if (options.signal.aborted) {
        summary.notImported.push(...files.slice(index));
        break;
      }
      // At most two files waiting per worker: memory does not grow with the folder.
      while (inFlight >= size * 2) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (error) {
        summary.failed.push({ path, sha256: null, error: readFailure(error) });
        reportProgress(progress, path);
        continue;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const inLibrary = known.get(sha256);
      const earlier = seen.get(sha256);
      if (earlier !== undefined || (inLibrary !== undefined && inLibrary.state !== 'pending')) {
        summary.duplicates.push(
          earlier !== undefined
            ? { path, sha256, sameAs: earlier, reason: 'in-this-run' }
            : {
                path,
                sha256,
                sameAs: inLibrary!.fileName,
                reason: 'in-library',
                ...(inLibrary!.state === 'failed'
                  ? { libraryError: inLibrary!.error ?? 'unreadable' }
                  : {}),
              },
        );
        reportProgress(progress, path);
        continue;
      }
      seen.set(sha256, path);
      if (bytes.length === 0) {
        summary.failed.push({ path, sha256, error: 'The file is empty (0 bytes).' });
        reportProgress(progress, path);
        continue;
      }
      try {
        await store.importDocument(basename(path), bytes);
      } catch (error) {
        if (!(error instanceof StoreError) || error.code === 'STORE_FAILED') throw error;
        summary.failed.push({ path, sha256, error: error.message });
        reportProgress(progress, path);
        continue;
      }
      expected.set(index, sha256);
      inFlight++;
      pool.push({ file: index, path });
    }
    while (inFlight > 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    await saving;
  } finally {
    await pool.close();
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);
  summary.imported.sort(byPath);
  summary.failed.sort(byPath);
  return { ...summary, cancelled: options.signal.aborted };
}

async function saveResult(
  store: LibraryStore,
  summary: ImportSummary,
  path: string,
  sha256: string,
  result: DocumentResult,
  texts: readonly PageTextOut[] | undefined,
  rulePacks: RulePackInfo[],
): Promise<void> {
  if (result.error !== null) {
    await markFailed(store, summary, path, sha256, result.error);
    return;
  }
  if (result.sha256 !== sha256) {
    await markFailed(
      store,
      summary,
      path,
      sha256,
      'The file changed while it was being imported; import it again.',
    );
    return;
  }
  // Every page is listed, also one without text, so the library knows the page count.
  const byPage = new Map((texts ?? []).map((t) => [t.page, t.text]));
  const pages = Array.from({ length: result.pages ?? byPage.size }, (_, i) => ({
    page: i + 1,
    text: byPage.get(i + 1) ?? '',
  }));
  await store.saveAnalysis({
    sha256,
    pages,
    findings: result.findings,
    engine: ENGINE_VERSION,
    rulePacks,
    warnings: result.warnings,
  });
  summary.imported.push({ path, sha256, pages: result.pages, findings: result.findings.length });
}

async function markFailed(
  store: LibraryStore,
  summary: ImportSummary,
  path: string,
  sha256: string,
  error: string,
): Promise<void> {
  await store.markFailed(sha256, error);
  summary.failed.push({ path, sha256, error });
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return 'The file does not exist (it was moved or deleted during the import).';
  if (code === 'EACCES' || code === 'EPERM')
    return 'ClaimLens is not allowed to read this file (permission denied).';
  return new ReadError('FILE_UNREADABLE', `The file cannot be read: ${(error as Error).message}`)
    .message;
}

export function formatImportSummary(s: ImportSummary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out = [
    `${s.cancelled ? 'Cancelled' : 'Done'}: ${plural(s.files, 'file')} into ${s.library}: ` +
      `${s.imported.length} imported, ${plural(s.duplicates.length, 'duplicate')} skipped, ` +
      `${s.failed.length} failed${s.notImported.length > 0 ? `, ${s.notImported.length} not imported (cancelled)` : ''}.`,
  ];
  if (s.failed.length > 0) {
    out.push('', 'Failed:');
    for (const f of s.failed) out.push(`  ${f.path}: ${f.error}`);
  }
  if (s.duplicates.length > 0) {
    out.push('', 'Duplicates (same SHA-256, not imported again):');
    for (const d of s.duplicates)
      out.push(
        `  ${d.path}: ${d.reason === 'in-library' ? `already in the library as ${d.sameAs}` : `same file as ${d.sameAs}`}` +
          (d.libraryError !== undefined ? ` (it could not be read: ${d.libraryError})` : ''),
      );
  }
  if (s.notImported.length > 0) {
    out.push(
      '',
      `Not imported (cancelled): ${plural(s.notImported.length, 'file')}, run the same command again to continue.`,
    );
  }
  return out.join('\n') + '\n';
}
