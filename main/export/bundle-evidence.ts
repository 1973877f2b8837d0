// An evidence bundle from the documents' evidence: each original and its annotated copy, the
// report (HTML and PDF), the W3C annotations and the findings (CSV, JSON) of all of them, and the
// audit chain: the library's whole chain for library documents, or a chain written for
// the bundle (one record a document analysed, one for the bundle) for files analysed on the spot.
// Each part comes from the exporter that owns it; the bundle only names, hashes and packs them.
import type { AuditRecord } from '../../shared/model/library';
import { auditHash, GENESIS_HASH } from '../store/audit';
import { buildBundle, type Bundle, type BundleEntry } from './bundle';
import type { BundleManifest, ManifestDocument } from './bundle-manifest';
import { EvidenceError, type EvidenceDocument } from './evidence-source';
import { renderExport } from './render-export';
import { makeReport, type ReportDocument } from './report-render';

/**
 * A document's evidence, with the page images for its report when the app's renderer drew them
 * (main parses no PDF in the app); without them, the command line draws them with MuPDF.
 */
export type BundleDocument = EvidenceDocument &
  Pick<ReportDocument, 'crops' | 'undrawnPages'> & {
    /**
     * The annotated copy the app's renderer built in its sandbox (checked by main against the
     * original's hash), or why it could not; without it, the command line builds the copy here.
     */
    readonly annotated?: { readonly bytes: Uint8Array } | { readonly error: string };
  };

export interface BundleOptions {
  /** The library's audit chain, oldest first, when the documents come from a library. */
  readonly libraryAudit?: readonly AuditRecord[];
  /** Who makes the bundle; the evidence's reviewer by default. */
  readonly reviewer?: string;
  readonly now?: Date;
}

export async function bundleEvidence(
  named: readonly BundleDocument[],
  options: BundleOptions = {},
): Promise<Bundle> {
  // The same bytes named twice (two paths, one file) are one document.
  const documents = [...new Map(named.map((d) => [d.detail.meta.sha256, d])).values()];
  if (documents.length === 0) throw new EvidenceError('USAGE', 'A bundle needs a document.');
  const createdAt = (options.now ?? new Date()).toISOString();
  const reviewer = options.reviewer ?? documents[0]!.reviewer;
  const entries: BundleEntry[] = [];
  const omitted: string[] = [];
  for (const doc of documents) {
    const { sha256, fileName } = doc.detail.meta;
    entries.push({
      path: `originals/${sha256}.${extension(fileName, doc.bytes)}`,
      bytes: doc.bytes,
      role: 'original',
      document: sha256,
    });
    try {
      const annotated = doc.annotated ?? (await renderExport('annotated-pdf', [doc]));
      if ('error' in annotated) throw new EvidenceError('UNSUPPORTED', annotated.error);
      entries.push({
        path: `annotated/${sha256}.annotated.pdf`,
        bytes: annotated.bytes,
        role: 'annotated-pdf',
        document: sha256,
      });
    } catch (error) {
      if (!(error instanceof EvidenceError)) throw error;
      omitted.push(`Annotated PDF copy of ${fileName}: ${error.message}`);
    }
  }
  // One report, one annotation collection and one findings table for all the documents.
  for (const [format, path, role] of [
    ['html', 'report/report.html', 'report-html'],
    ['pdf', 'report/report.pdf', 'report-pdf'],
  ] as const) {
    const report = await makeReport(documents, format);
    entries.push({ path, bytes: report.bytes, role });
    omitted.push(...report.warnings.map((w) => `In the ${format.toUpperCase()} report: ${w}`));
  }
  for (const [format, path, role] of [
    ['w3c', 'annotations/annotations.jsonld', 'annotations'],
    ['csv', 'findings/findings.csv', 'findings-csv'],
    ['json', 'findings/findings.json', 'findings-json'],
  ] as const) {
    entries.push({ path, bytes: (await renderExport(format, documents)).bytes, role });
  }
  const fromLibrary = documents.every((d) => d.source === 'library');
  const audit =
    fromLibrary && options.libraryAudit !== undefined
      ? [...options.libraryAudit]
      : bundleAudit(documents, reviewer, createdAt);
  return buildBundle({
    createdAt,
    reviewer,
    tool: documents[0]!.tool,
    engine: [...new Set(documents.map((d) => d.engine))].join(', '),
    rulePacks: rulePacks(documents),
    documents: documents.map(manifestDocument),
    entries,
    audit,
    auditScope: fromLibrary && options.libraryAudit !== undefined ? 'library' : 'bundle',
    omitted,
  });
}

function manifestDocument(doc: EvidenceDocument): ManifestDocument {
  const { meta, findings, notes } = doc.detail;
  return {
    sha256: meta.sha256,
    fileName: meta.fileName,
    pages: meta.pages,
    bytes: doc.bytes.length,
    source: doc.source,
    findings: findings.length,
    notes: notes.length,
  };
}

/** Every pack any document was analysed with, once each (id, version and hash). */
function rulePacks(documents: readonly EvidenceDocument[]): BundleManifest['rulePacks'] {
  const packs = new Map<string, BundleManifest['rulePacks'][number]>();
  for (const doc of documents) {
    for (const p of doc.rulePacks) packs.set(`${p.id} ${p.sha256}`, { ...p });
  }
  return [...packs.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Files analysed on the spot have no library audit log; the bundle gets its own chain, made with
 * the library's hashing, saying what was analysed, with what, and who made the bundle.
 */
function bundleAudit(
  documents: readonly EvidenceDocument[],
  reviewer: string,
  createdAt: string,
): AuditRecord[] {
  const records: AuditRecord[] = [];
  const append = (at: string, actor: string, action: string, detail: object): void => {
    const seq = records.length + 1;
    const prevHash = records.at(-1)?.hash ?? GENESIS_HASH;
    const text = JSON.stringify(detail);
    const hash = auditHash(prevHash, seq, at, actor, action, text);
    records.push({ seq, at, actor, action, detail: text, prevHash, hash });
  };
  for (const doc of documents) {
    const { sha256, fileName, pages } = doc.detail.meta;
    append(doc.gatheredAt, doc.reviewer, 'document.analysed', {
      sha256,
      fileName,
      bytes: doc.bytes.length,
      pages,
      engine: doc.engine,
      rulePacks: doc.rulePacks,
      findings: doc.detail.findings.length,
      source: doc.source,
    });
  }
  append(createdAt, reviewer, 'bundle.created', {
    documents: documents.map((d) => d.detail.meta.sha256),
  });
  return records;
}

/** The original's extension, lower-case; from its first bytes when the name has none. */
function extension(fileName: string, bytes: Uint8Array): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext !== undefined) return ext;
  return new TextDecoder('latin1').decode(bytes.subarray(0, 5)) === '%PDF-' ? 'pdf' : 'bin';
}
