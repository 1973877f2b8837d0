// Library store benchmark (`npx tsx test/main/store/bench.ts`): saving a 400-page analysis
// (~1.2 MB of page text, 8,000 findings), note-save latency in a large library, open times
// (clean, and after a crash with a journal to replay), detail() and close. Prints figures;
// never asserts (DESIGN.md: benchmarks, not timed tests).
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LibraryStore } from '../../../main/store/library-store';
import { makeUpload } from './helpers';

const PAGES = 400;
const FINDINGS_PER_PAGE = 20;
const DOCUMENTS = 10;
const NOTES = 300;
const root = join(import.meta.dirname, '..', '..', '..');
const outDir = join(root, 'test', '.output', 'bench-store');

function ms(start: number): number {
  return performance.now() - start;
}

/** CPU time of this process (all threads) since `start`, in ms: what the load on a shared machine does not inflate. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function fmt(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** A fake 5 MB original for document `index` (the store hashes and copies bytes; it does not parse them). */
function original(index: number): Uint8Array {
  const bytes = new Uint8Array(5 * 1024 * 1024);
  bytes.fill(0x20);
  bytes.set(new TextEncoder().encode(`%PDF-1.7 bench document ${index}\n`));
  return bytes;
}

async function noteLatencies(store: LibraryStore, sha256: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < NOTES; i += 1) {
    const start = performance.now();
    await store.saveNote({
      sha256,
      targetId: sha256,
      text: `Bench note ${i}: checked against page ${i % PAGES}.`,
    });
    times.push(ms(start));
  }
  return times;
}

async function main(): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const dir = join(outDir, 'library');
  let store = await LibraryStore.open(dir);
  const upload0 = makeUpload('0'.repeat(64), PAGES, FINDINGS_PER_PAGE);
  const textBytes = upload0.pages.reduce((sum, page) => sum + page.text.length, 0);
  const findingBytes = JSON.stringify(upload0.findings).length;
  console.log(
    `One analysis: ${PAGES} pages, ${(textBytes / 1e6).toFixed(2)} MB of page text, ` +
      `${upload0.findings.length} findings (${(findingBytes / 1e6).toFixed(1)} MB as JSON)`,
  );

  const saves: number[] = [];
  const savesCpu: number[] = [];
  const shas: string[] = [];
  for (let i = 0; i < DOCUMENTS; i += 1) {
    const { meta } = await store.importDocument(`bench-${i}.pdf`, original(i));
    shas.push(meta.sha256);
    const upload = { ...upload0, sha256: meta.sha256 };
    const start = performance.now();
    const cpu = process.cpuUsage();
    await store.saveAnalysis(upload);
    saves.push(ms(start));
    savesCpu.push(cpuMs(cpu));
  }
  console.log(
    `saveAnalysis, ${DOCUMENTS} documents one after another (checkpoints running behind them): ` +
      `${saves.map((t) => t.toFixed(0)).join(', ')} ms; CPU ${savesCpu.map((t) => t.toFixed(0)).join(', ')} ms`,
  );

  const first = shas[0]!;
  const firstUpload = { ...upload0, sha256: first };
  for (const finding of firstUpload.findings.slice(0, 500)) {
    await store.setStatus(first, finding.id, 'confirmed');
  }
  let start = performance.now();
  const cpu = process.cpuUsage();
  await store.saveAnalysis(firstUpload);
  console.log(
    `saveAnalysis again, keeping 500 triage decisions: ${fmt(ms(start))} (CPU ${fmt(cpuMs(cpu))})`,
  );

  const latencies = await noteLatencies(store, shas.at(-1)!);
  console.log(
    `saveNote, ${NOTES} one after another in a library of ${DOCUMENTS * upload0.findings.length} findings: ` +
      `median ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(Math.max(...latencies))}`,
  );
  start = performance.now();
  await Promise.all(
    Array.from({ length: NOTES }, (_, i) =>
      store.saveNote({ sha256: first, targetId: first, text: `Burst ${i}` }),
    ),
  );
  console.log(`saveNote, ${NOTES} at once (group commit): ${fmt(ms(start))} in all`);

  start = performance.now();
  const detail = await store.detail(first);
  console.log(
    `detail() of a ${detail.findings.length}-finding document (re-hashes its 5 MB original): ${fmt(ms(start))}`,
  );
  start = performance.now();
  store.list();
  console.log(`list() of ${DOCUMENTS} documents: ${fmt(ms(start))}`);

  // A crash now: the folder as it is, with whatever the journal holds since the last checkpoint.
  const crashed = join(outDir, 'crashed');
  await cp(dir, crashed, { recursive: true });
  start = performance.now();
  await store.close();
  console.log(`close() (final checkpoint): ${fmt(ms(start))}`);
  const size = (await stat(join(dir, 'library.sqlite'))).size;

  start = performance.now();
  store = await LibraryStore.open(dir);
  console.log(`open(), ${(size / 1e6).toFixed(0)} MB database, empty journal: ${fmt(ms(start))}`);
  const warm = await noteLatencies(store, first);
  console.log(
    `saveNote after reopening: median ${fmt(percentile(warm, 50))}, p95 ${fmt(percentile(warm, 95))}`,
  );
  await store.close();

  const journal = join(crashed, 'journal');
  let journalBytes = 0;
  for (const name of await readdir(journal)) journalBytes += (await stat(join(journal, name))).size;
  start = performance.now();
  store = await LibraryStore.open(crashed);
  console.log(
    `open() after a crash, replaying ${(journalBytes / 1e6).toFixed(1)} MB of journal and checkpointing: ${fmt(ms(start))}`,
  );
  await store.close();
  // A crash right after two big analyses, before any checkpoint: all of it is in the journal.
  const fresh = join(outDir, 'fresh');
  store = await LibraryStore.open(fresh);
  for (let i = 0; i < 2; i += 1) {
    const { meta } = await store.importDocument(`fresh-${i}.pdf`, original(100 + i));
    await store.saveAnalysis({ ...upload0, sha256: meta.sha256 });
  }
  const freshCrash = join(outDir, 'fresh-crashed');
  await cp(fresh, freshCrash, { recursive: true });
  await store.close();
  journalBytes = 0;
  for (const name of await readdir(join(freshCrash, 'journal'))) {
    journalBytes += (await stat(join(freshCrash, 'journal', name))).size;
  }
  start = performance.now();
  store = await LibraryStore.open(freshCrash);
  console.log(
    `open() after a crash following two analyses, replaying ${(journalBytes / 1e6).toFixed(1)} MB of journal and checkpointing: ${fmt(ms(start))}`,
  );
  await store.close();
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

await main();
