// Previews a loaded, not yet enabled rule pack on a stored document: the engine runs in its
// worker over the page text the analysis stored, with the packs in use plus the new one, and only
// the new pack's findings are kept: the matches enabling it would add. The stored text carries
// no positions, so a match is placed on its page only when it is shown: that one page is read
// again with pdf.js from the verified original and the match's offsets mapped to quads.
import type { Finding, Quad } from '../../shared/model/finding';
import { readPageText } from '../../shared/pdf/read-pages';
import type { RulePackFile } from '../../shared/rules/schema';
import { quadsFor, type PageText } from '../../shared/text/page-text';
import { call } from '../app/api';
import { runEngine } from '../pdf/analyse-document';
import type { OpenedPdf } from '../pdf/load-document';

export interface Candidate {
  readonly data: RulePackFile;
  readonly sha256: string;
  readonly file: string;
}

export interface Preview {
  readonly sha256: string;
  /** Each page's stored text, by page number: a match's offsets point into it. */
  readonly texts: ReadonlyMap<number, string>;
  readonly matches: Finding[];
}

export async function previewPack(sha256: string, candidate: Candidate): Promise<Preview> {
  const id = candidate.data.pack.id;
  // Fetched now, not the analysis's cached list: packs may have changed on this screen. The
  // user's earlier version of the same pack is replaced by the one previewed.
  const [stored, packs] = await Promise.all([
    call('document:pages', { sha256 }),
    call('rules:packs', {}),
  ]);
  if (stored.length === 0) {
    throw new Error('ClaimLens has no text of this document: open it once so that it is read.');
  }
  const pages = stored.map(({ page, text }): PageText => ({
    page,
    text,
    items: [],
    itemOf: new Int32Array(text.length).fill(-1),
    charOf: new Int32Array(text.length),
  }));
  const findings = await runEngine(pages, [
    ...packs.filter((p) => p.data.pack.id !== id),
    { data: candidate.data, sha256: candidate.sha256, source: candidate.file },
  ]);
  return {
    sha256,
    texts: new Map(stored.map((p) => [p.page, p.text])),
    matches: findings.filter((f) => f.rulePack === id),
  };
}

/**
 * Quads of the matches on one page, from the page as pdf.js reads it now; null when its text is
 * not the text the matches were found in (a page read by OCR, or read by another version).
 */
export async function quadsOnPage(
  pdf: OpenedPdf,
  preview: Preview,
  page: number,
): Promise<Map<string, Quad[]> | null> {
  const read = await readPageText(pdf.doc, page);
  if (read.text !== preview.texts.get(page)) return null;
  return new Map(
    preview.matches
      .filter((m) => m.page === page)
      .map((m) => [m.id, quadsFor(read, m.start, m.end)]),
  );
}
