// Previews a loaded, not yet enabled rule pack on a stored document: the verified original read
// in the sandbox exactly as the analysis reads it, the engine run in its worker with the packs in
// use plus the new one, and only the new pack's findings kept: the matches enabling it would add,
// with their quads so each can be shown on its page.
import type { Finding } from '../../shared/model/finding';
import type { RulePackFile } from '../../shared/rules/schema';
import { call, readOriginal } from '../app/api';
import { runEngine } from '../pdf/analyse-document';
import { extractPages } from '../pdf/extract';
import { openPdf, type OpenedPdf, type PasswordPrompt } from '../pdf/load-document';

export interface Candidate {
  readonly data: RulePackFile;
  readonly sha256: string;
  readonly file: string;
}

export interface Preview {
  readonly sha256: string;
  readonly matches: Finding[];
  /** The document, open for showing matches on their pages; the caller closes it. */
  readonly pdf: OpenedPdf;
}

export async function previewPack(
  sha256: string,
  candidate: Candidate,
  options: {
    readonly askPassword: PasswordPrompt;
    readonly signal: AbortSignal;
    readonly onProgress: (done: number, total: number) => void;
  },
): Promise<Preview> {
  const pdf = await openPdf(await readOriginal(sha256), options.askPassword);
  try {
    const pages = await extractPages(pdf.doc, options.onProgress, options.signal);
    const id = candidate.data.pack.id;
    // Fetched now, not the analysis's cached list: packs may have changed on this screen. The
    // user's earlier version of the same pack is replaced by the one previewed.
    const inUse = (await call('rules:packs', {})).filter((p) => p.data.pack.id !== id);
    const findings = await runEngine(pages, [
      ...inUse,
      { data: candidate.data, sha256: candidate.sha256, source: candidate.file },
    ]);
    return { sha256, matches: findings.filter((f) => f.rulePack === id), pdf };
  } catch (error) {
    await pdf.close();
    throw error;
  }
}
