// `npm run soak`: `claimlens analyse` over pdf.js's own test corpus (971 odd real-world PDFs in
// ../shared/corpora/pdfjs, never copied here). Every file must come back analysed or rejected
// with a plain-words reason, within the time limit, and the run must neither crash nor hang.
// Prints a summary; exits 1 when a file is missing from the output or failed for an internal reason.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DocumentResult } from '../../shared/model/finding';
import { watchPeakMemory } from '../support/peak-memory';

const root = join(import.meta.dirname, '..', '..');
const corpus = resolve(
  process.env.CLAIMLENS_SOAK_DIR ?? join(root, '..', 'shared', 'corpora', 'pdfjs'),
);
const TIMEOUT_SECONDS = 60;

if (!existsSync(corpus)) {
  process.stderr.write(`No corpus at ${corpus}; set CLAIMLENS_SOAK_DIR to a folder of PDFs.\n`);
  process.exit(2);
}
const expected = readdirSync(corpus, { recursive: true, withFileTypes: true }).filter(
  (e) => e.isFile() && e.name.toLowerCase().endsWith('.pdf'),
).length;

const start = performance.now();
const child = spawn(
  process.execPath,
  [
    join(root, 'main', 'cli', 'claimlens.mjs'),
    'analyse',
    corpus,
    '--format',
    'jsonl',
    '--timeout',
    String(TIMEOUT_SECONDS),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const results: DocumentResult[] = [];
const memory = watchPeakMemory(child.pid);
for await (const line of createInterface({ input: child.stdout })) {
  results.push(JSON.parse(line) as DocumentResult);
  if (results.length % 50 === 0) process.stdout.write(`${results.length}/${expected} files\n`);
}
const code = await new Promise<number | null>((done) => child.on('exit', done));
const peakMb = memory.stop();
const seconds = (performance.now() - start) / 1000;

const reasons = new Map<string, number>();
for (const r of results) {
  if (r.error !== null) {
    const reason = r.error.replace(/: .*$/, '');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
}
const analysed = results.filter((r) => r.error === null);
const internal = results.filter(
  (r) => r.error !== null && /failed while reading|stopped unexpectedly/.test(r.error),
);
process.stdout.write(
  `\n${results.length} of ${expected} files reported in ${seconds.toFixed(0)} s (exit code ${code}), ` +
    `peak memory ${peakMb.toFixed(0)} MB\n` +
    `${analysed.length} analysed (${analysed.reduce((n, r) => n + (r.pages ?? 0), 0)} pages, ` +
    `${analysed.reduce((n, r) => n + r.findings.length, 0)} findings), ${results.length - analysed.length} rejected:\n` +
    [...reasons]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `  ${String(n).padStart(4)}  ${reason}\n`)
      .join(''),
);
for (const r of internal) process.stdout.write(`internal failure: ${r.path}: ${r.error}\n`);
// A file stopped by the time limit is named: on a busy machine a slow file may need a longer one.
for (const r of results.filter((r) => r.error?.startsWith('Stopped after') === true))
  process.stdout.write(`time limit: ${r.path}\n`);
const ok = results.length === expected && internal.length === 0 && (code === 0 || code === 2);
process.stdout.write(ok ? 'soak: OK\n' : 'soak: FAILED\n');
process.exit(ok ? 0 : 1);
