// The explanation shown when a highlight is hovered or focused: rule, why it matters, references.
import { useEffect, useRef } from 'react';
import { CATEGORY_LABELS } from '../../shared/model/taxonomy';
import type { Mark } from './marks';

export function Tooltip({ mark, anchor }: { mark: Mark; anchor: DOMRect }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const below = anchor.bottom + 8;
    const top =
      below + el.offsetHeight > window.innerHeight
        ? Math.max(8, anchor.top - el.offsetHeight - 8)
        : below;
    el.style.top = `${top}px`;
    el.style.left = `${Math.min(anchor.left, window.innerWidth - el.offsetWidth - 8)}px`;
  }, [anchor]);
  const finding = mark.finding?.finding;
  return (
    <div ref={box} className="tooltip" role="tooltip">
      {finding ? (
        <>
          <h3>
            <span className={`chip ${finding.severity}`}>{finding.severity}</span>{' '}
            {mark.rule?.title}
          </h3>
          <div>
            {CATEGORY_LABELS[finding.category]}
            {finding.negated && ' — denied in the text'}
            {finding.hedged && ` — ${finding.polarity.replace('_', ' ')}`}
          </div>
          <p>{mark.rule?.explanation}</p>
          {mark.rule && mark.rule.references.length > 0 && (
            <ul>
              {mark.rule.references.map((r) => (
                <li key={r.title}>{r.title}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <h3>Your highlight</h3>
          <p>{mark.highlight?.quote}</p>
        </>
      )}
    </div>
  );
}
