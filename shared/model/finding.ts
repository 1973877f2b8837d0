// Findings and per-document results: the shape the CLI prints (DESIGN.md, "CLI contract") and
// the app stores. Every value that crosses a thread or process boundary is parsed with these.
import { z } from 'zod';
import { Category, Severity } from './taxonomy';

/**
 * How the text states the capability: plainly, denied ("does not support"), as an option or
 * licence, as a plan, or through a third party or comparison.
 */
export const POLARITIES = ['asserted', 'negated', 'optional', 'roadmap', 'third_party'] as const;
export const Polarity = z.enum(POLARITIES);
export type Polarity = z.infer<typeof Polarity>;

/** Polarities that soften a claim without denying it. */
export function isHedged(polarity: Polarity): boolean {
  return polarity === 'optional' || polarity === 'roadmap' || polarity === 'third_party';
}

/** Eight numbers per quad, PDF `/QuadPoints` order, in PDF user space. */
export const Quad = z.tuple([
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
]);
export type Quad = z.infer<typeof Quad>;

export const Reference = z.strictObject({
  title: z.string(),
  url: z.string().optional(),
});
export type Reference = z.infer<typeof Reference>;

export const VendorMatch = z.strictObject({
  /** The covered manufacturer. */
  name: z.string(),
  /** Why the text points at it: its name, a brand or subsidiary, a model-number pattern. */
  evidence: z.string(),
});

export const Finding = z.strictObject({
  /** Stable within a document: page, source span and rule. */
  id: z.string(),
  ruleId: z.string(),
  rulePack: z.string(),
  title: z.string(),
  category: Category,
  severity: Severity,
  polarity: Polarity,
  negated: z.boolean(),
  hedged: z.boolean(),
  /** The words that set the polarity ("does not support", "optional"), when there are any. */
  cue: z.string().optional(),
  confidence: z.number().min(0).max(1),
  page: z.number().int().min(1),
  /** The matched words as printed on the page (line-end hyphenation joined, whitespace collapsed). */
  quote: z.string(),
  sentence: z.string(),
  /** Offsets into the page text, which is built from pdf.js text items in content order. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  quads: z.array(Quad),
  explanation: z.string(),
  references: z.array(Reference),
  vendor: VendorMatch.optional(),
  modelNumber: z.string().optional(),
  /**
   * On a page read by OCR: how sure the recogniser was of the quoted words (0-1, that of the
   * least certain word). Absent on pages with a text layer.
   */
  ocrConfidence: z.number().min(0).max(1).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const RiskLevel = z.union([Severity, z.literal('none')]);

export const DocumentSummary = z.strictObject({
  /** The highest severity among findings that are not denied. */
  risk: RiskLevel,
  bySeverity: z.record(z.string(), z.number().int()),
  byCategory: z.record(z.string(), z.number().int()),
  negated: z.number().int(),
  vendors: z.array(z.string()),
  modelNumbers: z.array(z.string()),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentResult = z.strictObject({
  path: z.string(),
  sha256: z.string().nullable(),
  pages: z.number().int().nullable(),
  error: z.string().nullable(),
  /** Parts that were not checked (damaged pages, pages without a text layer). */
  warnings: z.array(z.string()),
  findings: z.array(Finding),
  summary: DocumentSummary.nullable(),
});
export type DocumentResult = z.infer<typeof DocumentResult>;

export const RulePackInfo = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  sha256: z.string(),
  rules: z.number().int(),
  source: z.string(),
});
export type RulePackInfo = z.infer<typeof RulePackInfo>;

export const ToolInfo = z.strictObject({
  name: z.literal('claimlens'),
  version: z.string(),
  engine: z.string(),
  rulePacks: z.array(RulePackInfo),
});
export type ToolInfo = z.infer<typeof ToolInfo>;

export const AnalysisReport = z.strictObject({
  tool: ToolInfo,
  documents: z.array(DocumentResult),
});
export type AnalysisReport = z.infer<typeof AnalysisReport>;
