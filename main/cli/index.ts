// Entry point of the bundled CLI (out/cli-*/index.mjs), started by main/cli/claimlens.mjs.
import { EXIT } from './analyse-command';
import { main } from './main';

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `claimlens: unexpected failure: ${(error as Error).stack ?? String(error)}\n`,
  );
  return EXIT.unreadable;
});
