// Reads a stored document in the renderer's sandbox (pdf.js, then the engine in a worker) and
// sends main only its text and findings. A file that cannot be read is marked as failed, in
// plain words, and the rest of the library stays usable.
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import type { Finding } from '../../shared/model/finding';
import type { DocumentMeta } from '../../shared/model/library';
import { withOcrConfidence } from '../../shared/ocr/ocr-text';
import { packInfo, type LoadedPack } from '../../shared/rules/compile';
import type { PageText } from '../../shared/text/page-text';
import { call, readOriginal } from '../app/api';
import type { AnalysisReply, AnalysisRequest } from './analysis.worker';
import AnalysisWorker from './analysis.worker?worker';
import { extractPages } from './extract';
import { openPdf, PdfOpenError, type PasswordPrompt } from './load-document';
import { ocrWhereNeeded } from './ocr';

export interface AnalyseOptions {
  readonly askPassword: PasswordPrompt;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

let packs: Promise<LoadedPack[]> | null = null;

/** The rule packs main loaded (bundled and the user's), fetched once. */
export function rulePacks(): Promise<LoadedPack[]> {
  packs ??= call('rules:packs', {});
  return packs;
}

/** Forgets the packs fetched, so the next analysis uses the packs enabled now (Rules screen). */
export function forgetRulePacks(): void {
  packs = null;
}

export async function analyseStored(
  meta: DocumentMeta,
  options: AnalyseOptions,
): Promise<DocumentMeta> {
  const bytes = await readOriginal(meta.sha256);
  const other = notPdfYet(bytes);
  if (other !== null) {
    return call('document:markFailed', {
      sha256: meta.sha256,
      error:
        `This is ${other}. The app reads PDFs (scanned ones too) so far; read it with the ` +
        'command line: claimlens analyse FILE.',
    });
  }
  let opened;
  try {
    opened = await openPdf(bytes, options.askPassword);
  } catch (error) {
    if (error instanceof PdfOpenError) {
      return call('document:markFailed', { sha256: meta.sha256, error: error.message });
    }
    throw error;
  }
  try {
    if (opened.doc.numPages === 0) {
      return await call('document:markFailed', {
        sha256: meta.sha256,
        error: 'This PDF has no pages.',
      });
    }
    const extracted = await extractPages(
      opened.doc,
      options.onProgress ?? (() => undefined),
      options.signal,
    );
    // Scanned pages (no text layer, or a garbage one) are read by OCR; progress counts them on.
    const numPages = opened.doc.numPages;
    const { pages, ocr } = await ocrWhereNeeded(opened.doc, extracted, {
      signal: options.signal,
      onPage: (done, total) => options.onProgress?.(numPages + done, numPages + total),
    });
    const loaded = await rulePacks();
    const findings = withOcrConfidence(await runEngine(pages, loaded), ocr);
    return await call('document:saveAnalysis', {
      sha256: meta.sha256,
      pages: pages.map((p) => ({ page: p.page, text: p.text })),
      findings,
      engine: ENGINE_VERSION,
      rulePacks: loaded.map(packInfo),
    });
  } finally {
    await opened.close();
  }
}

/** Inputs the command line reads and the app's viewer cannot show yet, told by their bytes. */
function notPdfYet(bytes: Uint8Array): string | null {
  const starts = (sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (starts([0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (a Word file?)';
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  if (!head.includes('%pdf-') && /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html)/.test(head)) {
    return 'a web page (HTML)';
  }
  return null;
}

/** The engine's worker, its requests awaiting a reply, and the packs it has compiled. */
interface Engine {
  readonly worker: Worker;
  readonly waiting: Map<number, { resolve(f: Finding[]): void; reject(e: Error): void }>;
  packsKey: string | null;
}

let engine: Engine | null = null;
let nextRequest = 1;

function startEngine(): Engine {
  const started: Engine = { worker: new AnalysisWorker(), waiting: new Map(), packsKey: null };
  started.worker.onmessage = (event: MessageEvent<AnalysisReply>) => {
    const request = started.waiting.get(event.data.id);
    if (request === undefined) return;
    started.waiting.delete(event.data.id);
    if (event.data.ok) request.resolve(event.data.findings);
    else request.reject(new Error(`The analysis failed: ${event.data.message}`));
  };
  // A worker that crashed is dropped with every request it held; the next analysis starts another.
  started.worker.onerror = (event) => {
    started.worker.terminate();
    if (engine === started) engine = null;
    for (const request of started.waiting.values()) {
      request.reject(new Error(`The analysis failed: ${event.message}`));
    }
    started.waiting.clear();
  };
  return started;
}

/** The engine over `pages`, in the one worker kept for every document. */
export function runEngine(pages: PageText[], loaded: LoadedPack[]): Promise<Finding[]> {
  engine ??= startEngine();
  const current = engine;
  const packsKey = loaded.map((pack) => pack.sha256).join(' ');
  const id = nextRequest++;
  // Requests are handled in order, so only the first one for a new set of packs carries them.
  const request: AnalysisRequest =
    current.packsKey === packsKey
      ? { id, pages, packsKey }
      : { id, pages, packsKey, packs: loaded };
  current.packsKey = packsKey;
  return new Promise((resolve, reject) => {
    current.waiting.set(id, { resolve, reject });
    current.worker.postMessage(request);
  });
}
