// A document's result put together from the findings of its pages: summary, warnings about
// what could not be checked, and the plain-words error when nothing could be read. No pdf.js
// here, so the CLI's main thread can use it without loading the parser.
import { summarise } from '../../shared/analysis/summary';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult, Finding } from '../../shared/model/finding';
import { ocrWarnings, pdfWarnings, type OcrNote } from '../../shared/analysis/warnings';

/** Findings of some pages of a document, and which of them could not be checked. */
export interface PagesPart {
  readonly findings: Finding[];
  readonly unreadable: number[];
  readonly textless: number[];
  /** Pages read by OCR (or where OCR was tried and failed). */
  readonly ocr?: readonly OcrNote[];
}

/** Puts a document's parts back together, in page order, with its summary and warnings. */
export function assembleDocument(
  path: string,
  sha256: string,
  pageCount: number,
  parts: readonly PagesPart[],
  extraWarnings: readonly string[] = [],
): DocumentResult {
  const findings = parts
    .flatMap((p) => p.findings)
    .sort((a, b) => a.page - b.page || a.start - b.start);
  const unreadable = parts.flatMap((p) => p.unreadable).sort((a, b) => a - b);
  const textless = parts.flatMap((p) => p.textless).sort((a, b) => a - b);
  const ocr = parts.flatMap((p) => p.ocr ?? []).sort((a, b) => a.page - b.page);
  try {
    const warnings = [
      ...extraWarnings,
      ...pdfWarnings(pageCount, unreadable, textless),
      ...ocrWarnings(ocr),
    ];
    return {
      path,
      sha256,
      pages: pageCount,
      error: null,
      warnings,
      findings,
      summary: summarise(findings),
    };
  } catch (error) {
    return failed(path, sha256, asReadError(error));
  }
}

export function failed(path: string, sha256: string | null, error: ReadError): DocumentResult {
  return {
    path,
    sha256,
    pages: null,
    error: error.message,
    warnings: [],
    findings: [],
    summary: null,
  };
}

export function asReadError(error: unknown): ReadError {
  if (error instanceof ReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ReadError('INTERNAL', `ClaimLens failed while reading this file: ${message}`);
}
