// Workers `claimlens analyse` starts before the rest of the CLI loads: started for analyse only,
// as many as --jobs asks, taken by the pool, a failed one never handed out, leftovers stopped.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  releaseEarlyWorkers,
  startEarlyWorkers,
  takeEarlyWorker,
  WORKER_MEMORY_MB,
} from '../../main/cli/early-workers';

const echo = new URL('../fixtures/workers/echo-worker.mjs', import.meta.url);
const broken = new URL('../fixtures/workers/broken-worker.mjs', import.meta.url);

afterEach(async () => {
  await releaseEarlyWorkers();
});

describe('early workers', () => {
  it('starts as many workers as --jobs asks for analyse, and hands each out once', async () => {
    startEarlyWorkers(['analyse', 'brochures/', '--jobs', '3'], echo);
    const taken = [1, 2, 3].map(() => takeEarlyWorker(echo, WORKER_MEMORY_MB));
    expect(taken.every((w) => w !== undefined)).toBe(true);
    expect(new Set(taken).size).toBe(3);
    expect(takeEarlyWorker(echo, WORKER_MEMORY_MB)).toBeUndefined();
    // A taken worker is a working one: it answers the pool's protocol.
    const worker = taken[0]!;
    worker.postMessage({});
    expect((await once(worker, 'message'))[0]).toBe('ready');
    await Promise.all(taken.map((w) => w!.terminate()));
  });

  it('starts none for other commands, nor for a worker of other options', () => {
    startEarlyWorkers(['check-rules'], echo);
    startEarlyWorkers(['analyse', '--help'], echo);
    expect(takeEarlyWorker(echo, WORKER_MEMORY_MB)).toBeUndefined();
    startEarlyWorkers(['analyse', '--jobs=1'], echo);
    expect(takeEarlyWorker(echo, 64)).toBeUndefined();
    expect(takeEarlyWorker(new URL('./other.mjs', echo), WORKER_MEMORY_MB)).toBeUndefined();
  });

  it('never hands out a worker that failed to start, and does not crash on its error', async () => {
    const [worker] = startEarlyWorkers(['analyse', '--jobs', '1'], broken);
    // It fails as it loads; until the pool takes it, the failure is only noted.
    await new Promise((resolve) => worker!.on('exit', resolve));
    expect(takeEarlyWorker(broken, WORKER_MEMORY_MB)).toBeUndefined();
  });
});
