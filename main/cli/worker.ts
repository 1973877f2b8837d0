// A worker thread of `claimlens analyse`: compiles the rule packs once, then runs one job per
// message (a whole file, or some pages of a long PDF). Untrusted bytes are parsed here, away
// from the main thread, under the pool's memory limit.
import { parentPort } from 'node:worker_threads';
import type { ReadErrorCode } from '../../shared/model/errors';
import { compileRules, type CompiledRules, type LoadedPack } from '../../shared/rules/compile';
import {
  analyseFile,
  analysePdfPages,
  preparePdf,
  type FileOutcome,
  type SplitAnnouncement,
} from '../extract/analyse-file';
import { asReadError } from '../extract/document-result';
import type { PageRange } from '../extract/extract-pdf';
import { KeptPdf } from '../extract/kept-pdf';
import { onPageRecognised, setOcrLanguages } from '../extract/ocr-engine';
import type { OcrLanguage } from '../../shared/ocr/languages';
import { preloadPdfjs } from '../extract/pdfjs';
import { planOcrParts, planParts, type SplitPolicy } from './split';
import type { Envelope } from './pool';

export interface WorkerSetup {
  readonly packs: readonly LoadedPack[];
  /** When set, long PDFs are split and their parts shared out between the workers. */
  readonly split?: SplitPolicy;
  /** When set, each 'done' reply carries the pages' text (for the library: claimlens import). */
  readonly keepText?: boolean;
  /** The languages scanned pages are read with (--ocr-languages); every shipped one by default. */
  readonly ocrLanguages?: readonly OcrLanguage[];
}

export interface Job {
  /** The file's index in the run. */
  readonly file: number;
  readonly path: string;
  /** For a part of a document shared out between workers: its pages and the file's SHA-256. */
  readonly part?: { readonly range: PageRange; readonly sha256: string };
  /**
   * Only open the file and keep it for the parts this worker may be given: sent to a worker that
   * would otherwise wait while another reads the file's page count. Its reply is 'prepared'.
   */
  readonly prepare?: true;
}

export type Reply =
  | FileOutcome
  | ({ readonly kind: 'split' } & SplitAnnouncement)
  | { readonly kind: 'part-failed'; readonly error: string; readonly code: ReadErrorCode }
  | { readonly kind: 'prepared' };

const port = parentPort!;
// The parser loads while the main thread reads the rule packs; they come as the first message.
const parserReady = preloadPdfjs();

function send(job: Job, reply: Reply, final: boolean): void {
  port.postMessage({ job, reply, final } satisfies Envelope<Job, Reply>);
}

// The document this worker last shared out or was given a part of, kept open for its next part.
const kept = new KeptPdf();

async function run(job: Job, rules: CompiledRules, setup: WorkerSetup): Promise<Reply> {
  const policy = setup.split;
  if (job.prepare === true) {
    await preparePdf(job.path, kept);
    return { kind: 'prepared' };
  }
  if (job.part === undefined) {
    await kept.release();
    return analyseFile(
      job.path,
      rules,
      policy && {
        plan: (pages) => planParts(pages, policy),
        planOcr: (pages, ocrPages) => planOcrParts(pages, ocrPages, policy),
        announce: (split) => {
          send(job, { kind: 'split', ...split }, false);
        },
        kept,
      },
      setup.keepText === true,
    );
  }
  try {
    return {
      kind: 'part',
      part: await analysePdfPages(job.path, job.part.sha256, rules, job.part.range, kept),
    };
  } catch (error) {
    const readError = asReadError(error);
    return { kind: 'part-failed', error: readError.message, code: readError.code };
  }
}

// Each page read by OCR restarts the file's time limit: a 40-page scan is slow, not stuck.
onPageRecognised(() => {
  port.postMessage('progress');
});

port.once('message', (setup: WorkerSetup) => {
  const rules = compileRules(setup.packs);
  if (setup.ocrLanguages !== undefined) setOcrLanguages(setup.ocrLanguages);
  void parserReady.then(() => {
    port.on('message', (job: Job) => {
      void run(job, rules, setup).then((reply) => {
        send(job, reply, true);
      });
    });
    port.postMessage('ready');
  });
});
