// The per-document summary: what a buyer reads first (risk, categories, vendors, model numbers).
import type { DocumentSummary, Finding } from '../model/finding';
import { SEVERITIES } from '../model/taxonomy';

export function summarise(findings: readonly Finding[]): DocumentSummary {
  const standing = findings.filter((f) => !f.negated);
  const bySeverity: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  for (const f of standing) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  const risk = SEVERITIES.find((s) => (bySeverity[s] ?? 0) > 0) ?? 'none';
  const unique = (values: (string | undefined)[]): string[] =>
    [...new Set(values.filter((v): v is string => v !== undefined))].sort();
  return {
    risk,
    bySeverity,
    byCategory,
    negated: findings.length - standing.length,
    vendors: unique(standing.map((f) => f.vendor?.name)),
    modelNumbers: unique(standing.map((f) => f.modelNumber)),
  };
}
