// SIGKILL in the middle of a burst of note saves: every note the child acknowledged as saved is
// in the library afterwards, and the library opens cleanly, whatever moment the kill hit
// (mid-fsync, mid-checkpoint, between the two).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { LibraryStore } from '../../../main/store/library-store';
import { tempDir } from './helpers';

const root = join(import.meta.dirname, '..', '..', '..');
const child = join(import.meta.dirname, 'note-burst.ts');

interface Acknowledged {
  readonly id: string;
  readonly text: string;
}

/** Runs the child until it has acknowledged `killAfter` notes, then kills it with SIGKILL. */
async function burstAndKill(
  dir: string,
  sha256: string,
  targetId: string,
  killAfter: number,
  checkpointBytes: number,
): Promise<Acknowledged[]> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', child, dir, sha256, targetId, String(checkpointBytes)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    proc.on('close', (_code, signal) => {
      resolve(signal);
    });
  });
  const acknowledged: Acknowledged[] = [];
  for await (const line of createInterface({ input: proc.stdout })) {
    if (line === 'ready') continue;
    acknowledged.push(JSON.parse(line) as Acknowledged);
    if (acknowledged.length === killAfter) proc.kill('SIGKILL');
  }
  const signal = await exited;
  if (signal !== 'SIGKILL')
    throw new Error(`the child ended by itself (${String(signal)}): ${stderr}`);
  // Lines written before the kill may still arrive after it: every one of them was acknowledged.
  return acknowledged;
}

describe('a process killed with SIGKILL during a burst of note saves', () => {
  it('keeps every note it acknowledged, every time', async () => {
    const dir = await tempDir();
    const setup = await LibraryStore.open(dir);
    const { meta } = await setup.importDocument(
      'brochure.pdf',
      new TextEncoder().encode('%PDF-1.7'),
    );
    await setup.close();

    const expected = new Map<string, string>();
    // Different moments: right at the start, early, mid-burst; with checkpoints rare (the
    // default), frequent and constant, so some kills land in a checkpoint.
    const rounds: [killAfter: number, checkpointBytes: number][] = [
      [1, 16 * 1024 * 1024],
      [25, 16 * 1024],
      [200, 4 * 1024],
      [400, 64 * 1024],
      [120, 1],
    ];
    for (const [killAfter, checkpointBytes] of rounds) {
      const acknowledged = await burstAndKill(
        dir,
        meta.sha256,
        meta.sha256,
        killAfter,
        checkpointBytes,
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
      for (const note of acknowledged) expected.set(note.id, note.text);

      const store = await LibraryStore.open(dir);
      try {
        expect(store.warnings()).toEqual([]);
        const notes = new Map((await store.detail(meta.sha256)).notes.map((n) => [n.id, n.text]));
        const lost = [...expected].filter(([id, text]) => notes.get(id) !== text);
        expect(lost).toEqual([]);
        expect(store.verifyAudit()).toEqual({ ok: true });
      } finally {
        await store.close();
      }
    }
  });
});
