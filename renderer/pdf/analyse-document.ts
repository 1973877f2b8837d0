// Reads a stored document in the renderer's sandbox (pdf.js for PDFs and images, OCR where a page
// has no text, the CLI's readers in a worker for Word files, web pages and plain text; then the
// engine in a worker) and sends main only its text and findings. A file that cannot be read is marked as failed, in
// plain words, and the rest of the library stays usable.
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import { ocrWarnings, pdfWarnings, textlessPages } from '../../shared/analysis/warnings';
import { describeBinary, notSupportedMessage } from '../../shared/input/sniff';
import { ReadError } from '../../shared/model/errors';
import type { Finding } from '../../shared/model/finding';
import type { DocumentMeta } from '../../shared/model/library';
import { withOcrConfidence } from '../../shared/ocr/ocr-text';
import { packInfo, type LoadedPack } from '../../shared/rules/compile';
import type { PageText } from '../../shared/text/page-text';
import { call, readOriginal } from '../app/api';
import { inputKind, openPdfOrImage } from '../input/open-input';
import { readTextInput } from '../input/read-text';
import type { AnalysisReply, AnalysisRequest } from './analysis.worker';
import AnalysisWorker from './analysis.worker?worker';
import { extractPages } from './extract';
import { PdfOpenError, type PasswordPrompt } from './load-document';
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
  const failed = (error: string): Promise<DocumentMeta> =>
    call('document:markFailed', { sha256: meta.sha256, error });
  if (bytes.length === 0) return failed('The file is empty (0 bytes).');
  const kind = inputKind(bytes, meta.fileName);
  if (kind === 'other') return failed(notSupportedMessage(describeBinary(bytes)));
  if (kind === 'text') {
    // Word files, web pages and plain text: read in a worker with the CLI's readers, no quads.
    let read: { pages: PageText[]; warnings: string[] };
    try {
      read = await readTextInput(bytes, meta.fileName, options.signal);
    } catch (error) {
      if (error instanceof ReadError) return failed(error.message);
      throw error;
    }
    const loaded = await rulePacks();
    const findings = await runEngine(read.pages, loaded);
    return saveAnalysis(meta, read.pages, findings, loaded, read.warnings);
  }
  let opened;
  try {
    opened = await openPdfOrImage(bytes, meta.fileName, options.askPassword);
  } catch (error) {
    if (error instanceof PdfOpenError) return failed(error.message);
    throw error;
  }
  try {
    if (opened.doc.numPages === 0) return await failed('This PDF has no pages.');
    const extracted = await extractPages(
      opened.doc,
      options.onProgress ?? (() => undefined),
      options.signal,
    );
    // Scanned pages (no text layer, or a garbage one) are read by OCR; progress counts them on.
    // An image is one such page, read at its own resolution.
    const numPages = opened.doc.numPages;
    const { unreadable } = extracted;
    const { pages, ocr, notes } = await ocrWhereNeeded(opened.doc, extracted.pages, unreadable, {
      signal: options.signal,
      onPage: (done, total) => options.onProgress?.(numPages + done, numPages + total),
      image: kind === 'image',
    });
    // What was not checked, worded as the command line words it; no page read at all is a failure.
    let warnings: string[];
    try {
      warnings = [
        ...pdfWarnings(numPages, unreadable, textlessPages(pages, unreadable, notes)),
        ...ocrWarnings(notes),
      ];
    } catch (error) {
      if (error instanceof ReadError) return await failed(error.message);
      throw error;
    }
    const loaded = await rulePacks();
    const findings = withOcrConfidence(await runEngine(pages, loaded), ocr);
    return await saveAnalysis(meta, pages, findings, loaded, warnings);
  } finally {
    await opened.close();
  }
}

function saveAnalysis(
  meta: DocumentMeta,
  pages: readonly PageText[],
  findings: Finding[],
  loaded: LoadedPack[],
  warnings: string[],
): Promise<DocumentMeta> {
  return call('document:saveAnalysis', {
    sha256: meta.sha256,
    pages: pages.map((p) => ({ page: p.page, text: p.text })),
    findings,
    engine: ENGINE_VERSION,
    rulePacks: loaded.map(packInfo),
    warnings,
  });
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
