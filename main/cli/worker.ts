// A worker thread of `claimlens analyse`: compiles the rule packs once, then analyses one file per
// message. Untrusted bytes are parsed here, away from the main thread, under a memory limit.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../../shared/rules/compile';
import { analyseFile } from '../extract/analyse-file';
import type { WorkerJob, WorkerReply, WorkerSetup } from './pool';

const setup = workerData as WorkerSetup;
const rules = compileRules(setup.packs);
const port = parentPort!;

port.on('message', (job: WorkerJob) => {
  void analyseFile(job.path, rules).then((result) => { port.postMessage({ id: job.id, result } satisfies WorkerReply); },
  );
});
port.postMessage({ ready: true });
