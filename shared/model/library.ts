// The library: documents the user opened, their findings as stored, triage, notes, user
// highlights and the audit trail. Values crossing the IPC boundary are parsed with these schemas.
import { z } from 'zod';
import { DocumentSummary, Finding, Quad, Reference, RulePackInfo } from './finding';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
export type Sha256 = z.infer<typeof Sha256>;

export const TRIAGE_STATUSES = ['needs-review', 'confirmed', 'dismissed'] as const;
export const TriageStatus = z.enum(TRIAGE_STATUSES);
export type TriageStatus = z.infer<typeof TriageStatus>;

/** Where a document is: stored but not yet read, analysed, or unreadable (with why). */
export const AnalysisState = z.enum(['pending', 'analysed', 'failed']);
export type AnalysisState = z.infer<typeof AnalysisState>;

/** Whether the stored original still hashes to its name; checked on every open. */
export const Verification = z.enum(['verified', 'failed', 'missing']);
export type Verification = z.infer<typeof Verification>;

export const DocumentMeta = z.strictObject({
  sha256: Sha256,
  fileName: z.string(),
  bytes: z.number().int().min(0),
  pages: z.number().int().nullable(),
  addedAt: z.iso.datetime(),
  analysedAt: z.iso.datetime().nullable(),
  state: AnalysisState,
  /** Why it could not be read, in plain words, when `state` is failed. */
  error: z.string().nullable(),
  summary: DocumentSummary.nullable(),
  /** Findings by severity that are not denied, for the library list. */
  counts: z.record(z.string(), z.number().int()),
  tags: z.array(z.string()),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A finding as stored: the engine's finding plus the reviewer's triage and the provenance. */
export const StoredFinding = z.strictObject({
  finding: Finding,
  status: TriageStatus,
  statusBy: z.string().nullable(),
  statusAt: z.iso.datetime().nullable(),
  engine: z.string(),
  rulePackSha256: z.string(),
});
export type StoredFinding = z.infer<typeof StoredFinding>;

/** A reviewer's own highlight on a text selection, in PDF user space like findings. */
export const UserHighlight = z.strictObject({
  id: z.string(),
  page: z.number().int().min(1),
  quote: z.string(),
  quads: z.array(Quad),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type UserHighlight = z.infer<typeof UserHighlight>;

/** A note on a finding or on a user highlight. */
export const Note = z.strictObject({
  id: z.string(),
  targetId: z.string(),
  text: z.string(),
  author: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Note = z.infer<typeof Note>;

export const DocumentDetail = z.strictObject({
  meta: DocumentMeta,
  verification: Verification,
  /** What the last analysis could not check or read only by OCR, in plain words. */
  warnings: z.array(z.string()),
  findings: z.array(StoredFinding),
  highlights: z.array(UserHighlight),
  notes: z.array(Note),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

/** What the renderer sends back after reading a document in its sandbox. */
export const AnalysisUpload = z.strictObject({
  sha256: Sha256,
  pages: z.array(z.strictObject({ page: z.number().int().min(1), text: z.string() })),
  findings: z.array(Finding),
  engine: z.string(),
  rulePacks: z.array(RulePackInfo),
  /** What could not be checked (damaged pages, pages read by OCR and how well), in plain words. */
  warnings: z.array(z.string().max(2000)).max(1000).optional(),
});
export type AnalysisUpload = z.infer<typeof AnalysisUpload>;

export const AuditRecord = z.strictObject({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  /** What changed, as JSON text (document hash, finding id, new status, note text ...). */
  detail: z.string(),
  /** SHA-256 of the previous record's hash and this record's fields: an edit breaks the chain. */
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** A rule's words, sent once per document rather than with each of its findings. */
export const RuleText = z.strictObject({
  title: z.string(),
  explanation: z.string(),
  references: z.array(Reference),
});
export type RuleText = z.infer<typeof RuleText>;

/**
 * What the findings list and highlights need of a finding. The sentence and the provenance come
 * with 'finding:get' for the one selected; title, explanation and references are in `rules`.
 */
export const StoredFindingBrief = StoredFinding.omit({ engine: true, rulePackSha256: true }).extend(
  {
    finding: Finding.omit({ explanation: true, references: true, sentence: true, title: true }),
  },
);
export type StoredFindingBrief = z.infer<typeof StoredFindingBrief>;

/**
 * A document as the app shows it: the detail with each rule's explanation and references once,
 * by rule id (a 400-page datasheet can carry thousands of findings of a few dozen rules).
 */
export const DocumentView = DocumentDetail.extend({
  findings: z.array(StoredFindingBrief),
  rules: z.record(z.string(), RuleText),
});
export type DocumentView = z.infer<typeof DocumentView>;
