// `claimlens verify`: checks an evidence bundle against itself. Every file's size and SHA-256
// against the manifest, the manifest against SHA256SUMS, each original against the hash in its
// name, each annotated copy's prefix against its original, the audit chain record by record, and
// files missing from the bundle or the manifest. Nothing is unpacked to disk.
import { unzipSync } from 'fflate';
import { AuditRecord } from '../../shared/model/library';
import { verifyAuditRecords } from '../store/audit';
import { GENESIS_HASH } from '../store/audit';
import { isSafePath, sha256Hex } from './bundle';
import { BundleManifest, MANIFEST_PATH, SUMS_PATH, type ManifestFile } from './bundle-manifest';

/** Larger than any real bundle; a zip that claims more is refused before it is inflated. */
const MAX_UNPACKED_BYTES = 4 * 1024 ** 3;

export type VerifyResult =
  | { readonly status: 'unreadable'; readonly reason: string }
  | {
      readonly status: 'intact' | 'altered';
      readonly manifest: BundleManifest;
      /** What does not match, one sentence each; empty when intact. */
      readonly problems: string[];
      /** Files whose hash matched the manifest. */
      readonly checked: number;
    };

export function verifyBundle(zip: Uint8Array): VerifyResult {
  const names: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    let declared = 0;
    files = unzipSync(zip, {
      filter: (file) => {
        names.push(file.name);
        declared += file.originalSize;
        if (declared > MAX_UNPACKED_BYTES) {
          throw new Error('it would unpack to more than 4 GB, far more than any evidence bundle');
        }
        return true;
      },
    });
  } catch (error) {
    return { status: 'unreadable', reason: `it is not a readable zip file (${reason(error)}).` };
  }
  const manifestBytes = files[MANIFEST_PATH];
  if (manifestBytes === undefined) {
    return {
      status: 'unreadable',
      reason: `it has no ${MANIFEST_PATH}, so it is not a ClaimLens evidence bundle.`,
    };
  }
  let manifest: BundleManifest;
  try {
    const parsed = BundleManifest.safeParse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)),
    );
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return {
        status: 'unreadable',
        reason: `its ${MANIFEST_PATH} is not a ClaimLens bundle manifest (${issue.path.join('.') || 'the top level'}: ${issue.message}).`,
      };
    }
    manifest = parsed.data;
  } catch (error) {
    return {
      status: 'unreadable',
      reason: `its ${MANIFEST_PATH} is not valid JSON (${reason(error)}).`,
    };
  }

  const problems: string[] = [];
  let checked = 0;

  // The zip itself: paths that could write outside a folder, names given twice.
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (!isSafePath(name.endsWith('/') ? name.slice(0, -1) : name)) {
      problems.push(
        `The zip holds a file with an unsafe path, "${name}", which could write outside the folder it is unpacked into; a bundle written by ClaimLens never does.`,
      );
    }
    if (count > 1) {
      problems.push(`The zip holds ${count} files named ${name}; only one can be the evidence.`);
    }
  }

  // The manifest against SHA256SUMS.
  const sums = parseSums(files[SUMS_PATH]);
  if (sums === null) {
    problems.push(
      `${SUMS_PATH} is missing or unreadable, so the manifest itself cannot be checked.`,
    );
  } else {
    const recorded = sums.get(MANIFEST_PATH);
    const actual = sha256Hex(manifestBytes);
    if (recorded === undefined) problems.push(`${SUMS_PATH} has no line for ${MANIFEST_PATH}.`);
    else if (recorded !== actual) {
      problems.push(
        `${MANIFEST_PATH} was changed after the bundle was made: it hashes to ${short(actual)}, ${SUMS_PATH} records ${short(recorded)}.`,
      );
    }
    for (const file of manifest.files) {
      const line = sums.get(file.path);
      if (line === undefined)
        problems.push(`${SUMS_PATH} has no line for ${file.path}, which the manifest lists.`);
      else if (line !== file.sha256) {
        problems.push(
          `${SUMS_PATH} and ${MANIFEST_PATH} disagree about ${file.path}: ${short(line)} against ${short(file.sha256)}.`,
        );
      }
    }
    for (const path of sums.keys()) {
      if (path !== MANIFEST_PATH && !manifest.files.some((f) => f.path === path)) {
        problems.push(`${SUMS_PATH} lists ${path}, which the manifest does not.`);
      }
    }
  }

  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) problems.push(`The manifest lists ${file.path} twice.`);
    listed.add(file.path);
  }

  // Every file in the manifest: there, the right size, the right hash.
  const intact = new Set<string>();
  for (const file of manifest.files) {
    const bytes = files[file.path];
    if (bytes === undefined) {
      problems.push(
        `${file.path} is missing: the manifest lists it (${describe(file)}), but the bundle does not hold it.`,
      );
      continue;
    }
    const actual = sha256Hex(bytes);
    if (actual !== file.sha256) {
      const size =
        bytes.length !== file.size ? ` and is ${bytes.length} bytes, not ${file.size}` : '';
      problems.push(
        `${file.path} was changed: it hashes to ${short(actual)}${size}; the manifest records ${short(file.sha256)} (${describe(file)}).`,
      );
    } else if (bytes.length !== file.size) {
      problems.push(`${file.path} is ${bytes.length} bytes; the manifest records ${file.size}.`);
    } else {
      intact.add(file.path);
      checked++;
    }
  }

  // Files the manifest does not know.
  for (const name of counts.keys()) {
    if (name === MANIFEST_PATH || name === SUMS_PATH || name.endsWith('/')) continue;
    if (!manifest.files.some((f) => f.path === name)) {
      problems.push(
        `${name} is in the bundle but not in the manifest: it was added after the bundle was made.`,
      );
    }
  }

  // Originals: named by their own SHA-256, one per document, as the manifest says.
  for (const doc of manifest.documents) {
    const originals = manifest.files.filter(
      (f) => f.role === 'original' && f.document === doc.sha256,
    );
    if (originals.length !== 1) {
      problems.push(
        `The manifest lists ${originals.length} originals for ${doc.fileName} (${short(doc.sha256)}); a bundle holds exactly one.`,
      );
    }
  }
  for (const file of manifest.files.filter((f) => f.role === 'original')) {
    const named = /([0-9a-f]{64})(?:\.[^/]*)?$/.exec(file.path)?.[1];
    const bytes = files[file.path];
    if (named === undefined || named !== file.document) {
      problems.push(
        `${file.path} is not named by the SHA-256 of the document it is the original of (${short(file.document ?? '')}).`,
      );
    }
    if (bytes !== undefined && named !== undefined) {
      const actual = sha256Hex(bytes);
      if (actual !== named) {
        problems.push(
          `The original ${file.path} does not hash to the SHA-256 in its name (it hashes to ${short(actual)}): the file was altered.`,
        );
      }
    }
  }

  // Annotated copies: the original's bytes, unchanged, then an incremental update.
  for (const file of manifest.files.filter((f) => f.role === 'annotated-pdf')) {
    const bytes = files[file.path];
    const doc = manifest.documents.find((d) => d.sha256 === file.document);
    if (bytes === undefined || doc === undefined) {
      if (doc === undefined) problems.push(`${file.path} names no document of the manifest.`);
      continue;
    }
    if (bytes.length < doc.bytes || sha256Hex(bytes.subarray(0, doc.bytes)) !== doc.sha256) {
      problems.push(
        `The annotated copy ${file.path} does not begin with the original ${doc.fileName} unchanged: its first ${doc.bytes} bytes do not hash to the original's SHA-256 (${short(doc.sha256)}).`,
      );
    }
  }

  // The audit log: every record well formed, the chain intact from the first, its head as recorded.
  const auditBytes = files[manifest.audit.path];
  if (auditBytes !== undefined) problems.push(...checkAudit(auditBytes, manifest));
  else if (!manifest.files.some((f) => f.path === manifest.audit.path)) {
    problems.push(
      `The audit log ${manifest.audit.path} is missing and the manifest does not list it.`,
    );
  }

  return { status: problems.length === 0 ? 'intact' : 'altered', manifest, problems, checked };
}

function checkAudit(bytes: Uint8Array, manifest: BundleManifest): string[] {
  const path = manifest.audit.path;
  const records: AuditRecord[] = [];
  const lines = new TextDecoder().decode(bytes).split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    let parsed: ReturnType<typeof AuditRecord.safeParse>;
    try {
      parsed = AuditRecord.safeParse(JSON.parse(line));
    } catch {
      return [`${path} line ${i + 1} is not JSON, so the audit chain cannot be checked past it.`];
    }
    if (!parsed.success) {
      return [
        `${path} line ${i + 1} is not an audit record (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}).`,
      ];
    }
    records.push(parsed.data);
  }
  const problems: string[] = [];
  const chain = verifyAuditRecords(records);
  if (!chain.ok) problems.push(`The audit log is broken: ${chain.reason}`);
  const head = records.at(-1)?.hash ?? GENESIS_HASH;
  if (records.length !== manifest.audit.records) {
    problems.push(
      `The audit log holds ${records.length} records; the manifest records ${manifest.audit.records}.`,
    );
  }
  if (head !== manifest.audit.headHash) {
    problems.push(
      `The audit log ends at ${short(head)}; the manifest records the chain's head as ${short(manifest.audit.headHash)}.`,
    );
  }
  return problems;
}

/** `sha256sum` lines: "<hex>  <path>" (or "<hex> *<path>"). */
function parseSums(bytes: Uint8Array | undefined): Map<string, string> | null {
  if (bytes === undefined) return null;
  const sums = new Map<string, string>();
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match === null) return null;
    sums.set(match[2]!, match[1]!);
  }
  return sums;
}

function describe(file: ManifestFile): string {
  const what: Record<ManifestFile['role'], string> = {
    original: 'the original',
    'annotated-pdf': 'the annotated PDF copy',
    'report-html': 'the HTML report',
    'report-pdf': 'the PDF report',
    annotations: 'the W3C annotations',
    'findings-csv': 'the findings as CSV',
    'findings-json': 'the findings as JSON',
    'audit-log': 'the audit log',
  };
  return `${what[file.role]}, ${file.size} bytes, SHA-256 ${short(file.sha256)}`;
}

function short(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 16)}...` : hash;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
