// The evidence report as data: what the HTML and PDF reports show, in the order they show it,
// built from one document's evidence. Both renderers draw this model and decide nothing.
import {
  CATEGORY_LABELS,
  SEVERITIES,
  severityRank,
  type Category,
  type Severity,
} from '../model/taxonomy';
import type { Polarity, Reference } from '../model/finding';
import type { DocumentDetail, Note, TriageStatus } from '../model/library';

/** What a report needs of a document's evidence (main/export/evidence-source.ts gives more). */
export interface ReportSource {
  /** A library document (triaged, noted) or a file analysed for this report. */
  readonly source?: 'library' | 'file';
  readonly detail: DocumentDetail;
  readonly reviewer: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly engine: string;
  readonly rulePacks: readonly { id: string; version: string; sha256: string }[];
  readonly warnings: readonly string[];
  readonly gatheredAt: string;
}

/** A PNG of the page region around a finding or highlight, with the highlight drawn on it. */
export interface ReportCrop {
  readonly png: Uint8Array;
  /** Pixel size of the PNG. */
  readonly width: number;
  readonly height: number;
}

export const SEVERITY_COLOURS: Record<Severity, string> = {
  prohibited: '#b3001b',
  high: '#e0452a',
  medium: '#e3a21a',
  low: '#2f8fce',
  info: '#7a8291',
};
/** The reviewer's own highlights, as the viewer draws them. */
export const USER_COLOUR = '#7b3fc4';

export const POLARITY_LABELS: Record<Polarity, string> = {
  asserted: 'claimed',
  negated: 'denied',
  optional: 'optional or add-on',
  roadmap: 'planned',
  third_party: 'third party or comparison',
};

export const STATUS_LABELS: Record<TriageStatus, string> = {
  'needs-review': 'Needs review',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
};

export interface ReportNote {
  readonly text: string;
  readonly author: string;
  readonly createdAt: string;
  /** Set when the note was edited after it was written. */
  readonly updatedAt: string | null;
}

/** A sentence split around the quote, so renderers can emphasise the quote where it stands. */
export interface QuoteInSentence {
  readonly before: string;
  readonly quote: string;
  readonly after: string;
}

export interface ReportFinding {
  readonly id: string;
  /** 1-based position in the report ("Finding 3"). */
  readonly number: number;
  readonly severity: Severity;
  readonly category: string;
  readonly categoryLabel: string;
  readonly polarity: Polarity;
  readonly polarityLabel: string;
  readonly cue: string | null;
  readonly page: number;
  readonly title: string;
  readonly ruleId: string;
  readonly rulePack: string;
  readonly confidence: number;
  readonly text: QuoteInSentence;
  readonly explanation: string;
  readonly references: readonly Reference[];
  readonly vendor: { readonly name: string; readonly evidence: string } | null;
  readonly modelNumber: string | null;
  readonly status: TriageStatus;
  readonly statusLabel: string;
  readonly statusBy: string | null;
  readonly statusAt: string | null;
  readonly engine: string;
  readonly rulePackSha256: string;
  readonly notes: readonly ReportNote[];
  readonly crop: ReportCrop | null;
}

export interface ReportHighlight {
  readonly id: string;
  readonly number: number;
  readonly page: number;
  readonly quote: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly notes: readonly ReportNote[];
  readonly crop: ReportCrop | null;
}

/** One row of the summary chart: a category's findings counted by severity. */
export interface ChartRow {
  readonly category: string;
  readonly label: string;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly total: number;
  /** How many of them the text denies. */
  readonly denied: number;
}

export interface ReportModel {
  readonly title: string;
  readonly identity: {
    readonly fileName: string;
    readonly sha256: string;
    readonly bytes: number;
    readonly pages: number | null;
    readonly addedAt: string;
    readonly analysedAt: string | null;
    readonly verification: DocumentDetail['verification'];
    readonly source: 'library' | 'file';
    readonly tool: string;
    readonly engine: string;
    readonly rulePacks: readonly { id: string; version: string; sha256: string }[];
    readonly reviewer: string;
    readonly generatedAt: string;
    readonly risk: string;
    readonly vendors: readonly string[];
  };
  readonly totals: {
    readonly findings: number;
    readonly denied: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    readonly byStatus: Readonly<Record<TriageStatus, number>>;
  };
  readonly chart: readonly ChartRow[];
  readonly findings: readonly ReportFinding[];
  readonly highlights: readonly ReportHighlight[];
  /** Notes on the document as a whole. */
  readonly documentNotes: readonly ReportNote[];
  /** Notes whose finding the current analysis no longer produces, with the finding's id. */
  readonly otherNotes: readonly (ReportNote & { readonly targetId: string })[];
  readonly warnings: readonly string[];
}

function zeroSeverities(): Record<Severity, number> {
  return { prohibited: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/** Finds the quote in its sentence; where the sentence does not hold it, the quote stands alone. */
export function quoteInSentence(sentence: string, quote: string): QuoteInSentence {
  const at = quote === '' ? -1 : sentence.indexOf(quote);
  if (at >= 0) {
    return {
      before: sentence.slice(0, at),
      quote,
      after: sentence.slice(at + quote.length),
    };
  }
  const folded = sentence.toLowerCase().indexOf(quote.toLowerCase());
  if (quote !== '' && folded >= 0) {
    return {
      before: sentence.slice(0, folded),
      quote: sentence.slice(folded, folded + quote.length),
      after: sentence.slice(folded + quote.length),
    };
  }
  return { before: sentence === quote ? '' : `${sentence} `, quote, after: '' };
}

function notesByTarget(notes: readonly Note[]): Map<string, ReportNote[]> {
  const byTarget = new Map<string, ReportNote[]>();
  const sorted = [...notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const note of sorted) {
    const list = byTarget.get(note.targetId) ?? [];
    list.push({
      text: note.text,
      author: note.author,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt !== note.createdAt ? note.updatedAt : null,
    });
    byTarget.set(note.targetId, list);
  }
  return byTarget;
}

/**
 * The report of one document. Findings come highest severity first, then by page and position;
 * crops are looked up by finding or highlight id (a missing crop leaves the finding without an
 * image, never out of the report).
 */
export function buildReport(
  source: ReportSource,
  crops: ReadonlyMap<string, ReportCrop> = new Map(),
): ReportModel {
  const { detail } = source;
  const notes = notesByTarget(detail.notes);
  const stored = [...detail.findings].sort(
    (a, b) =>
      severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
      a.finding.page - b.finding.page ||
      a.finding.start - b.finding.start ||
      a.finding.id.localeCompare(b.finding.id),
  );
  const findings = stored.map((s, i): ReportFinding => {
    const f = s.finding;
    return {
      id: f.id,
      number: i + 1,
      severity: f.severity,
      category: f.category,
      categoryLabel: CATEGORY_LABELS[f.category],
      polarity: f.polarity,
      polarityLabel: POLARITY_LABELS[f.polarity],
      cue: f.cue ?? null,
      page: f.page,
      title: f.title,
      ruleId: f.ruleId,
      rulePack: f.rulePack,
      confidence: f.confidence,
      text: quoteInSentence(f.sentence, f.quote),
      explanation: f.explanation,
      references: f.references,
      vendor: f.vendor ?? null,
      modelNumber: f.modelNumber ?? null,
      status: s.status,
      statusLabel: STATUS_LABELS[s.status],
      statusBy: s.statusBy,
      statusAt: s.statusAt,
      engine: s.engine,
      rulePackSha256: s.rulePackSha256,
      notes: notes.get(f.id) ?? [],
      crop: crops.get(f.id) ?? null,
    };
  });
  const highlights = [...detail.highlights]
    .sort((a, b) => a.page - b.page || a.createdAt.localeCompare(b.createdAt))
    .map((h, i): ReportHighlight => ({
      id: h.id,
      number: i + 1,
      page: h.page,
      quote: h.quote,
      createdBy: h.createdBy,
      createdAt: h.createdAt,
      notes: notes.get(h.id) ?? [],
      crop: crops.get(h.id) ?? null,
    }));

  const bySeverity = zeroSeverities();
  const byStatus: Record<TriageStatus, number> = { 'needs-review': 0, confirmed: 0, dismissed: 0 };
  const rows = new Map<string, { bySeverity: Record<Severity, number>; denied: number }>();
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byStatus[f.status] += 1;
    const row = rows.get(f.category) ?? { bySeverity: zeroSeverities(), denied: 0 };
    row.bySeverity[f.severity] += 1;
    if (f.polarity === 'negated') row.denied += 1;
    rows.set(f.category, row);
  }
  const chart = [...rows.entries()]
    .map(([category, row]): ChartRow => {
      const total = SEVERITIES.reduce((n, s) => n + row.bySeverity[s], 0);
      return {
        category,
        label: category in CATEGORY_LABELS ? CATEGORY_LABELS[category as Category] : category,
        bySeverity: row.bySeverity,
        total,
        denied: row.denied,
      };
    })
    .sort((a, b) => {
      const top = (r: ChartRow) => SEVERITIES.findIndex((s) => r.bySeverity[s] > 0);
      return top(a) - top(b) || b.total - a.total || a.label.localeCompare(b.label);
    });

  const meta = detail.meta;
  const shown = new Set([...findings.map((f) => f.id), ...highlights.map((h) => h.id)]);
  const otherNotes = [...notes.entries()]
    .filter(([target]) => target !== meta.sha256 && !shown.has(target))
    .flatMap(([targetId, list]) => list.map((n) => ({ ...n, targetId })));
  return {
    title: `Evidence report: ${meta.fileName}`,
    identity: {
      fileName: meta.fileName,
      sha256: meta.sha256,
      bytes: meta.bytes,
      pages: meta.pages,
      addedAt: meta.addedAt,
      analysedAt: meta.analysedAt,
      verification: detail.verification,
      source: source.source ?? 'library',
      tool: `${source.tool.name} ${source.tool.version}`,
      engine: source.engine,
      rulePacks: source.rulePacks,
      reviewer: source.reviewer,
      generatedAt: source.gatheredAt,
      risk: meta.summary?.risk ?? 'none',
      vendors: meta.summary?.vendors ?? [],
    },
    totals: {
      findings: findings.length,
      denied: findings.filter((f) => f.polarity === 'negated').length,
      bySeverity,
      byStatus,
    },
    chart,
    findings,
    highlights,
    documentNotes: notes.get(meta.sha256) ?? [],
    otherNotes,
    warnings: source.warnings,
  };
}

/** "2026-11-23 13:24 UTC": one way of writing times in both reports. */
export function formatUtc(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
