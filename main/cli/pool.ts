// A pool of worker threads, one file at a time each, with a time and memory limit per file: a
// file that hangs or explodes is stopped and reported, and the rest of the run goes on.
import { Worker } from 'node:worker_threads';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult } from '../../shared/model/finding';
import type { LoadedPack } from '../../shared/rules/compile';
import { failed } from '../extract/analyse-file';

export interface WorkerSetup {
  readonly packs: readonly LoadedPack[];
}
export interface WorkerJob {
  readonly id: number;
  readonly path: string;
}
export interface WorkerReply {
  readonly id: number;
  readonly result: DocumentResult;
}

export interface PoolOptions {
  readonly size: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly setup: WorkerSetup;
  readonly workerUrl: URL;
  readonly onStart?: (index: number) => void;
  readonly onResult: (index: number, result: DocumentResult) => void;
}

interface Slot {
  worker: Worker;
  job: WorkerJob | null;
  timer: NodeJS.Timeout | null;
}

/** Analyses `paths` and resolves when every one has a result. */
export function runPool(paths: readonly string[], options: PoolOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    const slots = new Set<Slot>();
    if (paths.length === 0) {
      resolve();
      return;
    }

    const report = (id: number, result: DocumentResult): void => {
      options.onResult(id, result);
      done++;
      if (done === paths.length) {
        for (const s of slots) void s.worker.terminate();
        slots.clear();
        resolve();
      }
    };

    const finish = (slot: Slot, result: DocumentResult): void => {
      if (slot.timer) clearTimeout(slot.timer);
      const id = slot.job!.id;
      slot.job = null;
      slot.timer = null;
      report(id, result);
      feed(slot);
    };

    /** Stops a worker that failed or ran out of time, reports its file, and starts another. */
    const replace = (slot: Slot, error: ReadError): void => {
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slots.delete(slot);
      void slot.worker.terminate();
      if (next < paths.length) start();
      if (job) report(job.id, failed(job.path, null, error));
    };

    const feed = (slot: Slot): void => {
      if (next >= paths.length || !slots.has(slot)) return;
      const job = { id: next, path: paths[next]! };
      next++;
      slot.job = job;
      options.onStart?.(job.id);
      slot.timer = setTimeout(() => {
        replace(
          slot,
          new ReadError(
            'TIMEOUT',
            `Stopped after ${Math.round(options.timeoutMs / 1000)} s: the file took too long to analyse (raise the limit with --timeout).`,
          ),
        );
      }, options.timeoutMs);
      slot.worker.postMessage(job);
    };

    const start = (): Slot => {
      const worker = new Worker(options.workerUrl, {
        workerData: options.setup,
        resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
        stderr: true,
      });
      // pdf.js reports odd fonts on stderr; the run's own messages say what matters.
      worker.stderr.resume();
      const slot: Slot = { worker, job: null, timer: null };
      slots.add(slot);
      worker.on('message', (message: WorkerReply | { ready: true }) => {
        if ('ready' in message) {
          if (slot.job === null) feed(slot);
          return;
        }
        if (slot.job?.id === message.id) finish(slot, message.result);
      });
      worker.on('error', (error: Error & { code?: string }) => {
        if (!slots.has(slot)) return;
        if (slot.job === null) {
          reject(error);
          return;
        }
        replace(
          slot,
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ReadError('OUT_OF_MEMORY', `Stopped: reading the file needed more than ${options.memoryMb} MB of memory.`)
            : new ReadError('INTERNAL', `ClaimLens failed while reading this file: ${error.message}`),
        );
      });
      worker.on('exit', () => {
        if (slots.has(slot) && slot.job !== null) {
          replace(slot, new ReadError('INTERNAL', 'The analysis stopped unexpectedly while reading this file.'));
        }
      });
      return slot;
    };

    for (let i = 0; i < Math.min(options.size, paths.length); i++) start();
  });
}
