// The child process of the crash test: opens a library and saves notes as fast as it can from
// four concurrent writers, printing each note's id and text only after its save has resolved.
// The test kills it with SIGKILL at some point of the burst.
import { LibraryStore } from '../../../main/store/library-store';

const [dir, sha256, targetId, checkpointBytes] = process.argv.slice(2);
if (!dir || !sha256 || !targetId || !checkpointBytes) {
  throw new Error('usage: note-burst.ts DIR SHA256 TARGET_ID CHECKPOINT_BYTES');
}
const store = await LibraryStore.open(dir, { checkpointBytes: Number(checkpointBytes) });
process.stdout.write('ready\n');
let count = 0;
await Promise.all(
  [0, 1, 2, 3].map(async (writer) => {
    for (;;) {
      const text = `writer ${writer}, note ${count++} (pid ${process.pid}) ${'·'.repeat(count % 300)}`;
      const note = await store.saveNote({ sha256, targetId, text });
      // Written in one call: a pipe delivers it whole or not at all.
      process.stdout.write(`${JSON.stringify({ id: note.id, text: note.text })}\n`);
    }
  }),
);
