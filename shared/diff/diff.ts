// The edition diff: what changed in a brochure's findings between an old and a new edition.
// Findings are matched by rule and quote (normalised: case, width, punctuation and spacing do not
// count), never by page, so a claim that moved from page 3 to page 5 is unchanged. A matched pair
// is "changed" when its severity, polarity or sentence differs; a finding of the same rule whose
// quote was reworded but whose sentence is still mostly the same is paired as "changed" too
// (field "quote"), rather than shown as one removal and one addition.
import { z } from 'zod';
import { Category, Severity } from '../model/taxonomy';
import { Polarity, Quad, type Finding } from '../model/finding';

/** What the diff keeps of a finding: enough to show it, find it on its page and export it. */
export const DiffFinding = z.strictObject({
  id: z.string(),
  ruleId: z.string(),
  title: z.string(),
  category: Category,
  severity: Severity,
  polarity: Polarity,
  negated: z.boolean(),
  page: z.number().int().min(1),
  quote: z.string(),
  sentence: z.string(),
  quads: z.array(Quad),
  /** Where the quote lies in the page text, so an edition without pages (a Word file) can mark it. */
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
});
export type DiffFinding = z.infer<typeof DiffFinding>;

export const CHANGE_FIELDS = ['severity', 'polarity', 'quote', 'sentence'] as const;
export const ChangeField = z.enum(CHANGE_FIELDS);
export type ChangeField = z.infer<typeof ChangeField>;

export const ChangeKind = z.enum(['added', 'removed', 'changed']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const DiffChange = z.strictObject({
  kind: ChangeKind,
  ruleId: z.string(),
  title: z.string(),
  category: Category,
  /** The finding in the old edition (null when added). */
  old: DiffFinding.nullable(),
  /** The finding in the new edition (null when removed). */
  new: DiffFinding.nullable(),
  /** For "changed": what differs. */
  fields: z.array(ChangeField),
});
export type DiffChange = z.infer<typeof DiffChange>;

export const EditionSide = z.strictObject({
  /** A path (CLI) or the library's file name. */
  name: z.string(),
  sha256: z.string().nullable(),
  pages: z.number().int().nullable(),
  findings: z.number().int(),
});
export type EditionSide = z.infer<typeof EditionSide>;

export const EditionDiff = z.strictObject({
  old: EditionSide,
  new: EditionSide,
  summary: z.strictObject({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    /** Unchanged findings that are on another page in the new edition. */
    moved: z.number().int(),
  }),
  /** Added, removed and changed findings, in the new edition's page order (removed by old page). */
  changes: z.array(DiffChange),
});
export type EditionDiff = z.infer<typeof EditionDiff>;

/** The parts of a finding the diff reads; engine findings and stored findings both have them. */
export type DiffInput = Pick<
  Finding,
  | 'id'
  | 'ruleId'
  | 'title'
  | 'category'
  | 'severity'
  | 'polarity'
  | 'negated'
  | 'page'
  | 'quote'
  | 'sentence'
  | 'quads'
> & { readonly start?: number; readonly end?: number };

export interface EditionInput {
  readonly name: string;
  readonly sha256: string | null;
  readonly pages: number | null;
  readonly findings: readonly DiffInput[];
}

/** Lower case, NFKC, letters and digits only, single spaces: what "the same words" means here. */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{Mn}]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Share of distinct words two normalised texts have in common (Jaccard), 0..1. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const wa = new Set(a.split(' ').filter((w) => w !== ''));
  const wb = new Set(b.split(' ').filter((w) => w !== ''));
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common);
}

/** Sentences at least this similar pair a reworded quote of the same rule as one change. */
const REWORDED_SIMILARITY = 0.5;
/** Beyond this many candidate pairs in one rule, reworded quotes are not looked for. */
const MAX_FUZZY_PAIRS = 250_000;

interface Prepared {
  readonly finding: DiffInput;
  readonly quote: string;
  readonly sentence: string;
}

function prepare(findings: readonly DiffInput[]): Prepared[] {
  return [...findings]
    .sort((a, b) => a.page - b.page || (a.start ?? 0) - (b.start ?? 0))
    .map((finding) => ({
      finding,
      quote: normaliseWords(finding.quote),
      sentence: normaliseWords(finding.sentence),
    }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function brief(f: DiffInput): DiffFinding {
  return {
    id: f.id,
    ruleId: f.ruleId,
    title: f.title,
    category: f.category,
    severity: f.severity,
    polarity: f.polarity,
    negated: f.negated,
    page: f.page,
    quote: f.quote,
    sentence: f.sentence,
    quads: f.quads,
    ...(f.start !== undefined && f.end !== undefined ? { start: f.start, end: f.end } : {}),
  };
}

function changedFields(a: Prepared, b: Prepared): ChangeField[] {
  const fields: ChangeField[] = [];
  if (a.finding.severity !== b.finding.severity) fields.push('severity');
  if (a.finding.polarity !== b.finding.polarity) fields.push('polarity');
  if (a.quote !== b.quote) fields.push('quote');
  if (a.sentence !== b.sentence) fields.push('sentence');
  return fields;
}

/**
 * Pairs the findings of two editions and lists what was added, removed and changed. Within one
 * rule and quote, occurrences with the same sentence pair first, the rest in reading order.
 */
export function diffEditions(oldEdition: EditionInput, newEdition: EditionInput): EditionDiff {
  const olds = prepare(oldEdition.findings);
  const news = prepare(newEdition.findings);
  const pairs: [Prepared, Prepared][] = [];
  const key = (p: Prepared): string => `${p.finding.ruleId}\u0000${p.quote}`;
  const newGroups = groupBy(news, key);
  const oldLeft: Prepared[] = [];
  const newUsed = new Set<Prepared>();

  for (const [k, oldGroup] of groupBy(olds, key)) {
    const candidates = newGroups.get(k) ?? [];
    const bySentence = groupBy(candidates, (p) => p.sentence);
    const unpaired: Prepared[] = [];
    for (const o of oldGroup) {
      const same = bySentence.get(o.sentence)?.find((n) => !newUsed.has(n));
      if (same) {
        newUsed.add(same);
        pairs.push([o, same]);
      } else unpaired.push(o);
    }
    for (const o of unpaired) {
      const next = candidates.find((n) => !newUsed.has(n));
      if (next) {
        newUsed.add(next);
        pairs.push([o, next]);
      } else oldLeft.push(o);
    }
  }

  // Reworded quotes: leftovers of the same rule whose sentences are still mostly the same.
  const newLeft = news.filter((n) => !newUsed.has(n));
  const newLeftByRule = groupBy(newLeft, (p) => p.finding.ruleId);
  const removed: Prepared[] = [];
  for (const [ruleId, oldGroup] of groupBy(oldLeft, (p) => p.finding.ruleId)) {
    const candidates = newLeftByRule.get(ruleId) ?? [];
    if (candidates.length === 0 || oldGroup.length * candidates.length > MAX_FUZZY_PAIRS) {
      removed.push(...oldGroup);
      continue;
    }
    const scored: { o: Prepared; n: Prepared; score: number }[] = [];
    for (const o of oldGroup)
      for (const n of candidates) {
        const score = wordSimilarity(o.sentence, n.sentence);
        if (score >= REWORDED_SIMILARITY) scored.push({ o, n, score });
      }
    scored.sort((a, b) => b.score - a.score);
    const oldUsed = new Set<Prepared>();
    for (const { o, n } of scored) {
      if (oldUsed.has(o) || newUsed.has(n)) continue;
      oldUsed.add(o);
      newUsed.add(n);
      pairs.push([o, n]);
    }
    removed.push(...oldGroup.filter((o) => !oldUsed.has(o)));
  }

  const changes: DiffChange[] = [];
  let unchanged = 0;
  let moved = 0;
  for (const [o, n] of pairs) {
    const fields = changedFields(o, n);
    if (fields.length === 0) {
      unchanged++;
      if (o.finding.page !== n.finding.page) moved++;
      continue;
    }
    changes.push({
      kind: 'changed',
      ruleId: n.finding.ruleId,
      title: n.finding.title,
      category: n.finding.category,
      old: brief(o.finding),
      new: brief(n.finding),
      fields,
    });
  }
  for (const n of news) {
    if (newUsed.has(n)) continue;
    changes.push({
      kind: 'added',
      ruleId: n.finding.ruleId,
      title: n.finding.title,
      category: n.finding.category,
      old: null,
      new: brief(n.finding),
      fields: [],
    });
  }
  for (const o of removed) {
    changes.push({
      kind: 'removed',
      ruleId: o.finding.ruleId,
      title: o.finding.title,
      category: o.finding.category,
      old: brief(o.finding),
      new: null,
      fields: [],
    });
  }
  changes.sort(
    (a, b) =>
      changePage(a) - changePage(b) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const count = (kind: ChangeKind): number => changes.filter((c) => c.kind === kind).length;
  return {
    old: side(oldEdition),
    new: side(newEdition),
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      unchanged,
      moved,
    },
    changes,
  };
}

const KIND_ORDER: Record<ChangeKind, number> = { removed: 0, changed: 1, added: 2 };

/** Where a change sits for sorting: its page in the new edition, else in the old one. */
function changePage(change: DiffChange): number {
  return (change.new ?? change.old)?.page ?? 0;
}

function side(edition: EditionInput): EditionSide {
  return {
    name: edition.name,
    sha256: edition.sha256,
    pages: edition.pages,
    findings: edition.findings.length,
  };
}

/** What the diff needs of a library document (DocumentDetail has it). */
export interface StoredEdition {
  readonly meta: {
    readonly fileName: string;
    readonly sha256: string;
    readonly pages: number | null;
    readonly state: string;
    readonly error: string | null;
  };
  readonly verification: string;
  readonly findings: readonly { readonly finding: DiffInput }[];
}

/** A library document as one side of the diff. */
export function editionOf(doc: StoredEdition): EditionInput {
  return {
    name: doc.meta.fileName,
    sha256: doc.meta.sha256,
    pages: doc.meta.pages,
    findings: doc.findings.map((f) => f.finding),
  };
}

/** Why a library document cannot be compared (not read, or its original altered), or null. */
export function editionProblem(
  doc: StoredEdition,
): { code: 'VERIFICATION_FAILED' | 'INVALID_REQUEST'; message: string } | null {
  const name = doc.meta.fileName;
  if (doc.verification !== 'verified') {
    return {
      code: 'VERIFICATION_FAILED',
      message:
        `The stored original of ${name} ${doc.verification === 'missing' ? 'is missing' : 'no longer matches its SHA-256'}: ` +
        `its findings cannot be compared as evidence.`,
    };
  }
  if (doc.meta.state !== 'analysed') {
    return {
      code: 'INVALID_REQUEST',
      message:
        doc.meta.state === 'failed'
          ? `${name} could not be read (${doc.meta.error ?? 'unknown reason'}), so it has no findings to compare.`
          : `${name} has not been read yet: open it first, then compare.`,
    };
  }
  return null;
}
