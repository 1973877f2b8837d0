// Everything an export needs for one document, from either source: a library folder (what the
// reviewer triaged and noted, with the original re-verified) or a file analysed on the spot
// (every finding needs review, no notes). Exporters (annotated PDF, W3C annotations, CSV/JSON,
// reports, bundles) take an EvidenceDocument and never open the store or parse a file themselves.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import { summarise } from '../../shared/analysis/summary';
import type {
  AuditRecord,
  DocumentDetail,
  DocumentMeta,
  StoredFinding,
} from '../../shared/model/library';
import { compileRules, type LoadedPack } from '../../shared/rules/compile';
import { shortHash } from '../store/errors';

/** A rule pack as provenance: which pack, which version, the SHA-256 of its file. */
export interface PackProvenance {
  readonly id: string;
  readonly version: string;
  readonly sha256: string;
}

export interface EvidenceDocument {
  /** Where it came from: the library, or a file analysed for this export. */
  readonly source: 'library' | 'file';
  /** The file's path for a file source; null for a library document. */
  readonly path: string | null;
  /** Meta, verification, findings with triage, user highlights and notes. */
  readonly detail: DocumentDetail;
  /** The original's bytes, verified against detail.meta.sha256. */
  readonly bytes: Uint8Array;
  /** Each page's text as the analysis read it (offsets of findings point into it), by page. */
  readonly pageTexts: ReadonlyMap<number, string>;
  /** The audit records about this document, oldest first (empty for a file source). */
  readonly audit: readonly AuditRecord[];
  /** Who is exporting: the library's reviewer, or the OS user for a file source. */
  readonly reviewer: string;
  readonly tool: { readonly name: 'claimlens'; readonly version: string };
  /** The engine version that produced the findings. */
  readonly engine: string;
  readonly rulePacks: readonly PackProvenance[];
  /** Parts of the document that were not checked (damaged or text-less pages). */
  readonly warnings: readonly string[];
  /** When the evidence was gathered (UTC, ISO 8601). */
  readonly gatheredAt: string;
}

export type EvidenceErrorCode =
  'USAGE' | 'NOT_FOUND' | 'AMBIGUOUS' | 'VERIFICATION' | 'UNREADABLE' | 'UNSUPPORTED';

/** Why the evidence for a document cannot be gathered, in plain words a user can act on. */
export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceError';
  }
}

export const TOOL = { name: 'claimlens', version: packageJson.version } as const;

/** What the evidence source needs of a library (main/store/library-store.ts LibraryStore). */
export interface EvidenceLibrary {
  list(): DocumentMeta[];
  detail(sha256: string): Promise<DocumentDetail>;
  readOriginal(sha256: string): Promise<Uint8Array>;
  pageText(sha256: string, page: number): string | null;
  audit(): AuditRecord[];
  reviewer(): string;
}

/** Shortest hash prefix accepted, so a stray word is not read as a hash. */
const MIN_PREFIX = 6;

/**
 * The library document a user named: its full SHA-256, a unique prefix of it (6 characters or
 * more), or its file name (as imported, or with the folder left off).
 */
export function selectDocument(documents: readonly DocumentMeta[], selector: string): DocumentMeta {
  const wanted = selector.trim();
  const lower = wanted.toLowerCase();
  if (/^[0-9a-f]+$/.test(lower) && lower.length >= MIN_PREFIX) {
    const byHash = documents.filter((d) => d.sha256.startsWith(lower));
    if (byHash.length === 1) return byHash[0]!;
    if (byHash.length > 1) throw ambiguous(wanted, byHash);
  }
  const exact = documents.filter((d) => d.fileName === wanted);
  const named = exact.length > 0 ? exact : documents.filter((d) => d.fileName === basename(wanted));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw ambiguous(wanted, named);
  throw new EvidenceError(
    'NOT_FOUND',
    `No document in the library matches "${wanted}". Name a document by its SHA-256, a prefix ` +
      `of ${MIN_PREFIX} or more of its characters, or its file name` +
      (documents.length === 0
        ? '; the library is empty.'
        : `; the library holds: ${documents
            .slice(0, 10)
            .map((d) => `${d.fileName} (${d.sha256.slice(0, 12)})`)
            .join(', ')}${documents.length > 10 ? ', …' : ''}.`),
  );
}

function ambiguous(wanted: string, matches: readonly DocumentMeta[]): EvidenceError {
  return new EvidenceError(
    'AMBIGUOUS',
    `"${wanted}" matches ${matches.length} documents in the library: ` +
      `${matches.map((d) => `${d.fileName} (${d.sha256.slice(0, 12)})`).join(', ')}. ` +
      'Give more characters of the SHA-256.',
  );
}

/** Gathers a library document's evidence; refuses an original that no longer matches its hash. */
export async function evidenceFromLibrary(
  library: EvidenceLibrary,
  sha256: string,
  now: Date = new Date(),
): Promise<EvidenceDocument> {
  const detail = await library.detail(sha256);
  const { meta } = detail;
  if (detail.verification !== 'verified') {
    throw new EvidenceError(
      'VERIFICATION',
      detail.verification === 'missing'
        ? `The stored original of ${meta.fileName} (${shortHash(sha256)}) is missing from the ` +
            'library, so nothing can be exported for it. Import the file again.'
        : `The stored original of ${meta.fileName} (${shortHash(sha256)}) no longer hashes to ` +
            'its SHA-256: it was altered on disk. Nothing is exported from an original that ' +
            'fails verification; import an unaltered copy of the file again.',
    );
  }
  if (meta.state !== 'analysed') {
    throw new EvidenceError(
      'UNREADABLE',
      meta.state === 'failed'
        ? `${meta.fileName} (${shortHash(sha256)}) could not be read when it was imported: ` +
            (meta.error ?? 'no reason was recorded')
        : `${meta.fileName} (${shortHash(sha256)}) has not been analysed yet; open it in ` +
            'ClaimLens first.',
    );
  }
  const bytes = await library.readOriginal(sha256);
  const pageTexts = new Map<number, string>();
  for (let page = 1; page <= (meta.pages ?? 0); page += 1) {
    const text = library.pageText(sha256, page);
    if (text !== null) pageTexts.set(page, text);
  }
  const audit = library.audit().filter((record) => concerns(record, sha256));
  return {
    source: 'library',
    path: null,
    detail,
    bytes,
    pageTexts,
    audit,
    reviewer: library.reviewer(),
    tool: TOOL,
    ...provenance(audit, detail.findings),
    warnings: detail.warnings,
    gatheredAt: now.toISOString(),
  };
}

function concerns(record: AuditRecord, sha256: string): boolean {
  try {
    return (JSON.parse(record.detail) as { sha256?: unknown }).sha256 === sha256;
  } catch {
    return false;
  }
}

/** Engine and rule packs of the latest saved analysis (its audit record lists them). */
function provenance(
  audit: readonly AuditRecord[],
  findings: readonly StoredFinding[],
): { engine: string; rulePacks: PackProvenance[] } {
  const saved = audit.findLast((record) => record.action === 'analysis.saved');
  if (saved !== undefined) {
    const detail = JSON.parse(saved.detail) as { engine?: string; rulePacks?: PackProvenance[] };
    if (typeof detail.engine === 'string' && Array.isArray(detail.rulePacks)) {
      return {
        engine: detail.engine,
        rulePacks: detail.rulePacks.map(({ id, version, sha256 }) => ({ id, version, sha256 })),
      };
    }
  }
  // No audit record to read them from: what each finding recorded (pack versions unknown).
  const packs = new Map<string, PackProvenance>();
  for (const f of findings) {
    packs.set(f.finding.rulePack, {
      id: f.finding.rulePack,
      version: '',
      sha256: f.rulePackSha256,
    });
  }
  return { engine: findings[0]?.engine ?? '', rulePacks: [...packs.values()] };
}

export interface FileEvidenceOptions {
  readonly packs: readonly LoadedPack[];
  /** Who is exporting; the OS user name by default. */
  readonly reviewer: string;
  readonly now?: Date;
}

/**
 * Reads and analyses a file for an export, in this thread: PDF or plain text, with the same
 * extraction and engine as `claimlens analyse`. Every finding needs review; there are no notes.
 */
export async function evidenceFromFile(
  path: string,
  options: FileEvidenceOptions,
): Promise<EvidenceDocument> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvidenceError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE',
      code === 'ENOENT'
        ? `${path} does not exist.`
        : code === 'EISDIR'
          ? `${path} is a folder; name the files to export.`
          : `${path} cannot be read: ${(error as Error).message}`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = options.now ?? new Date();
  // The CLI's own reader (PDF with OCR where a page needs it, Word, web pages, images, text),
  // loaded on first use: the app's main process never reads a document itself.
  const { analyseBytes } = await import('../extract/analyse-file');
  const outcome = await analyseBytes(
    path,
    bytes,
    sha256,
    compileRules(options.packs),
    undefined,
    true,
  );
  if (outcome.kind !== 'done') throw new Error('a document analysed whole came back in parts');
  const { result } = outcome;
  if (result.error !== null) throw new EvidenceError('UNREADABLE', `${path}: ${result.error}`);
  const pages = outcome.texts ?? [];
  const { findings, warnings } = result;
  const byId = new Map(options.packs.map((p) => [p.data.pack.id, p.sha256]));
  const at = now.toISOString();
  const summary = summarise(findings);
  const meta: DocumentMeta = {
    sha256,
    fileName: basename(path),
    bytes: bytes.length,
    pages: result.pages ?? pages.length,
    addedAt: at,
    analysedAt: at,
    state: 'analysed',
    error: null,
    summary,
    counts: summary.bySeverity,
    tags: [],
  };
  return {
    source: 'file',
    path,
    detail: {
      meta,
      verification: 'verified',
      warnings,
      findings: findings.map((finding) => ({
        finding,
        status: 'needs-review',
        statusBy: null,
        statusAt: null,
        engine: ENGINE_VERSION,
        rulePackSha256: byId.get(finding.rulePack) ?? '',
      })),
      highlights: [],
      notes: [],
    },
    bytes,
    pageTexts: new Map(pages.map((p) => [p.page, p.text])),
    audit: [],
    reviewer: options.reviewer,
    tool: TOOL,
    engine: ENGINE_VERSION,
    rulePacks: options.packs.map(packProvenance),
    warnings,
    gatheredAt: at,
  };
}

export function packProvenance(pack: LoadedPack): PackProvenance {
  return { id: pack.data.pack.id, version: pack.data.pack.version, sha256: pack.sha256 };
}
