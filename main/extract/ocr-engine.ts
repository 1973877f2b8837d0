// The CLI's OCR: tesseract.js in Node, its WASM core and language models read from local
// packages (never a CDN), one recogniser per worker thread, started on first use.
import { copyFileSync, mkdirSync, mkdtempSync, existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Tesseract from 'tesseract.js';
import {
  DEFAULT_OCR_LANGUAGES,
  MODEL_DIR,
  modelFile,
  type OcrLanguage,
} from '../../shared/ocr/languages';
import type { OcrLine } from '../../shared/ocr/ocr-text';
import { ReadError } from '../../shared/model/errors';

const require = createRequire(import.meta.url);

let recogniser: Promise<Tesseract.Worker> | null = null;
let pageListener: (() => void) | null = null;
let languages: readonly OcrLanguage[] = DEFAULT_OCR_LANGUAGES;

/** Chooses the languages pages are read with (before the first page is read). */
export function setOcrLanguages(codes: readonly OcrLanguage[]): void {
  languages = codes;
}

/** Called after each image is recognised (the CLI's worker restarts its time limit). */
export function onPageRecognised(listener: () => void): void {
  pageListener = listener;
}

/** Lines and words tesseract finds in an image (PNG or JPEG bytes), in image pixels. */
export async function recognise(image: Uint8Array): Promise<OcrLine[]> {
  const worker = await start();
  let result: Tesseract.RecognizeResult;
  try {
    result = await worker.recognize(Buffer.from(image), {}, { blocks: true, text: false });
  } catch (error) {
    throw new ReadError(
      'OCR_FAILED',
      `The text recogniser could not read this image: ${String(error)}`,
    );
  }
  pageListener?.();
  return (result.data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
}

/** Stops the recogniser's thread (tests, and the end of a worker's life). */
export async function closeOcr(): Promise<void> {
  const running = recogniser;
  recogniser = null;
  if (running) await (await running).terminate();
}

function start(): Promise<Tesseract.Worker> {
  recogniser ??= (async () => {
    const { createWorker, OEM } = require('tesseract.js') as typeof Tesseract;
    let failure: unknown = null;
    const worker = await createWorker([...languages], OEM.LSTM_ONLY, {
      langPath: modelFolder(languages),
      // The default writes each model into the working folder as a cache: never.
      cacheMethod: 'none',
      gzip: true,
      logger: () => undefined,
      errorHandler: (error: unknown) => {
        failure = error;
      },
    }).catch((error: unknown) => {
      throw new ReadError(
        'OCR_FAILED',
        `The text recogniser could not start: ${String(failure ?? error)}. ` +
          'Reinstall ClaimLens (npm ci) so its OCR language packages are complete.',
      );
    });
    return worker;
  })();
  recogniser.catch(() => {
    recogniser = null;
  });
  return recogniser;
}

/**
 * tesseract.js reads every model from one folder, but each language package has its own: the
 * models are copied once into a per-user cache folder, named by the packages' versions.
 */
function modelFolder(codes: readonly OcrLanguage[]): string {
  const sources = codes.map((code) => {
    const pkg = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
    const { version } = require(`@tesseract.js-data/${code}/package.json`) as { version: string };
    return { code, file: join(pkg, MODEL_DIR, modelFile(code)), version };
  });
  const name = `tessdata-${sources.map((s) => `${s.code}-${s.version}`).join('_')}`;
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  let folder = join(cache, 'claimlens', name);
  if (sources.every((s) => existsSync(join(folder, modelFile(s.code))))) return folder;
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    folder = mkdtempSync(join(tmpdir(), 'claimlens-tessdata-'));
  }
  for (const s of sources) {
    const target = join(folder, modelFile(s.code));
    if (existsSync(target)) continue;
    // Copied under a temporary name and renamed, so a half-written model is never read.
    const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    copyFileSync(s.file, partial);
    renameSync(partial, target);
  }
  return folder;
}
