// The Rules screen: every rule pack (bundled and the user's) and its rules with their
// explanations, searchable and filtered by category, severity and source; "Load rule pack…"
// checks a user's YAML in main (the same loader as the CLI) and previews it before it is enabled.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PackOverview, PackProblem, RuleOverview } from '../../shared/ipc/contract';
import type { DocumentMeta } from '../../shared/model/library';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  SEVERITIES,
  type Category,
  type Severity,
} from '../../shared/model/taxonomy';
import { call } from '../app/api';
import { forgetRulePacks } from '../pdf/analyse-document';
import type { PasswordPrompt } from '../pdf/load-document';
import { LoadPackPanel, type LoadedFile } from './LoadPackPanel';
import { PackList } from './PackList';

interface Props {
  readonly documents: DocumentMeta[] | null;
  /** The document open before the Rules screen, if any. */
  readonly currentSha256: string | null;
  readonly askPassword: PasswordPrompt;
  /** Reads a document again with the packs enabled now, then opens it. */
  readonly onReanalyse: (meta: DocumentMeta) => Promise<void>;
}

/** A pack this big is not a rule pack; reading it would only stall the window. */
const MAX_PACK_BYTES = 5_000_000;

type Source = 'all' | PackOverview['source'];

export function RulesScreen({ documents, currentSha256, askPassword, onReanalyse }: Props) {
  const [overview, setOverview] = useState<{
    packs: PackOverview[];
    problems: PackProblem[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  /** Counts the files loaded, so each one starts with a fresh panel. */
  const [loads, setLoads] = useState(0);
  const [notice, setNotice] = useState<{ text: string; reanalyse?: DocumentMeta } | null>(null);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<'all' | Category>('all');
  const [severity, setSeverity] = useState<'all' | Severity>('all');
  const [source, setSource] = useState<Source>('all');
  const input = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setOverview(await call('rules:list', {}));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const pick = async (file: File) => {
    setNotice(null);
    setError(null);
    if (file.size > MAX_PACK_BYTES) {
      setError(
        `${file.name} is ${Math.round(file.size / 1e6)} MB; a rule pack is a small YAML file.`,
      );
      return;
    }
    try {
      const text = await file.text();
      const result = await call('rules:validate', { fileName: file.name, text });
      setLoaded({ fileName: file.name, text, result });
      setLoads((n) => n + 1);
    } catch (e) {
      setError(`${file.name} could not be checked: ${(e as Error).message}`);
    }
  };

  const open = documents?.find((d) => d.sha256 === currentSha256 && d.state === 'analysed');
  const changed = async (text: string) => {
    // The next analysis fetches the packs again, with this change.
    forgetRulePacks();
    await refresh();
    setNotice(open ? { text, reanalyse: open } : { text });
  };

  const enable = async () => {
    if (loaded === null) return;
    try {
      const pack = await call('rules:enable', { fileName: loaded.fileName, text: loaded.text });
      setLoaded(null);
      await changed(`${pack.name} is enabled: documents opened from now on are read with it.`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const act = async (action: 'enable' | 'disable' | 'remove', pack: PackOverview) => {
    setError(null);
    try {
      if (action === 'remove') await call('rules:remove', { packId: pack.id });
      else await call(action === 'enable' ? 'rules:enable' : 'rules:disable', { packId: pack.id });
      const done = { enable: 'enabled', disable: 'disabled', remove: 'removed' }[action];
      await changed(`${pack.name} is ${done}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const filtering = query.trim() !== '' || category !== 'all' || severity !== 'all';
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const keep = (rule: RuleOverview) =>
      (category === 'all' || rule.category === category) &&
      (severity === 'all' || rule.severity === severity) &&
      (q === '' ||
        [rule.id, rule.title, rule.explanation, CATEGORY_LABELS[rule.category], rule.vendor?.name]
          .join(' ')
          .toLowerCase()
          .includes(q));
    return (overview?.packs ?? [])
      .filter((p) => source === 'all' || p.source === source)
      .map((pack) => {
        const packMatches = q !== '' && `${pack.name} ${pack.id}`.toLowerCase().includes(q);
        const rules = pack.rules.filter(
          (r) => keep(r) || (packMatches && category === 'all' && severity === 'all'),
        );
        return { pack, rules };
      })
      .filter(({ rules }) => !filtering || rules.length > 0);
  }, [overview, query, category, severity, source, filtering]);

  const ruleCount = (overview?.packs ?? []).reduce(
    (n, p) => n + (p.enabled ? p.rules.length : 0),
    0,
  );

  return (
    <main className="library rules" aria-label="Rules">
      <div className="library-tools">
        <h2 className="screen-title">Rules</h2>
        <button type="button" className="btn primary" onClick={() => input.current?.click()}>
          Load rule pack…
        </button>
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          className="visually-hidden"
          aria-label="Rule pack file (YAML)"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void pick(file);
          }}
        />
        <input
          type="search"
          placeholder="Search rules and explanations"
          aria-label="Search rules"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <select
          aria-label="Filter by category"
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value as 'all' | Category)}
        >
          <option value="all">All categories</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by severity"
          value={severity}
          onChange={(e) => setSeverity(e.currentTarget.value as 'all' | Severity)}
        >
          <option value="all">All severities</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by source"
          value={source}
          onChange={(e) => setSource(e.currentTarget.value as Source)}
        >
          <option value="all">Bundled and yours</option>
          <option value="bundled">Bundled packs</option>
          <option value="user">Your packs</option>
        </select>
        {overview && (
          <span className="muted">
            {overview.packs.filter((p) => p.enabled).length} packs enabled, {ruleCount} rules
          </span>
        )}
      </div>
      {error && (
        <div className="banner error" role="alert">
          <span className="multiline">{error}</span>
          <button type="button" className="btn" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="banner info" role="status">
          {notice.text}
          {notice.reanalyse && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                const meta = notice.reanalyse!;
                setNotice({ text: `Reading ${meta.fileName} again with the packs enabled now…` });
                void onReanalyse(meta).catch((e: unknown) => setError((e as Error).message));
              }}
            >
              Re-analyse {notice.reanalyse.fileName} now
            </button>
          )}
        </div>
      )}
      {loaded && (
        <LoadPackPanel
          key={loads}
          loaded={loaded}
          documents={documents ?? []}
          currentSha256={currentSha256}
          askPassword={askPassword}
          onEnable={enable}
          onDiscard={() => setLoaded(null)}
        />
      )}
      {overview && overview.problems.length > 0 && (
        <div className="banner warning" role="alert">
          <div>
            Some files in your library&rsquo;s rules folder are broken and are not used:
            <ul className="problems">
              {overview.problems.map((p, i) => (
                <li key={i}>
                  <code>
                    {p.file}:{p.line}:{p.column}
                  </code>{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {overview === null ? (
        !error && <p aria-live="polite">Loading the rule packs…</p>
      ) : (
        <PackList packs={shown} filtering={filtering} onChange={act} />
      )}
    </main>
  );
}
