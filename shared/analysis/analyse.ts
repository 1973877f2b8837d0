// Whole-document analysis: every page through the engine, then the summary.
import type { DocumentSummary, Finding } from '../model/finding';
import type { CompiledRules } from '../rules/compile';
import type { PageText } from '../text/page-text';
import { analysePage } from './engine';
import { summarise } from './summary';

export interface DocumentAnalysis {
  readonly findings: Finding[];
  readonly summary: DocumentSummary;
}

export function analyseDocument(
  pages: readonly PageText[],
  rules: CompiledRules,
): DocumentAnalysis {
  const findings = pages.flatMap((page) => analysePage(page, rules));
  return { findings, summary: summarise(findings) };
}
