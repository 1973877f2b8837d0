// Saving an analysis: the pages' text and the engine's findings replace the previous ones, while
// every triage decision a reviewer made survives (and comes back if its finding does).
import { summarise } from '../../shared/analysis/summary';
import type { AnalysisUpload } from '../../shared/model/library';
import { appendAudit } from './audit';
import type { Tx } from './transaction';
import { shortHash, StoreError } from './errors';
import { ruleTextHash, splitFinding } from './finding-codec';

function invalid(message: string): StoreError {
  return new StoreError('INVALID', message);
}

/** What the schema cannot say: pages named once, finding ids unique, every pack listed. */
export function checkUpload(upload: AnalysisUpload): Map<string, string> {
  const pages = new Set<number>();
  for (const { page } of upload.pages) {
    if (!Number.isInteger(page) || page < 1) {
      throw invalid(`The analysis names page ${page}; pages are numbered from 1.`);
    }
    if (pages.has(page)) throw invalid(`The analysis sends the text of page ${page} twice.`);
    pages.add(page);
  }
  const packs = new Map(upload.rulePacks.map((pack) => [pack.id, pack.sha256]));
  const ids = new Set<string>();
  for (const finding of upload.findings) {
    if (ids.has(finding.id)) throw invalid(`The analysis has two findings with id ${finding.id}.`);
    ids.add(finding.id);
    if (!pages.has(finding.page)) {
      throw invalid(
        `Finding ${finding.id} is on page ${finding.page}, which the analysis does not include.`,
      );
    }
    if (!packs.has(finding.rulePack)) {
      throw invalid(
        `Finding ${finding.id} comes from rule pack ${finding.rulePack}, which the analysis does not list.`,
      );
    }
  }
  return packs;
}

const UPSERT_FINDING =
  'INSERT INTO findings (sha256, id, current, ord, finding, rule_text, status, status_by, ' +
  "status_at, engine, rule_pack_sha256) VALUES (?, ?, 1, ?, ?, ?, 'needs-review', NULL, NULL, ?, ?) " +
  'ON CONFLICT (sha256, id) DO UPDATE SET current = 1, ord = excluded.ord, ' +
  'finding = excluded.finding, rule_text = excluded.rule_text, engine = excluded.engine, ' +
  'rule_pack_sha256 = excluded.rule_pack_sha256';
const INSERT_RULE_TEXT = 'INSERT INTO rule_texts (hash, text) VALUES (?, ?) ON CONFLICT DO NOTHING';

/**
 * Writes the analysis inside `tx`. Findings nobody triaged are replaced; triaged ones are kept
 * (set aside when the new analysis no longer produces them, so their decision returns with
 * them). Notes are never touched.
 */
export function writeAnalysis(tx: Tx, upload: AnalysisUpload, at: string, actor: string): void {
  const { sha256 } = upload;
  const packs = checkUpload(upload);
  if (!tx.get('SELECT 1 FROM documents WHERE sha256 = ?', [sha256])) {
    throw new StoreError('NOT_FOUND', `Document ${shortHash(sha256)} is not in the library.`);
  }
  const triaged = new Set(
    tx
      .all<{ id: string }>('SELECT id FROM findings WHERE sha256 = ? AND status_by IS NOT NULL', [
        sha256,
      ])
      .map((row) => row.id),
  );
  tx.run('DELETE FROM findings WHERE sha256 = ? AND status_by IS NULL', [sha256]);
  tx.run('UPDATE findings SET current = 0 WHERE sha256 = ?', [sha256]);
  let kept = 0;
  const textKeys = new Map<string, string>();
  for (const [ord, finding] of upload.findings.entries()) {
    if (triaged.has(finding.id)) kept += 1;
    const { rest, text } = splitFinding(finding);
    let key = textKeys.get(text);
    if (key === undefined) {
      key = ruleTextHash(text);
      textKeys.set(text, key);
      tx.run(INSERT_RULE_TEXT, [key, text]);
    }
    tx.run(UPSERT_FINDING, [
      sha256,
      finding.id,
      ord,
      rest,
      key,
      upload.engine,
      packs.get(finding.rulePack)!,
    ]);
  }
  tx.run('DELETE FROM pages WHERE sha256 = ?', [sha256]);
  for (const page of upload.pages) {
    tx.run('INSERT INTO pages (sha256, page, text) VALUES (?, ?, ?)', [
      sha256,
      page.page,
      page.text,
    ]);
  }
  const summary = summarise(upload.findings);
  const pageCount = upload.pages.reduce((most, page) => Math.max(most, page.page), 0);
  tx.run(
    "UPDATE documents SET pages = ?, analysed_at = ?, state = 'analysed', error = NULL, " +
      'summary = ?, counts = ?, engine = ?, rule_packs = ?, warnings = ? WHERE sha256 = ?',
    [
      pageCount,
      at,
      JSON.stringify(summary),
      JSON.stringify(summary.bySeverity),
      upload.engine,
      JSON.stringify(upload.rulePacks),
      JSON.stringify(upload.warnings ?? []),
      sha256,
    ],
  );
  appendAudit(tx, {
    at,
    actor,
    action: 'analysis.saved',
    detail: {
      sha256,
      pages: pageCount,
      findings: upload.findings.length,
      engine: upload.engine,
      rulePacks: upload.rulePacks.map(({ id, version, sha256: packSha }) => ({
        id,
        version,
        sha256: packSha,
      })),
      triageKept: kept,
      triageSetAside: triaged.size - kept,
    },
  });
}
