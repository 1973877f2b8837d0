// One input file -> one DocumentResult: hash first (as forensic tools do), find out what the
// bytes are, extract pages, run the engine. Every failure becomes a plain-words error. A long PDF
// can be split: this call does its first part and announces the rest for other workers.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { analysePage } from '../../shared/analysis/engine';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult } from '../../shared/model/finding';
import type { CompiledRules } from '../../shared/rules/compile';
import { withOcrConfidence } from '../../shared/ocr/ocr-text';
import { textlessPages } from '../../shared/analysis/warnings';
import type { PageText } from '../../shared/text/page-text';
import { asReadError, assembleDocument, failed, type PagesPart } from './document-result';
import { openPdfDocument, type PageRange } from './extract-pdf';
import type { KeptDocument, KeptPdf } from './kept-pdf';
import { ocrWhereNeeded, pagesNeedingOcr } from './ocr-pages';
import { extractImage } from './read-image';
import { extractText } from './read-text';
import { notSupportedMessage } from '../../shared/input/sniff';
import { describeBinary, hasPdfHeader, sniff } from './sniff';

/** A page's text as the engine read it, kept for the library (`claimlens import`). */
export interface PageTextOut {
  readonly page: number;
  readonly text: string;
}

/**
 * A whole document's result, or the first part of a document that was split. `texts` holds
 * the pages' text when the caller asked to keep it (the document is not split then).
 */
export type FileOutcome =
  | { readonly kind: 'done'; readonly result: DocumentResult; readonly texts?: PageTextOut[] }
  | { readonly kind: 'part'; readonly part: PagesPart };

/** The pages' text for a 'done' outcome, when `keep` asks for it. */
function keptTexts(keep: boolean, pages: readonly PageText[]): { texts?: PageTextOut[] } {
  return keep ? { texts: pages.map((p) => ({ page: p.page, text: p.text })) } : {};
}

export interface SplitAnnouncement {
  readonly sha256: string;
  readonly pageCount: number;
  readonly rest: PageRange[];
}

export interface SplitOptions {
  plan(numPages: number): PageRange[];
  /** For a document not split by length: ranges sharing out its pages that need OCR. */
  planOcr(numPages: number, ocrPages: readonly number[]): PageRange[];
  announce(split: SplitAnnouncement): void;
  /** Where the document stays open for the parts this worker may be given next. */
  readonly kept?: KeptPdf;
}

export async function analyseFile(
  path: string,
  rules: CompiledRules,
  split?: SplitOptions,
  keepText = false,
): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return {
      kind: 'done',
      result: failed(path, null, new ReadError('FILE_UNREADABLE', unreadableMessage(error))),
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return analyseBytes(path, bytes, sha256, rules, split, keepText);
}

/** A file's bytes, already read and hashed -> its result (exports analyse files on the spot). */
export async function analyseBytes(
  path: string,
  bytes: Uint8Array,
  sha256: string,
  rules: CompiledRules,
  split?: SplitOptions,
  keepText = false,
): Promise<FileOutcome> {
  try {
    const kind = bytes.length === 0 ? 'empty' : sniff(bytes, path);
    if (kind === 'empty') throw new ReadError('FILE_EMPTY', 'The file is empty (0 bytes).');
    // A .pdf without a PDF header goes to the PDF reader too, which says what the file really is.
    if (kind === 'pdf' || /\.pdf$/i.test(path)) {
      return await analyseWholePdf(path, bytes, sha256, rules, split, keepText);
    }
    if (kind === 'text' || kind === 'html' || kind === 'docx') {
      // The Word and HTML readers load when such a file comes, not in every worker at start.
      const text =
        kind === 'docx'
          ? await (await import('./read-docx')).extractDocx(bytes)
          : kind === 'html'
            ? (await import('./read-html')).extractHtml(bytes)
            : extractText(bytes);
      const part = analysePages(text.pages, [], rules, false);
      return {
        kind: 'done',
        result: assembleDocument(path, sha256, text.pages.length, [part], text.warnings),
        ...keptTexts(keepText, text.pages),
      };
    }
    if (kind === 'image') {
      const { page, note } = await extractImage(bytes);
      const part = analysePages([page.text], [], rules, false);
      const findings = withOcrConfidence(part.findings, new Map([[1, page]]));
      return {
        kind: 'done',
        result: assembleDocument(path, sha256, 1, [{ ...part, findings, ocr: [note] }]),
        ...keptTexts(keepText, [page.text]),
      };
    }
    throw new ReadError('NOT_SUPPORTED', notSupportedMessage(describeBinary(bytes)));
  } catch (error) {
    return { kind: 'done', result: failed(path, sha256, asReadError(error)) };
  }
}

/**
 * A PDF given whole: analysed here, or, when `split` cuts it into parts, its first part analysed
 * here and the rest announced for other workers (the document then stays open in `split.kept`).
 */
async function analyseWholePdf(
  path: string,
  bytes: Uint8Array,
  sha256: string,
  rules: CompiledRules,
  split: SplitOptions | undefined,
  keepText: boolean,
): Promise<FileOutcome> {
  const pdf = await openPdfDocument(bytes);
  let shared = false;
  try {
    const [first, ...rest] = split?.plan(pdf.numPages) ?? [[1, pdf.numPages] as const];
    if (split !== undefined && rest.length > 0) {
      split.announce({ sha256, pageCount: pdf.numPages, rest });
      shared = true;
    }
    const [from, to] = first ?? [1, pdf.numPages];
    const extracted = await pdf.read(from, to);
    if (!shared && split !== undefined) {
      // A short scan: its text layer was quick to read, its OCR is not; share that out.
      const ocrPages = pagesNeedingOcr(extracted.pages, extracted.unreadable).map(
        (w) => w.page.page,
      );
      const [own, ...others] = split.planOcr(pdf.numPages, ocrPages);
      if (own !== undefined && others.length > 0) {
        split.announce({ sha256, pageCount: pdf.numPages, rest: others });
        shared = true;
        const within = (page: number): boolean => page >= own[0] && page <= own[1];
        const { part } = await analysePdf(
          bytes,
          extracted.pages.filter((p) => within(p.page)),
          extracted.unreadable.filter(within),
          rules,
        );
        return { kind: 'part', part };
      }
    }
    const { part, pages } = await analysePdf(bytes, extracted.pages, extracted.unreadable, rules);
    if (shared) return { kind: 'part', part };
    return {
      kind: 'done',
      result: assembleDocument(path, sha256, pdf.numPages, [part]),
      ...keptTexts(keepText, pages),
    };
  } finally {
    if (shared && split?.kept !== undefined) split.kept.keep({ sha256, bytes, pdf });
    else await pdf.close();
  }
}

/**
 * Pages [from, to] of a PDF shared out between workers, from the document this worker keeps
 * open when it is the same file, otherwise read again and checked against the SHA-256 the
 * first worker found.
 */
export async function analysePdfPages(
  path: string,
  sha256: string,
  rules: CompiledRules,
  range: PageRange,
  kept: KeptPdf,
): Promise<PagesPart> {
  const document = (await kept.get(sha256)) ?? (await openAgain(path, sha256, kept));
  const { pages, unreadable } = await document.pdf.read(range[0], range[1]);
  return (await analysePdf(document.bytes, pages, unreadable, rules)).part;
}

/**
 * Opens a PDF and keeps it for the parts of it this worker may be given. Anything else, or a
 * file that cannot be read, is left alone: the worker given the whole file says what is wrong.
 */
export async function preparePdf(path: string, kept: KeptPdf): Promise<void> {
  try {
    const bytes = await readFile(path);
    if (!hasPdfHeader(bytes)) return;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if ((await kept.get(sha256)) !== null) return;
    kept.keep({ sha256, bytes, pdf: await openPdfDocument(bytes) });
  } catch {
    // Reported by the worker that reads the whole file.
  }
}

async function openAgain(path: string, sha256: string, kept: KeptPdf): Promise<KeptDocument> {
  const bytes = await readFile(path);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new ReadError(
      'FILE_UNREADABLE',
      'The file changed while it was being analysed; run the analysis again once it is complete.',
    );
  }
  const document = { sha256, bytes, pdf: await openPdfDocument(bytes) };
  kept.keep(document);
  return document;
}

/** A PDF's pages, those without a usable text layer read by OCR first. */
async function analysePdf(
  bytes: Uint8Array,
  extracted: readonly PageText[],
  unreadable: number[],
  rules: CompiledRules,
): Promise<{ part: PagesPart; pages: PageText[] }> {
  const { pages, ocr, notes } = await ocrWhereNeeded(bytes, extracted, unreadable);
  const part = analysePages(pages, unreadable, rules);
  return {
    part: {
      findings: withOcrConfidence(part.findings, ocr),
      unreadable,
      // A page OCR read is checked, even when no word was found on it.
      textless: textlessPages(pages, unreadable, notes),
      ocr: notes,
    },
    pages,
  };
}

function analysePages(
  pages: readonly PageText[],
  unreadable: number[],
  rules: CompiledRules,
  pdf = true,
): PagesPart {
  return {
    findings: pages.flatMap((page) => analysePage(page, rules)),
    unreadable,
    textless: pdf ? textlessPages(pages, unreadable, []) : [],
  };
}

/** The one message for unsupported kinds, shared with the app (shared/input/sniff.ts). */
export { notSupportedMessage };

function unreadableMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'The file does not exist.';
  if (code === 'EACCES' || code === 'EPERM')
    return 'ClaimLens is not allowed to read this file (permission denied).';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  return `The file cannot be read: ${(error as Error).message}`;
}
