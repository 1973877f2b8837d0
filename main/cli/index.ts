// Entry point of the bundled CLI (out/cli-*/index.mjs), started by main/cli/claimlens.mjs. The
// analysis workers start first, so they boot while the rest of the CLI loads.
import { releaseEarlyWorkers, startEarlyWorkers } from './early-workers';

const argv = process.argv.slice(2);
startEarlyWorkers(argv, new URL('./worker.mjs', import.meta.url));
const [{ main }, { EXIT }] = await Promise.all([import('./main'), import('./analyse-command')]);

process.exitCode = await main(argv).catch((error: unknown) => {
  process.stderr.write(
    `claimlens: unexpected failure: ${(error as Error).stack ?? String(error)}\n`,
  );
  return EXIT.unreadable;
});
await releaseEarlyWorkers();
