// The comparison report as data: two editions' identity, what changed counted by severity, and
// each change (highest severity first) with its rule, both quotes in their sentences and the crops
// of both pages. The HTML and PDF renderers (main/export/diff-report-*.ts) draw this and decide
// nothing; the command line and the app build it from the same edition diff (shared/diff).
import type { DiffChange, DiffFinding, EditionDiff } from '../diff/diff';
import type { Finding, Reference } from '../model/finding';
import type { DocumentDetail } from '../model/library';
import { CATEGORY_LABELS, SEVERITIES, severityRank, type Severity } from '../model/taxonomy';
import { cropTargets, type CroppableDocument, type CropTarget } from './report-crops';
import {
  formatUtc,
  POLARITY_LABELS,
  quoteInSentence,
  type QuoteInSentence,
  type ReportCrop,
} from './report-model';

/** One edition as the report names it: enough to find the very file again and trust it. */
export interface DiffEditionSource {
  /** The file name shown (a library document's name, or the path given on the command line). */
  readonly name: string;
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly pages: number | null;
  readonly findings: number;
  /** A library document (its original re-verified) or a file read for this report. */
  readonly source: 'library' | 'file';
  /** When it was added to the library. */
  readonly addedAt: string | null;
  readonly analysedAt: string | null;
  /** The file's modification time (a file read on the spot). */
  readonly modifiedAt: string | null;
  /** The engine and rule packs that produced its findings. */
  readonly engine: string;
  readonly rulePacks: readonly { readonly id: string; readonly sha256: string }[];
}

/** A library document as an edition of the report: its original was re-verified to read it. */
export function libraryEdition(detail: DocumentDetail): DiffEditionSource {
  const { meta } = detail;
  const packs = new Map(detail.findings.map((f) => [f.finding.rulePack, f.rulePackSha256]));
  return {
    name: meta.fileName,
    sha256: meta.sha256,
    bytes: meta.bytes,
    pages: meta.pages,
    findings: detail.findings.length,
    source: 'library',
    addedAt: meta.addedAt,
    analysedAt: meta.analysedAt,
    modifiedAt: null,
    engine: [...new Set(detail.findings.map((f) => f.engine))].join(', ') || '—',
    rulePacks: [...packs].map(([id, sha256]) => ({ id, sha256 })),
  };
}

/** What a rule says about why its findings matter. */
export interface RuleText {
  readonly explanation: string;
  readonly references: readonly Reference[];
}

export interface DiffReportSource {
  readonly diff: EditionDiff;
  readonly old: DiffEditionSource;
  readonly new: DiffEditionSource;
  /** Rule texts by rule id (ruleTexts() gathers them from the editions' findings). */
  readonly rules: ReadonlyMap<string, RuleText>;
  readonly tool: { readonly name: string; readonly version: string };
  readonly reviewer: string;
  readonly generatedAt: string;
  /** What the report could not include (page images), in plain words. */
  readonly warnings: readonly string[];
}

/** Crops of the old and of the new edition's pages, by that edition's finding id. */
export interface DiffCrops {
  readonly old: ReadonlyMap<string, ReportCrop>;
  readonly new: ReadonlyMap<string, ReportCrop>;
}

/** One edition's side of a change. */
export interface DiffReportSide {
  readonly findingId: string;
  readonly page: number;
  readonly severity: Severity;
  readonly polarityLabel: string;
  readonly text: QuoteInSentence;
  readonly crop: ReportCrop | null;
}

export interface DiffReportChange {
  /** 1-based position in the report ("Change 3"). */
  readonly number: number;
  readonly kind: DiffChange['kind'];
  /** The higher of the old and new severity: a downgraded claim still ranks where it was. */
  readonly severity: Severity;
  readonly ruleId: string;
  readonly title: string;
  readonly categoryLabel: string;
  /** For "changed": what differs, in words ("Polarity: planned → claimed"). */
  readonly what: readonly string[];
  readonly explanation: string;
  readonly references: readonly Reference[];
  readonly old: DiffReportSide | null;
  readonly new: DiffReportSide | null;
}

export type KindCounts = Readonly<Record<DiffChange['kind'], number>>;

export interface DiffReportModel {
  readonly title: string;
  readonly old: DiffEditionSource;
  readonly new: DiffEditionSource;
  readonly tool: string;
  readonly reviewer: string;
  readonly generatedAt: string;
  readonly summary: EditionDiff['summary'];
  /** Changes counted by kind for each severity that has any, highest first. */
  readonly bySeverity: readonly { readonly severity: Severity; readonly counts: KindCounts }[];
  readonly changes: readonly DiffReportChange[];
  readonly warnings: readonly string[];
}

export const KIND_LABELS: Record<DiffChange['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

const KIND_ORDER: Record<DiffChange['kind'], number> = { removed: 0, changed: 1, added: 2 };

/** Rule texts by rule id from findings that carry them (engine or stored findings). */
export function ruleTexts(
  findings: Iterable<Pick<Finding, 'ruleId' | 'explanation' | 'references'>>,
): Map<string, RuleText> {
  const rules = new Map<string, RuleText>();
  for (const f of findings) {
    if (!rules.has(f.ruleId)) {
      rules.set(f.ruleId, { explanation: f.explanation, references: f.references });
    }
  }
  return rules;
}

function changeSeverity(change: DiffChange): Severity {
  const sides = [change.old, change.new].filter((f): f is DiffFinding => f !== null);
  return sides.reduce<Severity>(
    (top, f) => (severityRank(f.severity) < severityRank(top) ? f.severity : top),
    'info',
  );
}

/** The report's order: highest severity first, then removed, changed, added, then by page. */
export function orderChanges(changes: readonly DiffChange[]): DiffChange[] {
  return [...changes].sort(
    (a, b) =>
      severityRank(changeSeverity(a)) - severityRank(changeSeverity(b)) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.new ?? a.old)!.page - (b.new ?? b.old)!.page ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function whatChanged(change: DiffChange): string[] {
  const o = change.old;
  const n = change.new;
  if (change.kind !== 'changed' || o === null || n === null) return [];
  const what: string[] = [];
  if (change.fields.includes('severity')) what.push(`Severity: ${o.severity} → ${n.severity}`);
  if (change.fields.includes('polarity')) {
    what.push(`Polarity: ${POLARITY_LABELS[o.polarity]} → ${POLARITY_LABELS[n.polarity]}`);
  }
  if (o.page !== n.page) what.push(`Page: ${o.page} → ${n.page}`);
  if (change.fields.includes('quote'))
    what.push(`Wording of the claim: “${o.quote}” → “${n.quote}”`);
  else if (change.fields.includes('sentence'))
    what.push('Wording of the sentence around the claim');
  return what;
}

function side(
  f: DiffFinding | null,
  crops: ReadonlyMap<string, ReportCrop>,
): DiffReportSide | null {
  if (f === null) return null;
  return {
    findingId: f.id,
    page: f.page,
    severity: f.severity,
    polarityLabel: POLARITY_LABELS[f.polarity],
    text: quoteInSentence(f.sentence, f.quote),
    crop: crops.get(f.id) ?? null,
  };
}

/** The comparison report; a missing crop leaves that side without an image, never out. */
export function buildDiffReport(
  source: DiffReportSource,
  crops: DiffCrops = { old: new Map(), new: new Map() },
): DiffReportModel {
  const changes = orderChanges(source.diff.changes).map((c, i): DiffReportChange => {
    const rule = source.rules.get(c.ruleId);
    return {
      number: i + 1,
      kind: c.kind,
      severity: changeSeverity(c),
      ruleId: c.ruleId,
      title: c.title,
      categoryLabel: CATEGORY_LABELS[c.category],
      what: whatChanged(c),
      explanation: rule?.explanation ?? 'The rule that made this finding is no longer loaded.',
      references: rule?.references ?? [],
      old: side(c.old, crops.old),
      new: side(c.new, crops.new),
    };
  });
  const bySeverity = SEVERITIES.map((severity) => {
    const counts = { added: 0, removed: 0, changed: 0 };
    for (const c of changes) if (c.severity === severity) counts[c.kind] += 1;
    return { severity, counts };
  }).filter((row) => row.counts.added + row.counts.removed + row.counts.changed > 0);
  return {
    title: `Comparison of editions: ${source.old.name} → ${source.new.name}`,
    old: source.old,
    new: source.new,
    tool: `${source.tool.name} ${source.tool.version}`,
    reviewer: source.reviewer,
    generatedAt: source.generatedAt,
    summary: source.diff.summary,
    bySeverity,
    changes,
    warnings: source.warnings,
  };
}

/**
 * One edition's changed findings as a document to crop (the app's renderer hands this to its
 * report crops, renderer/export/crops.ts): the same regions the CLI draws with MuPDF, chosen as
 * the document report chooses them, the highest severities first. Ids are that edition's.
 */
export function diffCroppable(diff: EditionDiff, edition: 'old' | 'new'): CroppableDocument {
  const findings = diff.changes
    .map((c) => c[edition])
    .filter((f): f is DiffFinding => f !== null)
    .map((f, i) => ({
      finding: { id: f.id, page: f.page, quads: f.quads, severity: f.severity, start: i },
    }));
  return { findings, highlights: [] };
}

/** What the command line crops of one edition for the comparison report. */
export function diffCropTargets(diff: EditionDiff, edition: 'old' | 'new'): CropTarget[] {
  return cropTargets(diffCroppable(diff, edition));
}

/** How an edition's identity was established, in words. */
export function editionState(edition: DiffEditionSource): string {
  return edition.source === 'file'
    ? 'hashed when read for this report (not from a library)'
    : 'verified against its SHA-256 when the report was made';
}

/** An edition's identity rows, [label, text]; the renderers mark hashes up themselves. */
export function editionRows(edition: DiffEditionSource): [string, string][] {
  const rows: [string, string][] = [
    ['File', edition.name],
    ['SHA-256', edition.sha256 ?? '—'],
    ['Size', edition.bytes === null ? '—' : `${edition.bytes.toLocaleString('en')} bytes`],
    ['Pages', edition.pages === null ? '—' : String(edition.pages)],
    ['Findings', String(edition.findings)],
    ['Original', editionState(edition)],
  ];
  if (edition.addedAt !== null) rows.push(['Added to the library', formatUtc(edition.addedAt)]);
  if (edition.modifiedAt !== null) rows.push(['File modified', formatUtc(edition.modifiedAt)]);
  rows.push(['Analysed', formatUtc(edition.analysedAt)]);
  rows.push(['Engine', edition.engine]);
  rows.push([
    'Rule packs',
    edition.rulePacks.length === 0
      ? '—'
      : edition.rulePacks.map((p) => `${p.id} ${p.sha256}`).join('\n'),
  ]);
  return rows;
}

/** One line of the summary, as the CLI's table and the app say it. */
export function summaryText(model: DiffReportModel): string {
  const s = model.summary;
  const moved = s.moved > 0 ? ` (${s.moved} on another page)` : '';
  return `${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged${moved}.`;
}

/** What "added", "removed" and "changed" mean here, for a reader who did not run the tool. */
export const MATCHING_NOTE =
  'Findings are matched by rule and quote, never by page: a claim that only moved to another ' +
  'page is unchanged. A matched claim is changed when its severity, its polarity (claimed, ' +
  'denied, optional, planned, third party) or its wording differs. Each change is listed under ' +
  'the higher of its old and new severity.';
