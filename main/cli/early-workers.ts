// Worker threads started before the rest of the CLI loads: a worker takes about 200 ms to boot
// (pdf.js is 3 MB of JavaScript), the CLI's own modules about 100 ms to load, and the two can
// overlap. `claimlens analyse` starts its workers here from a first look at its arguments; the
// pool (./pool.ts) adopts them, and any it does not need are stopped when the command ends.
import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The memory limit of each worker's heap: a file that needs more is stopped and reported. */
export const WORKER_MEMORY_MB = 3072;

/** The one set of options every analysis worker is started with. */
export function workerOptions(memoryMb: number): WorkerOptions {
  return { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, stderr: true };
}

interface EarlyWorker {
  readonly url: string;
  readonly memoryMb: number;
  readonly worker: Worker;
  /** It failed to start or stopped before the pool took it: the pool starts another instead. */
  gone: boolean;
}

const early: EarlyWorker[] = [];

/** The worker count `--jobs` asks for, or one a core; the real parse comes later. */
function jobsOf(args: readonly string[]): number {
  const at = args.findIndex((a) => a === '--jobs' || a.startsWith('--jobs='));
  const value = at < 0 ? undefined : (args[at]!.split('=')[1] ?? args[at + 1]);
  const jobs = Number(value);
  return Number.isInteger(jobs) && jobs >= 1 ? Math.min(jobs, 64) : availableParallelism();
}

/** Starts the workers `claimlens analyse` will ask for (other commands start none) and returns them. */
export function startEarlyWorkers(argv: readonly string[], url: URL): Worker[] {
  const [command, ...args] = argv;
  if (command !== 'analyse' && command !== 'analyze') return [];
  if (args.some((a) => a === '--help' || a === '-h')) return [];
  const started: Worker[] = [];
  for (let k = 0; k < jobsOf(args); k++) {
    const entry: EarlyWorker = {
      url: url.href,
      memoryMb: WORKER_MEMORY_MB,
      worker: new Worker(url, workerOptions(WORKER_MEMORY_MB)),
      gone: false,
    };
    // Until the pool takes it, a failure is only noted: the pool's own worker then reports it.
    const gone = (): void => {
      entry.gone = true;
    };
    entry.worker.once('error', gone).once('exit', gone);
    early.push(entry);
    started.push(entry.worker);
  }
  return started;
}

/** A worker started early with these options, now the caller's; undefined when none is left. */
export function takeEarlyWorker(url: URL, memoryMb: number): Worker | undefined {
  const at = early.findIndex((e) => e.url === url.href && e.memoryMb === memoryMb && !e.gone);
  if (at < 0) return undefined;
  const [{ worker }] = early.splice(at, 1) as [EarlyWorker];
  worker.removeAllListeners('error').removeAllListeners('exit');
  return worker;
}

/** Stops the early workers nobody took (a usage error, fewer files than workers). */
export async function releaseEarlyWorkers(): Promise<void> {
  const left = early.splice(0);
  await Promise.all(left.map((e) => e.worker.terminate()));
}
