// Shared pieces of the store tests: temporary library folders and analyses shaped like the
// engine's (pages of text, findings with quotes, quads and provenance).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, RulePackInfo } from '../../../shared/model/finding';
import type { AnalysisUpload } from '../../../shared/model/library';
import { SEVERITIES } from '../../../shared/model/taxonomy';

export function tempDir(prefix = 'claimlens-store-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export const CORE_PACK: RulePackInfo = {
  id: 'claimlens.core',
  name: 'ClaimLens core rules',
  version: '1.0.0',
  sha256: 'a'.repeat(64),
  rules: 81,
  source: 'resources/rules/core.yaml',
};

const SENTENCE =
  'The camera performs facial demographic analysis of gender, race, ethnicity and age on every passer-by.';

export function makeFinding(
  page: number,
  index: number,
  overrides: Partial<Finding> = {},
): Finding {
  const start = 100 + (index % 50) * 20;
  return {
    id: `p${page}-${start}-${start + 9}-ethnicity.inference-${index}`,
    ruleId: 'ethnicity.inference',
    rulePack: CORE_PACK.id,
    title: 'Ethnicity or race inferred from people',
    category: 'ethnicity_race',
    severity: SEVERITIES[index % 3]!,
    polarity: index % 10 === 0 ? 'negated' : 'asserted',
    negated: index % 10 === 0,
    hedged: false,
    confidence: 0.9,
    page,
    quote: 'ethnicity',
    sentence: SENTENCE,
    start,
    end: start + 9,
    quads: [[149.86, 470.92, 233.35, 470.92, 149.86, 460.63, 233.35, 460.63]],
    explanation:
      "The product claims to work out a person's ethnicity or race from their face or body, which the EU AI Act prohibits as biometric categorisation and which has been used to single out minorities.",
    references: [
      {
        title: 'EU AI Act (Regulation (EU) 2024/1689), Article 5(1)(g)',
        url: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
      },
    ],
    ...overrides,
  };
}

/** An analysis of `pages` pages with `perPage` findings on each and ~`textPerPage` characters. */
export function makeUpload(
  sha256: string,
  pages: number,
  perPage: number,
  textPerPage = 3000,
): AnalysisUpload {
  const line = `${SENTENCE} `;
  const text = line.repeat(Math.ceil(textPerPage / line.length)).slice(0, textPerPage);
  const findings: Finding[] = [];
  for (let page = 1; page <= pages; page += 1) {
    for (let i = 0; i < perPage; i += 1) findings.push(makeFinding(page, i));
  }
  return {
    sha256,
    pages: Array.from({ length: pages }, (_, i) => ({
      page: i + 1,
      text: `Page ${i + 1}. ${text}`,
    })),
    findings,
    engine: 'claimlens-engine 0.1.0',
    rulePacks: [CORE_PACK],
  };
}

/** A clock that moves one second per call, so every record has its own time. */
export function steppingClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}
