// Writes an evidence bundle: one .zip with the named files, an audit log (JSON Lines, hash-
// chained), manifest.json (every file's path, size and SHA-256, provenance, reviewer, time, the
// audit chain's head) and SHA256SUMS. The same input always gives the same bytes: files in path
// order, every entry stamped with the bundle's own time.
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import type { AuditRecord } from '../../shared/model/library';
import { GENESIS_HASH } from '../store/audit';
import {
  AUDIT_PATH,
  BUNDLE_FORMAT,
  MANIFEST_PATH,
  SUMS_PATH,
  type BundleManifest,
  type FileRole,
  type ManifestDocument,
  type ManifestFile,
} from './bundle-manifest';

export interface BundleEntry {
  /** Path inside the zip: forward slashes, no leading slash, no `..`. */
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly role: FileRole;
  readonly document?: string;
}

export interface BundleSpec {
  readonly createdAt: string;
  readonly reviewer: string;
  readonly tool: BundleManifest['tool'];
  readonly engine: string;
  readonly rulePacks: BundleManifest['rulePacks'];
  readonly documents: readonly ManifestDocument[];
  readonly entries: readonly BundleEntry[];
  /** The audit chain, oldest first. */
  readonly audit: readonly AuditRecord[];
  readonly auditScope: BundleManifest['audit']['scope'];
  readonly omitted: readonly string[];
}

export interface Bundle {
  readonly zip: Uint8Array;
  readonly manifest: BundleManifest;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One record a line, in chain order; the fields are the library's own. */
export function auditJsonl(records: readonly AuditRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length > 0 ? '\n' : '');
}

export function buildBundle(spec: BundleSpec): Bundle {
  const entries: BundleEntry[] = [
    ...spec.entries,
    {
      path: AUDIT_PATH,
      bytes: new TextEncoder().encode(auditJsonl(spec.audit)),
      role: 'audit-log' as const,
    },
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>([MANIFEST_PATH, SUMS_PATH]);
  for (const entry of entries) {
    if (!isSafePath(entry.path)) throw new Error(`Unsafe path in a bundle: "${entry.path}".`);
    if (seen.has(entry.path)) throw new Error(`Two files in a bundle at "${entry.path}".`);
    seen.add(entry.path);
  }
  const files: ManifestFile[] = entries.map((e) => ({
    path: e.path,
    size: e.bytes.length,
    sha256: sha256Hex(e.bytes),
    role: e.role,
    ...(e.document !== undefined ? { document: e.document } : {}),
  }));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    createdAt: spec.createdAt,
    reviewer: spec.reviewer,
    tool: spec.tool,
    engine: spec.engine,
    rulePacks: [...spec.rulePacks],
    documents: [...spec.documents],
    audit: {
      path: AUDIT_PATH,
      records: spec.audit.length,
      headHash: spec.audit.at(-1)?.hash ?? GENESIS_HASH,
      scope: spec.auditScope,
    },
    files,
    omitted: [...spec.omitted],
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
  const sums = [
    `${sha256Hex(manifestBytes)}  ${MANIFEST_PATH}`,
    ...files.map((f) => `${f.sha256}  ${f.path}`),
  ].join('\n');
  // Stored, not deflated, where compression gains nothing (PDFs compress their own streams).
  const mtime = new Date(spec.createdAt);
  const zippable: Zippable = {
    [MANIFEST_PATH]: [manifestBytes, { mtime, level: 6 }],
    [SUMS_PATH]: [new TextEncoder().encode(sums + '\n'), { mtime, level: 6 }],
  };
  for (const entry of entries) {
    zippable[entry.path] = [entry.bytes, { mtime, level: entry.path.endsWith('.pdf') ? 1 : 6 }];
  }
  return { zip: zipSync(zippable), manifest };
}

/**
 * A relative path that stays inside the folder it is unpacked into: no absolute path, drive
 * letter, backslash, empty, `.` or `..` segment, or control character ("zip slip").
 */
export function isSafePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\x00-\x1f]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
