// Runs the analysis of many files on the worker pool: one job per file, and a long PDF's pages
// shared out between the workers so a single 400-page datasheet uses every core.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult } from '../../shared/model/finding';
import type { OcrLanguage } from '../../shared/ocr/languages';
import type { LoadedPack } from '../../shared/rules/compile';
import { assembleDocument, failed, type PagesPart } from '../extract/document-result';
import { WorkerPool } from './pool';
import type { Job, Reply, WorkerSetup } from './worker';

export interface RunOptions {
  /** Reads the rule packs; called once the workers are starting, so both happen at once. */
  readonly loadPacks: () => LoadedPack[];
  readonly jobs: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** The languages scanned pages are read with; every shipped one when left out. */
  readonly ocrLanguages?: readonly OcrLanguage[];
  readonly onStart?: (path: string) => void;
  /** A page of the file was read by OCR. */
  readonly onOcrPage?: (path: string) => void;
  /** Called once per file, in any order, as soon as its result is complete. */
  readonly onResult: (index: number, result: DocumentResult) => void;
}

interface Pending {
  readonly sha256: string;
  readonly pageCount: number;
  readonly parts: PagesPart[];
  readonly expected: number;
}

/** Analyses `files`; returns the rule packs it used. */
export async function runAnalysis(
  files: readonly string[],
  options: RunOptions,
): Promise<LoadedPack[]> {
  if (files.length === 0) return options.loadPacks();
  const pending = new Map<number, Pending>();
  const completed = new Set<number>();
  const complete = (index: number, result: DocumentResult): void => {
    if (completed.has(index)) return;
    completed.add(index);
    pending.delete(index);
    options.onResult(index, result.sha256 === null ? withHash(result, files[index]!) : result);
  };

  let provideSetup: (setup: WorkerSetup) => void = () => undefined;
  const setup = new Promise<WorkerSetup>((resolve) => {
    provideSetup = resolve;
  });
  const pool: WorkerPool<Job, Reply> = new WorkerPool<Job, Reply>({
    size: Math.max(1, options.jobs),
    workerUrl: new URL('./worker.mjs', import.meta.url),
    setup,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
    onStart: (job) => {
      if (job.part === undefined && job.prepare !== true) options.onStart?.(job.path);
    },
    onProgress: (job) => {
      options.onOcrPage?.(job.path);
    },
    onReply: (job, reply) => {
      const path = files[job.file]!;
      switch (reply.kind) {
        case 'done':
          complete(job.file, reply.result);
          return;
        case 'split':
          pending.set(job.file, {
            sha256: reply.sha256,
            pageCount: reply.pageCount,
            parts: [],
            expected: 1 + reply.rest.length,
          });
          // In their order: the next free worker takes the largest part left.
          pool.pushAll(
            reply.rest.map((range) => ({
              file: job.file,
              path,
              part: { range, sha256: reply.sha256 },
            })),
            true,
          );
          return;
        case 'part': {
          const doc = pending.get(job.file);
          if (doc === undefined) return;
          doc.parts.push(reply.part);
          if (doc.parts.length === doc.expected) {
            complete(job.file, assembleDocument(path, doc.sha256, doc.pageCount, doc.parts));
          }
          return;
        }
        case 'prepared':
          return;
        case 'part-failed':
          complete(
            job.file,
            failed(
              path,
              pending.get(job.file)?.sha256 ?? null,
              new ReadError(reply.code, reply.error),
            ),
          );
          return;
      }
    },
    onFailure: (job, error) => {
      // The worker given the whole file reports it.
      if (job.prepare === true) return;
      complete(job.file, failed(files[job.file]!, pending.get(job.file)?.sha256 ?? null, error));
    },
  });
  // A single long file is shared out, so every worker may be needed from the start.
  pool.prestart(files.length === 1 ? options.jobs : Math.min(options.jobs, files.length));
  try {
    const packs = options.loadPacks();
    provideSetup({
      packs,
      split: { workers: options.jobs },
      ...(options.ocrLanguages !== undefined ? { ocrLanguages: options.ocrLanguages } : {}),
    });
    files.forEach((path, file) => {
      pool.push({ file, path });
    });
    // Workers left without a file of their own open one the others read, so that when it is
    // long and shared out they read their parts at once instead of opening it then.
    for (let k = files.length; k < options.jobs; k++) {
      const file = k % files.length;
      pool.push({ file, path: files[file]!, prepare: true });
    }
    await pool.whenIdle();
    return packs;
  } finally {
    // The workers stop on their own threads while the caller writes the results.
    void pool.close();
  }
}

/** A file that failed in a worker still gets its SHA-256, as evidence of what was given. */
function withHash(result: DocumentResult, file: string): DocumentResult {
  try {
    return { ...result, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
  } catch {
    return result;
  }
}
