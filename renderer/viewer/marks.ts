// What is drawn on the pages: findings and the reviewer's own highlights, as one list of marks
// in PDF coordinates (converted to screen only when drawn).
import type { Quad } from '../../shared/model/finding';
import type {
  DocumentView,
  Note,
  RuleText,
  StoredFindingBrief,
  UserHighlight,
} from '../../shared/model/library';
import type { Severity } from '../../shared/model/taxonomy';

export interface Mark {
  readonly id: string;
  readonly page: number;
  readonly quads: readonly Quad[];
  /** A severity for findings; 'user' for the reviewer's highlights. */
  readonly tone: Severity | 'user';
  readonly negated: boolean;
  readonly label: string;
  readonly finding?: StoredFindingBrief;
  /** The rule's explanation and references, for findings. */
  readonly rule?: RuleText;
  readonly highlight?: UserHighlight;
  /** Where it lies in the page text, for a mark that is not a stored finding (a pack preview). */
  readonly span?: { readonly start: number; readonly end: number };
}

export function marksOf(detail: DocumentView): Mark[] {
  const fromFindings = detail.findings.map((stored): Mark => {
    const f = stored.finding;
    const rule = detail.rules[f.ruleId];
    return {
      id: f.id,
      page: f.page,
      quads: f.quads,
      tone: f.severity,
      negated: f.negated,
      label: `${f.severity} finding: ${rule?.title ?? f.ruleId}: "${f.quote}"${f.negated ? ' (denied in the text)' : ''}`,
      finding: stored,
      ...(rule ? { rule } : {}),
    };
  });
  const fromHighlights = detail.highlights.map((h): Mark => ({
    id: h.id,
    page: h.page,
    quads: h.quads,
    tone: 'user',
    negated: false,
    label: `Your highlight: "${h.quote}"`,
    highlight: h,
  }));
  return [...fromFindings, ...fromHighlights].sort(
    (a, b) =>
      a.page - b.page || topOf(b) - topOf(a) || leftOf(a) - leftOf(b) || startOf(a) - startOf(b),
  );
}

/** The latest note on a mark. */
export function noteFor(notes: readonly Note[], targetId: string): Note | undefined {
  return notes
    .filter((n) => n.targetId === targetId)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

function topOf(mark: Mark): number {
  return mark.quads[0]?.[1] ?? 0;
}

/** Where a finding starts in the page text: the order of marks without quads (text inputs). */
function startOf(mark: Mark): number {
  return mark.finding?.finding.start ?? 0;
}

function leftOf(mark: Mark): number {
  return mark.quads[0]?.[0] ?? 0;
}

/** A quad's bounding box on screen, from a pdf.js viewport's transform. */
export function screenBox(
  quad: Quad,
  toViewport: (x: number, y: number) => number[],
): { left: number; top: number; width: number; height: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 8; i += 2) {
    const [x = 0, y = 0] = toViewport(quad[i]!, quad[i + 1]!);
    xs.push(x);
    ys.push(y);
  }
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}
