// Shared pieces of the export tests: a real library folder holding a real fixture PDF, analysed
// by the real engine, with triage, a note and a reviewer's own highlight, as the app leaves it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisUpload } from '../../../shared/model/library';
import {
  packProvenance,
  type EvidenceDocument,
  evidenceFromFile,
} from '../../../main/export/evidence-source';
import { bundledRulesDir, loadPacks } from '../../../main/rules/load-packs';
import { LibraryStore } from '../../../main/store/library-store';
import { steppingClock, tempDir } from '../store/helpers';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const BROCHURE = join(ROOT, 'test/fixtures/files/brochure-3p.pdf');
export const LIBREOFFICE = join(ROOT, 'test/fixtures/files/libreoffice-en.pdf');

export const packs = loadPacks([bundledRulesDir()]);

/** Non-ASCII on purpose: exports must keep every script. */
export const NOTE_TEXT = 'Seen again in the 2024 catalogue, page 12 — « même texte ».';
export const DOCUMENT_NOTE = 'Brochure handed out at the 2026 trade fair.';
/** Quotes, a comma, brackets and a backslash: each format's escaping is exercised. */
export const HIGHLIGHT_NOTE =
  'Reviewer highlight: "quoted" text, with a comma (and a \\ backslash)';

/** The fixture analysed on the spot, as `claimlens export FILE` does. */
export function analyseFixture(path = BROCHURE): Promise<EvidenceDocument> {
  return evidenceFromFile(path, {
    packs,
    reviewer: 'tester',
    now: new Date('2026-01-05T09:00:00Z'),
  });
}

export interface LibraryFixture {
  readonly dir: string;
  readonly sha256: string;
  /** The finding confirmed and noted, and the user highlight. */
  readonly confirmedId: string;
  readonly highlightId: string;
}

/**
 * A library folder (closed again) with `path` imported and analysed: the first finding
 * confirmed with a note on it, the second dismissed, and a user highlight with a note.
 */
export async function makeLibrary(path = BROCHURE): Promise<LibraryFixture> {
  const dir = await tempDir('claimlens-export-');
  const analysed = await analyseFixture(path);
  const store = await LibraryStore.open(dir, { now: steppingClock() });
  try {
    await store.setReviewer('Ada Lawyer');
    const { meta } = await store.importDocument(
      analysed.detail.meta.fileName,
      new Uint8Array(await readFile(path)),
    );
    const upload: AnalysisUpload = {
      sha256: meta.sha256,
      pages: [...analysed.pageTexts].map(([page, text]) => ({ page, text })),
      findings: analysed.detail.findings.map((f) => f.finding),
      engine: analysed.engine,
      rulePacks: packs.map((p) => ({
        ...packProvenance(p),
        name: p.data.pack.name,
        rules: p.data.rules.length,
        source: p.source,
      })),
    };
    await store.saveAnalysis(upload);
    const [first, second] = upload.findings;
    if (!first || !second) throw new Error(`${path} gave fewer than two findings.`);
    await store.setStatus(meta.sha256, first.id, 'confirmed');
    await store.saveNote({ sha256: meta.sha256, targetId: first.id, text: NOTE_TEXT });
    await store.setStatus(meta.sha256, second.id, 'dismissed');
    const highlight = await store.addHighlight({
      sha256: meta.sha256,
      page: second.page,
      quote: second.quote,
      quads: second.quads,
    });
    await store.saveNote({
      sha256: meta.sha256,
      targetId: highlight.id,
      text: HIGHLIGHT_NOTE,
    });
    await store.saveNote({ sha256: meta.sha256, targetId: meta.sha256, text: DOCUMENT_NOTE });
    return { dir, sha256: meta.sha256, confirmedId: first.id, highlightId: highlight.id };
  } finally {
    await store.close();
  }
}
