// `claimlens bundle [--library DIR] DOC... --out FILE.zip`: the evidence bundle of the documents
// named, written atomically, with a short account of what went in on standard error.
import type { AuditRecord } from '../../shared/model/library';
import { LibraryStore, StoreError } from '../store/library-store';
import type { Bundle } from './bundle';
import { bundleEvidence } from './bundle-evidence';
import { gatherEvidence, writeExportFile, type DocumentSelection } from './document-args';
import { EvidenceError } from './evidence-source';

export interface BundleCommandOptions extends DocumentSelection {
  readonly out: string | undefined;
  readonly packCache?: string;
  readonly now?: Date;
}

/** Returns the exit code: 0 written, 2 usage error or a document that cannot be bundled. */
export async function bundleCommand(options: BundleCommandOptions): Promise<number> {
  try {
    if (options.out === undefined || options.out.trim() === '') {
      throw new EvidenceError('USAGE', 'Say where to write the bundle: --out FILE.zip.');
    }
    if (!/\.zip$/i.test(options.out)) {
      throw new EvidenceError('USAGE', `--out names the bundle's .zip file; got "${options.out}".`);
    }
    const documents = await gatherEvidence(options, {
      ...(options.packCache !== undefined ? { packCache: options.packCache } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
    const libraryAudit =
      options.library !== undefined ? await readLibraryAudit(options.library) : undefined;
    const bundle = await bundleEvidence(documents, {
      ...(libraryAudit !== undefined ? { libraryAudit } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
    writeExportFile(options.out, bundle.zip, 'bundle');
    process.stderr.write(describeBundle(options.out, bundle));
    return 0;
  } catch (error) {
    if (error instanceof EvidenceError) {
      process.stderr.write(`claimlens: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The library's whole audit chain, read after the evidence was gathered (and the store closed). */
async function readLibraryAudit(dir: string): Promise<AuditRecord[]> {
  const store = await LibraryStore.open(dir).catch((error: unknown) => {
    // Opened by the app or another command in the meantime: the store says so, in words.
    throw error instanceof StoreError ? new EvidenceError('UNREADABLE', error.message) : error;
  });
  try {
    return store.audit();
  } finally {
    await store.close();
  }
}

function describeBundle(out: string, { manifest, zip }: Bundle): string {
  const lines = [
    `Wrote ${out} (${zip.length} bytes): ${manifest.documents.length} document${manifest.documents.length === 1 ? '' : 's'}, ` +
      `${manifest.files.length} files listed in manifest.json and SHA256SUMS.`,
    ...manifest.documents.map((d) => `  ${d.fileName}  sha256 ${d.sha256}`),
    `  audit log: ${manifest.audit.records} records (${manifest.audit.scope === 'library' ? "the library's chain" : 'a chain written for this bundle'}), head ${manifest.audit.headHash}`,
    ...manifest.omitted.map((o) => `  not included: ${o}`),
    `Check it any time with: claimlens verify ${out}`,
  ];
  return lines.join('\n') + '\n';
}
