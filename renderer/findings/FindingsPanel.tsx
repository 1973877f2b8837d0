// The findings beside the page: filters by severity, category and status, grouped by category
// with counts; denied and hedged findings marked, not hidden; the selected one in detail below.
import { useMemo, useState } from 'react';
import type { DocumentView, TriageStatus } from '../../shared/model/library';
import {
  CATEGORY_LABELS,
  SEVERITIES,
  type Category,
  type Severity,
} from '../../shared/model/taxonomy';
import type { Mark } from '../viewer/marks';
import { FindingDetail } from './FindingDetail';

interface Props {
  readonly sha256: string;
  readonly detail: DocumentView;
  readonly marks: readonly Mark[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onChanged: () => Promise<void>;
}

type StatusFilter = 'all' | TriageStatus;

export function FindingsPanel({ sha256, detail, marks, selectedId, onSelect, onChanged }: Props) {
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(new Set(SEVERITIES));
  const [category, setCategory] = useState<'all' | Category>('all');
  const [status, setStatus] = useState<StatusFilter>('all');

  const shown = useMemo(
    () =>
      marks.filter((m) => {
        const f = m.finding;
        if (!f) return category === 'all' && status === 'all';
        return (
          severities.has(f.finding.severity) &&
          (category === 'all' || f.finding.category === category) &&
          (status === 'all' || f.status === status)
        );
      }),
    [marks, severities, category, status],
  );
  const groups = useMemo(() => {
    const byGroup = new Map<string, Mark[]>();
    for (const m of shown) {
      const key = m.finding ? CATEGORY_LABELS[m.finding.finding.category] : 'Your highlights';
      const group = byGroup.get(key);
      if (group) group.push(m);
      else byGroup.set(key, [m]);
    }
    return [...byGroup];
  }, [shown]);
  const present = useMemo(
    () => [...new Set(detail.findings.map((f) => f.finding.category))].sort(),
    [detail.findings],
  );
  const selected = marks.find((m) => m.id === selectedId) ?? null;
  const toggle = (s: Severity) => {
    const next = new Set(severities);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    setSeverities(next);
  };

  return (
    <aside className="findings" aria-label="Findings">
      <div className="findings-filters">
        <div className="row" role="group" aria-label="Show severities">
          {SEVERITIES.slice(0, 4).map((s) => (
            <button
              key={s}
              type="button"
              className="btn"
              aria-pressed={severities.has(s)}
              onClick={() => toggle(s)}
            >
              {s} ({detail.findings.filter((f) => f.finding.severity === s).length})
            </button>
          ))}
        </div>
        <div className="row">
          <select
            aria-label="Filter by category"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as 'all' | Category)}
          >
            <option value="all">All categories</option>
            {present.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
          <select
            aria-label="Filter by status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}
          >
            <option value="all">Any status</option>
            <option value="needs-review">Needs review</option>
            <option value="confirmed">Confirmed</option>
            <option value="dismissed">Dismissed</option>
          </select>
        </div>
        <div aria-live="polite">
          {shown.length} of {marks.length} shown · n / p for next and previous
        </div>
      </div>
      <div className="findings-list">
        {marks.length === 0 && (
          <p className="empty">
            {detail.meta.state === 'analysed'
              ? 'No risky claims were found in this document.'
              : 'This document has not been read.'}
          </p>
        )}
        {groups.map(([group, items]) => (
          <FindingGroup
            key={group}
            name={group}
            items={items}
            selectedId={selectedId}
            onSelect={onSelect}
          />
        ))}
      </div>
      {selected && (
        <FindingDetail
          key={selected.id}
          sha256={sha256}
          mark={selected}
          notes={detail.notes}
          onChanged={onChanged}
        />
      )}
    </aside>
  );
}

/** A long group shows its first rows and the one selected; the rest on request. */
const GROUP_ROWS = 100;

function FindingGroup({
  name,
  items,
  selectedId,
  onSelect,
}: {
  name: string;
  items: readonly Mark[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.filter((m, i) => i < GROUP_ROWS || m.id === selectedId);
  return (
    <section className="group" aria-label={`${name}, ${items.length}`}>
      <h3>
        {name} ({items.length})
      </h3>
      {shown.map((m) => (
        <FindingRow key={m.id} mark={m} selected={m.id === selectedId} onSelect={onSelect} />
      ))}
      {shown.length < items.length && (
        <button type="button" className="btn" onClick={() => setAll(true)}>
          Show all {items.length}
        </button>
      )}
    </section>
  );
}

function FindingRow({
  mark,
  selected,
  onSelect,
}: {
  mark: Mark;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const stored = mark.finding;
  const f = stored?.finding;
  return (
    <button
      type="button"
      className={`finding ${mark.tone}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(mark.id)}
    >
      <span className="quote">“{f?.quote ?? mark.highlight?.quote}”</span>
      <span className="meta">
        {f ? `${f.severity} · ${mark.rule?.title ?? f.ruleId} · p. ${f.page}` : `p. ${mark.page}`}
        {f?.negated && <span className="badge negated">denied</span>}
        {f?.hedged && <span className="badge hedged">{f.polarity.replace('_', ' ')}</span>}
        {stored && stored.status !== 'needs-review' && (
          <span className={`badge status-${stored.status}`}>{stored.status}</span>
        )}
      </span>
    </button>
  );
}
