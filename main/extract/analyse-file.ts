// One input file -> one DocumentResult: hash first (as forensic tools do), find out what the
// bytes are, extract pages, run the engine. Every failure becomes a plain-words error.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { analyseDocument } from '../../shared/analysis/analyse';
import { ReadError } from '../../shared/model/errors';
import type { DocumentResult } from '../../shared/model/finding';
import type { CompiledRules } from '../../shared/rules/compile';
import { extractPdf } from './extract-pdf';
import { extractText } from './read-text';
import { describeBinary, sniff } from './sniff';

export async function analyseFile(path: string, rules: CompiledRules): Promise<DocumentResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failed(path, null, new ReadError('FILE_UNREADABLE', unreadableMessage(error)));
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const { pages, warnings } = await extract(path, bytes);
    const { findings, summary } = analyseDocument(pages, rules);
    return { path, sha256, pages: pages.length, error: null, warnings, findings, summary };
  } catch (error) {
    if (error instanceof ReadError) return failed(path, sha256, error);
    const message = error instanceof Error ? error.message : String(error);
    return failed(path, sha256, new ReadError('INTERNAL', `ClaimLens failed while reading this file: ${message}`));
  }
}

async function extract(path: string, bytes: Uint8Array) {
  const kind = bytes.length === 0 ? 'empty' : sniff(bytes);
  if (kind === 'empty') throw new ReadError('FILE_EMPTY', 'The file is empty (0 bytes).');
  // A .pdf without a PDF header goes to the PDF reader too, which says what the file really is.
  if (kind === 'pdf' || /\.pdf$/i.test(path)) return extractPdf(bytes);
  if (kind === 'text') return extractText(bytes);
  const what = describeBinary(bytes);
  throw new ReadError(
    'NOT_SUPPORTED',
    `ClaimLens reads PDF and plain-text files; this is ${what ?? 'another kind of file'}.`,
  );
}

export function failed(path: string, sha256: string | null, error: ReadError): DocumentResult {
  return { path, sha256, pages: null, error: error.message, warnings: [], findings: [], summary: null };
}

function unreadableMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'The file does not exist.';
  if (code === 'EACCES' || code === 'EPERM') return 'ClaimLens is not allowed to read this file (permission denied).';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  return `The file cannot be read: ${(error as Error).message}`;
}
