// The rule packs in use, bundled and the user's: name, version, source, hash, whether enabled and
// how many rules, and each rule with its category, severity, languages, explanation and
// references. Users' packs can be disabled, enabled again and removed here.
import { useState } from 'react';
import type { PackOverview, RuleOverview } from '../../shared/ipc/contract';
import { CATEGORY_LABELS } from '../../shared/model/taxonomy';
import { References } from '../app/References';

interface Props {
  readonly packs: readonly { pack: PackOverview; rules: readonly RuleOverview[] }[];
  /** True while a search or filter narrows the rules: packs then show their rules open. */
  readonly filtering: boolean;
  readonly onChange: (
    action: 'enable' | 'disable' | 'remove',
    pack: PackOverview,
  ) => Promise<void> | void;
}

export function PackList({ packs, filtering, onChange }: Props) {
  if (packs.length === 0) return <p className="empty">No rule matches this search.</p>;
  return (
    <ul className="pack-list" aria-label="Rule packs">
      {packs.map(({ pack, rules }) => (
        <li key={`${pack.source}:${pack.id}`}>
          <PackCard pack={pack} rules={rules} filtering={filtering} onChange={onChange} />
        </li>
      ))}
    </ul>
  );
}

function PackCard({
  pack,
  rules,
  filtering,
  onChange,
}: {
  pack: PackOverview;
  rules: readonly RuleOverview[];
  filtering: boolean;
  onChange: Props['onChange'];
}) {
  const [busy, setBusy] = useState(false);
  // Removing deletes the user's file from the library, so it asks first, in place (the Chromium
  // host dismisses the browser's own dialogs).
  const [confirming, setConfirming] = useState(false);
  const act = (action: 'enable' | 'disable' | 'remove') => {
    setBusy(true);
    void (async () => {
      try {
        await onChange(action, pack);
      } finally {
        setBusy(false);
      }
    })();
  };
  const count = `${pack.rules.length} rule${pack.rules.length === 1 ? '' : 's'}`;
  return (
    <section
      className={`pack-card${pack.enabled ? '' : ' disabled'}`}
      aria-label={`Rule pack ${pack.name}`}
    >
      <header className="pack-head">
        <h3>{pack.name}</h3>
        <span className="tag">v{pack.version}</span>
        <span className={`tag source-${pack.source}`}>
          {pack.source === 'bundled' ? 'bundled' : 'yours'}
        </span>
        <span className={`state ${pack.enabled ? 'on' : 'off'}`}>
          {pack.enabled ? 'Enabled' : 'Disabled'}
        </span>
        <span className="muted">{count}</span>
        <span className="spacer" />
        {pack.source === 'user' &&
          (confirming ? (
            <span role="group" aria-label={`Remove ${pack.name}?`} className="confirm">
              Remove it from the library?
              <button
                type="button"
                className="btn danger"
                disabled={busy}
                onClick={() => act('remove')}
              >
                Yes, remove
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => act(pack.enabled ? 'disable' : 'enable')}
              >
                {pack.enabled ? 'Disable' : 'Enable'}
              </button>
              <button
                type="button"
                className="btn danger"
                disabled={busy}
                aria-label={`Remove ${pack.name}`}
                onClick={() => setConfirming(true)}
              >
                Remove
              </button>
            </>
          ))}
      </header>
      <p className="pack-meta">
        <code>{pack.id}</code> · <span title={pack.file}>{pack.file}</span> ·{' '}
        <span title={`SHA-256 ${pack.sha256}`}>SHA-256 {pack.sha256.slice(0, 12)}…</span>
      </p>
      {pack.description && <p className="pack-description">{pack.description}</p>}
      <details open={filtering}>
        <summary>
          {filtering && rules.length !== pack.rules.length
            ? `${rules.length} of ${count} match`
            : `Show the ${count}`}
        </summary>
        <RuleTable rules={rules} />
      </details>
    </section>
  );
}

export function RuleTable({ rules }: { rules: readonly RuleOverview[] }) {
  return (
    <table className="rule-table">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Category</th>
          <th scope="col">Severity</th>
          <th scope="col">Languages</th>
          <th scope="col">Why it matters</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id}>
            <td>
              <div className="doc-name">{rule.title}</div>
              <code>{rule.id}</code>
            </td>
            <td>{CATEGORY_LABELS[rule.category]}</td>
            <td>
              <span className={`chip ${rule.severity}`}>{rule.severity}</span>
            </td>
            <td>{rule.languages.join(', ')}</td>
            <td>
              <p className="explanation">{rule.explanation}</p>
              {rule.vendor && (
                <p className="muted">
                  Vendor {rule.vendor.name}: {rule.vendor.evidence}
                </p>
              )}
              <References references={rule.references} buttonClass="btn link" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
