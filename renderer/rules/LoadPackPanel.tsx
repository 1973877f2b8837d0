// A rule pack the user loaded: every problem with file, line and column when it is broken; when
// it is valid, its rules, its own failing test sentences, a preview of the matches it would add
// to a document of the library (each shown on its page), then Enable or Discard.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PackProblem, PackValidation } from '../../shared/ipc/contract';
import type { DocumentMeta } from '../../shared/model/library';
import { CATEGORY_LABELS } from '../../shared/model/taxonomy';
import { readOriginal } from '../app/api';
import { inputKind, openPdfOrImage } from '../input/open-input';
import type { OpenedPdf, PasswordPrompt } from '../pdf/load-document';
import { RuleTable } from './PackList';
import { PreviewPage } from './PreviewPage';
import { previewPack, type Preview } from './preview';

export interface LoadedFile {
  readonly fileName: string;
  readonly text: string;
  readonly result: PackValidation;
}

interface Props {
  readonly loaded: LoadedFile;
  readonly documents: readonly DocumentMeta[];
  /** The document open before the Rules screen, offered first for the preview. */
  readonly currentSha256: string | null;
  readonly askPassword: PasswordPrompt;
  readonly onEnable: () => Promise<void>;
  readonly onDiscard: () => void;
}

export function LoadPackPanel(props: Props) {
  const { loaded, onDiscard } = props;
  const { result } = loaded;
  return (
    <section className="loaded-pack" aria-label={`Loaded rule pack ${loaded.fileName}`}>
      {result.ok ? (
        <ValidPack {...props} valid={result} />
      ) : (
        <>
          <h2>
            {loaded.fileName} cannot be used: {result.problems.length} problem
            {result.problems.length === 1 ? '' : 's'}
          </h2>
          <p>
            Nothing was stored. Fix the lines below in your editor and load the file again;
            &ldquo;Writing a rule pack&rdquo; in the README explains every field.
          </p>
          <Problems problems={result.problems} label="Problems" kind="error" />
          <div className="actions">
            <button type="button" className="btn" onClick={onDiscard}>
              Close
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function Problems({
  problems,
  label,
  kind,
}: {
  problems: readonly PackProblem[];
  label: string;
  kind: 'error' | 'warning';
}) {
  return (
    <ul
      className={`problems ${kind}`}
      aria-label={label}
      role={kind === 'error' ? 'alert' : undefined}
    >
      {problems.map((p, i) => (
        <li key={i}>
          <code>
            {p.file}:{p.line}:{p.column}
          </code>{' '}
          line {p.line}, column {p.column}: {p.message}
        </li>
      ))}
    </ul>
  );
}

type PreviewState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly preview: Preview }
  | { readonly kind: 'failed'; readonly message: string };

function ValidPack({
  loaded,
  valid,
  documents,
  currentSha256,
  askPassword,
  onEnable,
  onDiscard,
}: Props & { valid: Extract<PackValidation, { ok: true }> }) {
  const { pack, data, warnings } = valid;
  const readable = documents.filter((d) => d.state === 'analysed');
  const [chosen, setTarget] = useState<string | null>(currentSha256);
  // The document chosen, else the one open before, else the newest the library can read.
  const target = readable.some((d) => d.sha256 === chosen) ? chosen! : (readable[0]?.sha256 ?? '');
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const [selected, setSelected] = useState<string | null>(null);
  const [enabling, setEnabling] = useState(false);
  /** Counts the previews run, so only the last one's result is shown. */
  const runs = useRef(0);
  // The previewed document's original, opened when a match is first shown on its page and
  // closed when another document is previewed or the panel goes. It opens to null for a
  // document shown as text (a Word file, web page), which has no pages.
  const [pdf, setPdf] = useState<{ sha256: string; opened: Promise<OpenedPdf | null> } | null>(
    null,
  );
  useEffect(
    () => () =>
      void pdf?.opened.then(
        (p) => p?.close(),
        () => undefined,
      ),
    [pdf],
  );

  const run = () => {
    const ticket = ++runs.current;
    setSelected(null);
    setState({ kind: 'running' });
    void (async () => {
      try {
        const preview = await previewPack(target, { data, sha256: pack.sha256, file: pack.file });
        if (ticket === runs.current) setState({ kind: 'done', preview });
      } catch (error) {
        if (ticket === runs.current)
          setState({ kind: 'failed', message: (error as Error).message });
      }
    })();
  };

  const select = (id: string) => {
    setSelected(id);
    if (state.kind !== 'done' || pdf?.sha256 === state.preview.sha256) return;
    const opened = readOriginal(state.preview.sha256).then((bytes) =>
      inputKind(bytes, '') === 'text' ? null : openPdfOrImage(bytes, '', askPassword),
    );
    // Shown on the page view when it is awaited there.
    opened.catch(() => undefined);
    setPdf({ sha256: state.preview.sha256, opened });
  };

  const matches = state.kind === 'done' ? state.preview.matches : [];
  const selectedMatch = matches.find((m) => m.id === selected) ?? null;
  const ruleTitles = useMemo(() => new Map(pack.rules.map((r) => [r.id, r.title])), [pack.rules]);
  const nameOf = (sha256: string) =>
    documents.find((d) => d.sha256 === sha256)?.fileName ?? 'the document';
  const targetName = nameOf(state.kind === 'done' ? state.preview.sha256 : target);

  return (
    <>
      <h2>
        {pack.name} <span className="tag">v{pack.version}</span>{' '}
        <span className="state off">Not enabled yet</span>
      </h2>
      <p className="pack-meta">
        <code>{pack.id}</code> · {loaded.fileName} · {pack.rules.length} rule
        {pack.rules.length === 1 ? '' : 's'} ·{' '}
        <span title={`SHA-256 ${pack.sha256}`}>SHA-256 {pack.sha256.slice(0, 12)}…</span>
      </p>
      <p role="status">
        The pack is valid. Preview what it finds on a document, then enable it or discard it.
      </p>
      {warnings.length > 0 && (
        <>
          <p>
            {warnings.length} of its own test sentence{warnings.length === 1 ? '' : 's'} did not
            give what the pack expects (it can still be enabled):
          </p>
          <Problems problems={warnings} label="Test sentences that fail" kind="warning" />
        </>
      )}
      <details>
        <summary>Its rules</summary>
        <RuleTable rules={pack.rules} />
      </details>
      <div className="actions">
        {readable.length === 0 ? (
          <span className="muted">Open a document to preview the pack on it.</span>
        ) : (
          <>
            <label>
              Preview on{' '}
              <select
                aria-label="Document to preview on"
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
              >
                {readable.map((d) => (
                  <option key={d.sha256} value={d.sha256}>
                    {d.fileName}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="btn" disabled={state.kind === 'running'} onClick={run}>
              Preview matches
            </button>
          </>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="btn primary"
          disabled={enabling}
          onClick={() => {
            setEnabling(true);
            void onEnable().finally(() => setEnabling(false));
          }}
        >
          Enable
        </button>
        <button type="button" className="btn" onClick={onDiscard}>
          Discard
        </button>
      </div>
      {state.kind === 'running' && (
        <p role="status" aria-live="polite">
          Running the pack over the text of {targetName}…
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="doc-error" role="alert">
          The preview failed: {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div className="preview">
          <div className="preview-list">
            <h3 role="status">
              {matches.length === 0
                ? `No matches in ${targetName}`
                : `${matches.length} match${matches.length === 1 ? '' : 'es'} this pack would add to ${targetName}`}
            </h3>
            <ol aria-label="Preview matches">
              {matches.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className={`finding ${m.severity}`}
                    aria-current={m.id === selected}
                    onClick={() => select(m.id)}
                  >
                    <span className="quote">&ldquo;{m.quote}&rdquo;</span>
                    <span className="meta">
                      p.{m.page} · {m.severity} · {ruleTitles.get(m.ruleId) ?? m.ruleId} (
                      {CATEGORY_LABELS[m.category]}){m.vendor ? ` · ${m.vendor.name}` : ''}
                      {m.polarity !== 'asserted' ? ` · ${m.polarity.replace('_', ' ')}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          </div>
          {selectedMatch && pdf?.sha256 === state.preview.sha256 ? (
            <PreviewPage
              pdf={pdf.opened}
              preview={state.preview}
              match={selectedMatch}
              onSelect={select}
            />
          ) : (
            matches.length > 0 && (
              <p className="preview-hint muted">Choose a match to see it on its page.</p>
            )
          )}
        </div>
      )}
    </>
  );
}
