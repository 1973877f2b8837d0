// The document-selection options that `claimlens export`, `report` and `bundle` share, and the
// one function that turns them into evidence: `--library DIR` with documents named by SHA-256,
// prefix or file name, or files (and folders) analysed on the spot with the bundled and --rules
// packs.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { LoadedPack } from '../../shared/rules/compile';
import { collectInputs } from '../cli/inputs';
import { writeAtomically } from '../cli/output';
import { bundledRulesDir, loadPacks } from '../rules/load-packs';
import { DB_FILE, JOURNAL_DIR } from '../store/durable-db';
import { LibraryStore, StoreError } from '../store/library-store';
import {
  EvidenceError,
  evidenceFromFile,
  evidenceFromLibrary,
  selectDocument,
  type EvidenceDocument,
} from './evidence-source';

/** For node:util parseArgs: spread into each command's own options. */
export const DOCUMENT_OPTIONS = {
  library: { type: 'string' },
  rules: { type: 'string', multiple: true },
  reviewer: { type: 'string' },
} as const;

/** The usage lines for DOCUMENT_OPTIONS, for each command's help text. */
export const DOCUMENT_OPTIONS_USAGE = `  --library DIR                   take documents from this ClaimLens library: DOC is a
                                  SHA-256, a unique prefix of one (6+ characters) or a
                                  file name; without it, DOC is a PDF or text file (or a
                                  folder of them) analysed on the spot
  --rules PATH                    add a rule pack for files analysed on the spot (repeatable)
  --reviewer NAME                 the name recorded as exporter (default: the library's
                                  reviewer, or the user name)
`;

export interface DocumentSelection {
  readonly library?: string | undefined;
  readonly rules?: readonly string[] | undefined;
  readonly reviewer?: string | undefined;
  /** DOC arguments: library selectors with --library, else paths. */
  readonly documents: readonly string[];
}

export interface GatherOptions {
  /** Validated packs are cached here (the CLI's pack cache); none by default. */
  readonly packCache?: string;
  readonly now?: Date;
}

/**
 * The evidence of every document named, in the order given. Throws EvidenceError (a usage
 * problem, a document not found or ambiguous, an original failing verification, an unreadable
 * file) before anything is written, so an export is all or nothing.
 */
export async function gatherEvidence(
  selection: DocumentSelection,
  options: GatherOptions = {},
): Promise<EvidenceDocument[]> {
  if (selection.documents.length === 0) {
    throw new EvidenceError(
      'USAGE',
      selection.library === undefined
        ? 'Name at least one PDF or text file to export.'
        : 'Name at least one document of the library (SHA-256, prefix or file name).',
    );
  }
  const reviewer = selection.reviewer?.trim();
  if (selection.reviewer !== undefined && !reviewer) {
    throw new EvidenceError('USAGE', '--reviewer needs a name.');
  }
  if (selection.library !== undefined) {
    if ((selection.rules ?? []).length > 0) {
      throw new EvidenceError(
        'USAGE',
        '--rules applies to files analysed on the spot; a library document keeps the findings ' +
          'of the rule packs it was analysed with.',
      );
    }
    return fromLibrary(selection.library, selection.documents, reviewer, options.now);
  }
  const { files, missing } = collectInputs(selection.documents);
  if (missing.length > 0) {
    throw new EvidenceError(
      'NOT_FOUND',
      `${missing.join(', ')}: no such file or folder. To name a document of a library, ` +
        'add --library DIR.',
    );
  }
  if (files.length === 0) {
    throw new EvidenceError('NOT_FOUND', 'The folders named hold no PDF or text file.');
  }
  const packs = readPacks(selection.rules ?? [], options.packCache);
  const documents: EvidenceDocument[] = [];
  for (const file of files) {
    documents.push(
      await evidenceFromFile(file, {
        packs,
        reviewer: reviewer || osUserName(),
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  }
  return documents;
}

async function fromLibrary(
  dir: string,
  selectors: readonly string[],
  reviewer: string | undefined,
  now: Date | undefined,
): Promise<EvidenceDocument[]> {
  // Opening an existing library only: a mistyped folder must not become a new, empty library.
  if (!existsSync(join(dir, DB_FILE)) && !existsSync(join(dir, JOURNAL_DIR))) {
    throw new EvidenceError(
      'NOT_FOUND',
      `${dir} is not a ClaimLens library (it has no ${DB_FILE}). Give the folder the app keeps ` +
        'its library in, or leave out --library to export files directly.',
    );
  }
  const store = await LibraryStore.open(dir, reviewer ? { reviewer } : {}).catch(
    (error: unknown) => {
      // Open in the app or another command, or unreadable: the store says which, in words.
      throw error instanceof StoreError ? new EvidenceError('UNREADABLE', error.message) : error;
    },
  );
  try {
    const all = store.list();
    const chosen = [...new Set(selectors.map((s) => selectDocument(all, s).sha256))];
    const documents: EvidenceDocument[] = [];
    for (const sha256 of chosen) documents.push(await evidenceFromLibrary(store, sha256, now));
    return documents;
  } finally {
    await store.close();
  }
}

function readPacks(rules: readonly string[], cacheDir: string | undefined): LoadedPack[] {
  return loadPacks([bundledRulesDir(), ...rules], cacheDir);
}

export function osUserName(): string {
  try {
    return userInfo().username || 'reviewer';
  } catch {
    // No passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'reviewer';
  }
}

/**
 * Writes an export (a copy, report or bundle) atomically; a file that cannot be written is an
 * EvidenceError in plain words, so the command exits 2 and says why.
 */
export function writeExportFile(path: string, bytes: Uint8Array, what: string): void {
  try {
    writeAtomically(path, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
    throw new EvidenceError('UNREADABLE', `The ${what} could not be written to ${path}: ${why}.`);
  }
}
