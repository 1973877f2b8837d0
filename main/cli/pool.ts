// A pool of worker threads, one job at a time each, with a time and memory limit per job: a file
// that hangs or explodes is stopped and reported, its worker replaced, and the run goes on.
import { Worker } from 'node:worker_threads';
import { ReadError } from '../../shared/model/errors';
import { takeEarlyWorker, workerOptions } from './early-workers';

export interface PoolOptions<J, R> {
  readonly size: number;
  readonly workerUrl: URL;
  /** Sent to each worker as its first message once it resolves; the worker then says 'ready'. */
  readonly setup: Promise<unknown>;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly onStart?: (job: J) => void;
  /** A job's worker finished a slow step (a page read by OCR). */
  readonly onProgress?: (job: J) => void;
  readonly onReply: (job: J, reply: R) => void;
  readonly onFailure: (job: J, error: ReadError) => void;
}

interface Slot<J> {
  readonly worker: Worker;
  ready: boolean;
  job: J | null;
  timer: NodeJS.Timeout | null;
}

/**
 * A worker's message: the job it is about and a reply. A job ends with its one final reply; news
 * on the way (a long PDF being split) comes as replies that are not final.
 */
export interface Envelope<J, R> {
  readonly job: J;
  readonly reply: R;
  readonly final: boolean;
}

export class WorkerPool<J, R> {
  private readonly queue: J[] = [];
  private readonly slots = new Set<Slot<J>>();
  private idleWaiters: (() => void)[] = [];
  private fatal: ((error: Error) => void) | null = null;

  constructor(private readonly options: PoolOptions<J, R>) {}

  /** Queues a job; `urgent` jobs (parts of a document already started) go first. */
  push(job: J, urgent = false): void {
    this.pushAll([job], urgent);
  }

  /** Queues jobs in their order; `urgent` ones go before every job waiting. */
  pushAll(jobs: readonly J[], urgent = false): void {
    if (urgent) this.queue.unshift(...jobs);
    else this.queue.push(...jobs);
    while (
      this.slots.size < this.options.size &&
      this.slots.size < this.queue.length + this.busy()
    ) {
      this.start();
    }
    for (const slot of this.slots) this.feed(slot);
  }

  /** Starts workers before jobs arrive, so they load the parser while the rule packs are read. */
  prestart(count: number): void {
    while (this.slots.size < Math.min(count, this.options.size)) this.start();
  }

  /** Resolves when every queued job has a reply or a failure; rejects if a worker cannot start. */
  whenIdle(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.fatal = reject;
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private busy(): number {
    return [...this.slots].filter((s) => s.job !== null).length;
  }

  private checkIdle(): void {
    if (this.queue.length > 0 || this.busy() > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private feed(slot: Slot<J>): void {
    if (!slot.ready || slot.job !== null || !this.slots.has(slot)) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    slot.job = job;
    this.options.onStart?.(job);
    this.arm(slot);
    slot.worker.postMessage(job);
  }

  /** (Re)starts the job's time limit. */
  private arm(slot: Slot<J>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      const seconds = Math.round(this.options.timeoutMs / 1000);
      this.replace(
        slot,
        new ReadError(
          'TIMEOUT',
          `Stopped after ${seconds} s: the file took too long to analyse (raise the limit with --timeout).`,
        ),
      );
    }, this.options.timeoutMs);
  }

  private settle(slot: Slot<J>): J | null {
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    slot.timer = null;
    return job;
  }

  /** Stops a worker that failed or ran out of time, reports its job, and starts another. */
  private replace(slot: Slot<J>, error: ReadError): void {
    const job = this.settle(slot);
    this.slots.delete(slot);
    void slot.worker.terminate();
    if (this.queue.length > 0) this.start();
    if (job !== null) this.options.onFailure(job, error);
    this.checkIdle();
  }

  private start(): void {
    const { workerUrl, memoryMb } = this.options;
    const worker =
      takeEarlyWorker(workerUrl, memoryMb) ?? new Worker(workerUrl, workerOptions(memoryMb));
    // pdf.js reports odd fonts on stderr; the run's own messages say what matters.
    worker.stderr.resume();
    const slot: Slot<J> = { worker, ready: false, job: null, timer: null };
    this.slots.add(slot);
    void this.options.setup.then((setup) => {
      worker.postMessage(setup);
    });
    worker.on('message', (message: Envelope<J, R> | 'ready' | 'progress') => {
      if (message === 'ready') {
        slot.ready = true;
        this.feed(slot);
        return;
      }
      // A worker that finished a slow step (a page read by OCR) gets its time limit again.
      if (message === 'progress') {
        if (slot.job !== null && this.slots.has(slot)) {
          this.arm(slot);
          this.options.onProgress?.(slot.job);
        }
        return;
      }
      if (slot.job === null || !this.slots.has(slot)) return;
      if (!message.final) {
        this.options.onReply(slot.job, message.reply);
        return;
      }
      const job = this.settle(slot);
      this.options.onReply(job!, message.reply);
      this.feed(slot);
      this.checkIdle();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (!this.slots.has(slot)) return;
      if (slot.job === null) {
        this.slots.delete(slot);
        this.fatal?.(error);
        return;
      }
      this.replace(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ReadError(
              'OUT_OF_MEMORY',
              `Stopped: reading the file needed more than ${this.options.memoryMb} MB of memory.`,
            )
          : new ReadError('INTERNAL', `ClaimLens failed while reading this file: ${error.message}`),
      );
    });
    worker.on('exit', () => {
      if (this.slots.has(slot) && slot.job !== null) {
        this.replace(
          slot,
          new ReadError('INTERNAL', 'The analysis stopped unexpectedly while reading this file.'),
        );
      }
    });
  }
}
