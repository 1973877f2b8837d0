// `npm run bench` (import part): throughput of a folder import of 1,000 generated brochures
// (made here with pdf-lib into test/.output/bench/import-1000/, 1-4 pages each, every one
// different), into a fresh library:
//  - `claimlens import` (the CLI, worker threads): files per second and peak memory of the
//    process, then the same folder again (every file a duplicate);
//  - the desktop app's folder import in the Chromium host (the renderer reads every file in its
//    sandbox, hashes it, sends it to main and reads it with pdf.js and the engine): files per
//    second, and the peak memory of the host's Node process and of Chromium's processes.
// Prints figures; never asserts. `-- --files N` changes the folder size; `-- --cli-only` skips
// the app.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { newLibraryDir, startApp } from '../e2e/harness';
import { watchPeakMemory } from '../support/peak-memory';

const args = process.argv.slice(2);
const FILES = Number(args[args.indexOf('--files') + 1]) || 1000;
const CLI_ONLY = args.includes('--cli-only');
const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');
const folder = join(root, 'test', '.output', 'bench', `import-${FILES}`);

const SENTENCES = [
  'The camera performs face recognition against watchlists in real time.',
  'Its analytics estimate gender, age and ethnicity of every visitor.',
  'Recordings are uploaded automatically to the vendor cloud.',
  'Emotion recognition is available as an optional licence.',
  'Gait recognition is planned for the next release.',
  'Licence plate recognition works at up to 200 km/h.',
  'People counting and heat maps for retail stores.',
  'The housing is rated IP67 and works from -30 to 60 degrees.',
  'Power over Ethernet, 12 W maximum.',
  'The device does not support ethnicity detection.',
];

async function brochure(i: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages = 1 + (i % 4);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Model SV-${1000 + i}, page ${p + 1}`, { x: 50, y: 780, size: 16, font });
    for (let l = 0; l < 12; l++) {
      const sentence = SENTENCES[(i * 7 + p * 3 + l) % SENTENCES.length]!;
      page.drawText(sentence, { x: 50, y: 740 - l * 20, size: 11, font });
    }
  }
  pdf.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  return pdf.save();
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
}

if (!existsSync(folder) || readdirSync(folder).length !== FILES) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const start = performance.now();
  for (let i = 0; i < FILES; i++) {
    writeFileSync(join(folder, `brochure-${String(i).padStart(4, '0')}.pdf`), await brochure(i));
  }
  line(`generated ${FILES} brochures`, `${((performance.now() - start) / 1000).toFixed(1)} s`);
}

/** Runs the CLI import; returns seconds and the peak memory of its process. */
async function cliImport(
  library: string,
): Promise<{ seconds: number; peakMb: number; out: string }> {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [launcher, 'import', '--library', library, folder, '--format', 'json'],
    { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const peak = watchPeakMemory(child.pid);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  return { seconds: (performance.now() - start) / 1000, peakMb: peak.stop(), out };
}

// The CLI builds itself on first use; build it before the clock starts.
execFileSync(process.execPath, [launcher, '--version'], { cwd: root });

// For reference: the same files analysed without a library (no copies, no saves).
{
  const start = performance.now();
  const child = spawn(process.execPath, [launcher, 'analyse', folder, '--format', 'jsonl'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const peak = watchPeakMemory(child.pid);
  await new Promise((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - start) / 1000;
  line(
    `claimlens analyse, the same ${FILES} files (no library)`,
    `${seconds.toFixed(1)} s, ${(FILES / seconds).toFixed(1)} files/s, ${peak.stop().toFixed(0)} MB peak`,
  );
}

const cliLibrary = newLibraryDir();
const first = await cliImport(cliLibrary);
const summary = JSON.parse(first.out) as { imported: unknown[]; failed: unknown[] };
line(
  `claimlens import, ${FILES} new files`,
  `${first.seconds.toFixed(1)} s, ${(FILES / first.seconds).toFixed(1)} files/s, ` +
    `${first.peakMb.toFixed(0)} MB peak (${summary.imported.length} imported, ${summary.failed.length} failed)`,
);
const again = await cliImport(cliLibrary);
line(
  `claimlens import, the same ${FILES} again (duplicates)`,
  `${again.seconds.toFixed(1)} s, ${(FILES / again.seconds).toFixed(0)} files/s, ${again.peakMb.toFixed(0)} MB peak`,
);
rmSync(cliLibrary, { recursive: true, force: true });

/** Resident memory (MB) of a process and its descendants, from /proc. */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      rss.set(Number(entry), (Number(fields[21]) * 4096) / 1024 / 1024);
    } catch {
      // Gone between the listing and the read.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

if (!CLI_ONLY) {
  const libraryDir = newLibraryDir();
  const app = await startApp(libraryDir);
  try {
    const { page } = app;
    // First run opens the sample; the folder is then opened from the library as a user would.
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    const hostPeak = watchPeakMemory(process.pid);
    let chromiumPeak = 0;
    const sampler = setInterval(() => {
      chromiumPeak = Math.max(
        chromiumPeak,
        treeRssMb(process.pid) - process.memoryUsage().rss / 1024 / 1024,
      );
    }, 2000);
    const start = performance.now();
    await page.locator('input[type=file]:not([accept])').setInputFiles(folder);
    const done = page.getByRole('region', { name: /Import finished/ });
    await done.waitFor({ timeout: 3_600_000 });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const outcome = await done.locator('p').first().textContent();
    line(
      `app folder import (Chromium host), ${FILES} files`,
      `${seconds.toFixed(1)} s, ${(FILES / seconds).toFixed(1)} files/s (${outcome ?? ''})`,
    );
    const failures = await done.getByRole('listitem').allTextContents();
    for (const failure of failures.slice(0, 5)) line('  failed', failure);
    line(
      '  peak memory: host (Node) / Chromium processes',
      `${hostPeak.stop().toFixed(0)} MB / ${chromiumPeak.toFixed(0)} MB (sampled every 2 s)`,
    );
  } finally {
    await app.stop();
    rmSync(libraryDir, { recursive: true, force: true });
  }
}
