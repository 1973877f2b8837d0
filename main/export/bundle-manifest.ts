// The evidence bundle's manifest (manifest.json): what the bundle holds, with every file's size
// and SHA-256, the tool, engine and rule packs that produced the findings, the reviewer, the time
// and the audit chain's head. `claimlens verify` reads it back with this schema.
import { z } from 'zod';

export const BUNDLE_FORMAT = 'claimlens-evidence-bundle';
export const MANIFEST_PATH = 'manifest.json';
/** `sha256sum -c SHA256SUMS` checks every file, manifest.json included, without ClaimLens. */
export const SUMS_PATH = 'SHA256SUMS';
export const AUDIT_PATH = 'audit/audit.jsonl';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');

export const FILE_ROLES = [
  'original',
  'annotated-pdf',
  'report-html',
  'report-pdf',
  'annotations',
  'findings-csv',
  'findings-json',
  'audit-log',
] as const;
export const FileRole = z.enum(FILE_ROLES);
export type FileRole = z.infer<typeof FileRole>;

export const ManifestFile = z.strictObject({
  path: z.string(),
  size: z.number().int().min(0),
  sha256: Sha256,
  role: FileRole,
  /** The SHA-256 of the original this file is about; absent for files about every document. */
  document: Sha256.optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const ManifestDocument = z.strictObject({
  sha256: Sha256,
  fileName: z.string(),
  pages: z.number().int().nullable(),
  bytes: z.number().int().min(0),
  source: z.enum(['library', 'file']),
  findings: z.number().int().min(0),
  notes: z.number().int().min(0),
});
export type ManifestDocument = z.infer<typeof ManifestDocument>;

export const BundleManifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(1),
  /** UTC, ISO 8601. */
  createdAt: z.iso.datetime(),
  reviewer: z.string(),
  tool: z.strictObject({ name: z.literal('claimlens'), version: z.string() }),
  engine: z.string(),
  rulePacks: z.array(z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() })),
  documents: z.array(ManifestDocument).min(1),
  audit: z.strictObject({
    path: z.string(),
    records: z.number().int().min(0),
    /** The last record's hash (all zeros for an empty log). */
    headHash: Sha256,
    /** `library`: the library's whole chain; `bundle`: a chain written for this bundle. */
    scope: z.enum(['library', 'bundle']),
  }),
  /** Every file of the bundle except manifest.json and SHA256SUMS, sorted by path. */
  files: z.array(ManifestFile),
  /** What a complete bundle would hold but this one does not, and why. */
  omitted: z.array(z.string()),
});
export type BundleManifest = z.infer<typeof BundleManifest>;
