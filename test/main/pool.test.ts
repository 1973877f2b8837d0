// The worker pool of `claimlens analyse`, with real worker threads: the parts of a document
// shared out are taken in their order, the largest first, also by a worker that was idle.
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../main/cli/pool';

interface Job {
  readonly name: string;
  readonly ms: number;
}

describe('WorkerPool', () => {
  it('gives urgent jobs queued together to the free workers in their order', async () => {
    const started: string[] = [];
    const replies: string[] = [];
    let nextFileDone: () => void = () => undefined;
    const nextFile = new Promise<void>((resolve) => {
      nextFileDone = resolve;
    });
    const pool = new WorkerPool<Job, string>({
      size: 2,
      workerUrl: new URL('../fixtures/workers/echo-worker.mjs', import.meta.url),
      setup: Promise.resolve({}),
      timeoutMs: 30_000,
      memoryMb: 64,
      onStart: (job) => started.push(job.name),
      onReply: (_job, reply) => {
        replies.push(reply);
        if (reply === 'next file') nextFileDone();
      },
      onFailure: (job, error) => {
        throw new Error(`${job.name} failed: ${error.message}`);
      },
    });
    try {
      pool.prestart(2);
      pool.push({ name: 'whole', ms: 2000 });
      pool.push({ name: 'next file', ms: 10 });
      // While 'whole' runs, its parts come, largest first, and one worker is free.
      await nextFile;
      pool.pushAll(
        [
          { name: 'part 2', ms: 10 },
          { name: 'part 3', ms: 10 },
          { name: 'part 4', ms: 10 },
        ],
        true,
      );
      await pool.whenIdle();
    } finally {
      await pool.close();
    }
    expect(started).toEqual(['whole', 'next file', 'part 2', 'part 3', 'part 4']);
    expect(replies.sort()).toEqual(['next file', 'part 2', 'part 3', 'part 4', 'whole']);
  });
});
