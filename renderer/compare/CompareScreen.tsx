// Two editions of a brochure side by side: the findings added, removed and changed (matched by
// rule and quote, never by page: shared/diff), and for the change selected, the old edition's
// page and the new edition's page next to each other with the claim highlighted on both.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DiffChange, DiffFinding, EditionDiff } from '../../shared/diff/diff';
import { wordDiff } from '../../shared/diff/words';
import { CATEGORY_LABELS } from '../../shared/model/taxonomy';
import { call, readOriginal } from '../app/api';
import { drawEditionCrops, type EditionCrops } from './compare-crops';
import { inputKind, openPdfOrImage } from '../input/open-input';
import type { OpenedPdf, PasswordPrompt } from '../pdf/load-document';
import type { Mark } from '../viewer/marks';
import { NearViewport } from '../viewer/near-viewport';
import { PageView } from '../viewer/PageView';
import { TextView } from '../viewer/TextView';

interface Props {
  readonly oldSha256: string;
  readonly newSha256: string;
  readonly askPassword: PasswordPrompt;
  readonly onSwap: () => void;
  readonly onClose: () => void;
}

type KindFilter = 'all' | DiffChange['kind'];

/** "1 page", "12 pages", "? pages" when the page count is not known. */
function pagesWord(pages: number | null): string {
  return pages === 1 ? '1 page' : `${pages ?? '?'} pages`;
}

/**
 * An edition as it is shown: the pages of a PDF (or of an image, as one page), or the stored
 * page texts of a Word file, web page or text file, on which a claim is marked by its offsets.
 */
type Edition =
  | { readonly kind: 'pages'; readonly pdf: OpenedPdf }
  | { readonly kind: 'text'; readonly texts: readonly { page: number; text: string }[] };

const KIND_LABEL: Record<DiffChange['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

const POLARITY_WORD: Record<DiffFinding['polarity'], string> = {
  asserted: 'claimed',
  negated: 'denied',
  optional: 'optional',
  roadmap: 'planned',
  third_party: 'third-party',
};

export function CompareScreen({ oldSha256, newSha256, askPassword, onSwap, onClose }: Props) {
  const [diff, setDiff] = useState<EditionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<KindFilter>('all');
  const [selected, setSelected] = useState(0);
  const [exported, setExported] = useState<{ text: string; error: boolean } | null>(null);
  /** What a report export is doing (drawing page images, writing), while it runs. */
  const [working, setWorking] = useState<string | null>(null);
  const [docs, setDocs] = useState<{ old: Edition | null; new: Edition | null }>({
    old: null,
    new: null,
  });
  // A report waits for both pages to be open, to draw their images; where they could not be
  // opened (the error says why), it is made without images, and says so.
  const reportReady =
    diff !== null &&
    working === null &&
    ((docs.old !== null && docs.new !== null) || error !== null);
  const exportAs = async (format: 'json' | 'csv' | 'html' | 'pdf') => {
    setExported(null);
    try {
      let crops: EditionCrops | null = null;
      if ((format === 'html' || format === 'pdf') && diff && docs.old && docs.new) {
        // The page images are drawn here, in the sandbox, as for the document report; an
        // edition without pages (a Word file) has none to draw.
        const pdfOf = (e: Edition) => (e.kind === 'pages' ? e.pdf.doc : null);
        crops = await drawEditionCrops(
          diff,
          { old: pdfOf(docs.old), new: pdfOf(docs.new) },
          (d, t) => setWorking(`Drawing page images: ${d} of ${t}`),
        );
        setWorking('Writing the report…');
      }
      const outcome = await call('library:exportDiff', {
        old: oldSha256,
        new: newSha256,
        format,
        ...(crops ?? {}),
      });
      if (outcome.saved)
        setExported({
          text:
            `Saved the comparison (${outcome.summary}) as ${outcome.path ?? outcome.fileName}` +
            outcome.warnings.map((w) => `. ${w}`).join(''),
          error: false,
        });
    } catch (e) {
      setExported({
        text: `The comparison could not be saved: ${(e as Error).message}`,
        error: true,
      });
    } finally {
      setWorking(null);
    }
  };

  useEffect(() => {
    let cancelled = false;
    // A function, so the checks after each await are not narrowed away by the type checker.
    const isCancelled = (): boolean => cancelled;
    const opened: OpenedPdf[] = [];
    const openEdition = async (sha256: string): Promise<Edition> => {
      const bytes = await readOriginal(sha256);
      if (inputKind(bytes, '') === 'text') {
        return { kind: 'text', texts: await call('document:pages', { sha256 }) };
      }
      const pdf = await openPdfOrImage(bytes, '', askPassword);
      opened.push(pdf);
      return { kind: 'pages', pdf };
    };
    setDiff(null);
    setError(null);
    void (async () => {
      try {
        const result = await call('library:diff', { old: oldSha256, new: newSha256 });
        if (isCancelled()) return;
        setDiff(result);
        setSelected(0);
        const [older, newer] = await Promise.all([oldSha256, newSha256].map(openEdition));
        if (!isCancelled()) setDocs({ old: older!, new: newer! });
      } catch (e) {
        if (!isCancelled()) setError((e as Error).message);
      }
    })();
    return () => {
      cancelled = true;
      setDocs({ old: null, new: null });
      for (const pdf of opened) void pdf.close();
    };
  }, [oldSha256, newSha256, askPassword]);

  const shown = useMemo(
    () => (diff?.changes ?? []).filter((c) => filter === 'all' || c.kind === filter),
    [diff, filter],
  );
  const change = shown[Math.min(selected, shown.length - 1)];

  const list = useRef<HTMLOListElement>(null);
  const move = (delta: number) => {
    if (shown.length === 0) return;
    const next = Math.max(0, Math.min(shown.length - 1, selected + delta));
    setSelected(next);
    list.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  return (
    <main className="compare" aria-label="Compare editions">
      <div className="compare-head">
        <button type="button" className="btn" onClick={onClose}>
          ← Library
        </button>
        <h2>Compare editions</h2>
        <span className="edition old">
          Old: <strong>{diff?.old.name ?? '…'}</strong>
          {diff && ` (${pagesWord(diff.old.pages)})`}
        </span>
        <span aria-hidden="true">→</span>
        <span className="edition new">
          New: <strong>{diff?.new.name ?? '…'}</strong>
          {diff && ` (${pagesWord(diff.new.pages)})`}
        </span>
        <button type="button" className="btn" onClick={onSwap}>
          Swap old and new
        </button>
        <div className="compare-exports" role="group" aria-label="Export the comparison">
          <button
            type="button"
            className="btn"
            disabled={diff === null}
            onClick={() => void exportAs('csv')}
          >
            Export CSV
          </button>
          <button
            type="button"
            className="btn"
            disabled={diff === null}
            onClick={() => void exportAs('json')}
          >
            Export JSON
          </button>
          <button
            type="button"
            className="btn"
            disabled={!reportReady}
            title="The comparison report: both editions' identity, each change with both pages"
            onClick={() => void exportAs('html')}
          >
            Export HTML report
          </button>
          <button
            type="button"
            className="btn"
            disabled={!reportReady}
            title="The comparison report as an A4 PDF"
            onClick={() => void exportAs('pdf')}
          >
            Export PDF report
          </button>
        </div>
      </div>
      {working && (
        <div className="banner info" role="status">
          {working}
        </div>
      )}
      {exported && (
        <div
          className={`banner ${exported.error ? 'error' : 'info'}`}
          role={exported.error ? 'alert' : 'status'}
        >
          {exported.text}
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          These documents cannot be compared: {error}
        </div>
      )}
      {diff === null && error === null && <p aria-live="polite">Comparing the findings…</p>}
      {diff && (
        <>
          <div className="compare-summary" role="status">
            <span className="kind added">{diff.summary.added} added</span>
            <span className="kind removed">{diff.summary.removed} removed</span>
            <span className="kind changed">{diff.summary.changed} changed</span>
            <span>
              {diff.summary.unchanged} unchanged
              {diff.summary.moved > 0 && ` (${diff.summary.moved} on another page)`}
            </span>
            <label>
              Show{' '}
              <select
                aria-label="Filter changes"
                value={filter}
                onChange={(e) => {
                  setFilter(e.currentTarget.value as KindFilter);
                  setSelected(0);
                }}
              >
                <option value="all">all changes</option>
                <option value="added">added</option>
                <option value="removed">removed</option>
                <option value="changed">changed</option>
              </select>
            </label>
          </div>
          <div className="compare-body">
            {shown.length === 0 ? (
              <p className="empty">
                {diff.changes.length === 0
                  ? 'No finding was added, removed or changed between these editions.'
                  : 'No change of this kind.'}
              </p>
            ) : (
              <ol
                ref={list}
                className="compare-list"
                aria-label="Changes"
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    move(1);
                  } else if (e.key === 'ArrowUp') {
                    e.preventDefault();
                    move(-1);
                  }
                }}
              >
                {shown.map((c, i) => (
                  <li key={`${c.kind}:${c.old?.id ?? ''}:${c.new?.id ?? ''}`}>
                    <button
                      type="button"
                      className={`change-item ${c.kind}`}
                      aria-current={c === change ? 'true' : undefined}
                      onClick={() => setSelected(i)}
                    >
                      <ChangeSummary change={c} />
                    </button>
                  </li>
                ))}
              </ol>
            )}
            {change && <ChangeDetail change={change} docs={docs} />}
          </div>
        </>
      )}
    </main>
  );
}

function ChangeSummary({ change }: { change: DiffChange }) {
  const f = (change.new ?? change.old)!;
  const pages = `p. ${change.old?.page ?? '–'} → ${change.new?.page ?? '–'}`;
  return (
    <>
      <span className={`kind ${change.kind}`}>{KIND_LABEL[change.kind]}</span>
      <span className={`chip ${f.severity}`}>{f.severity}</span>
      <span className="change-category">{CATEGORY_LABELS[change.category]}</span>
      <span className="change-pages">{pages}</span>
      <span className="change-quote">“{f.quote}”</span>
      {change.kind === 'changed' && (
        <span className="change-fields">{change.fields.join(', ')} changed</span>
      )}
    </>
  );
}

function ChangeDetail({
  change,
  docs,
}: {
  change: DiffChange;
  docs: { old: Edition | null; new: Edition | null };
}) {
  return (
    <section className="change-detail" aria-label="The change on both editions' pages">
      <h3>
        {KIND_LABEL[change.kind]}: {change.title}
      </h3>
      {change.kind === 'changed' && <ChangedFields change={change} />}
      <div className="side-by-side">
        <EditionPage
          label="Old edition"
          finding={change.old}
          edition={docs.old}
          missing="Not in the old edition: this claim was added."
        />
        <EditionPage
          label="New edition"
          finding={change.new}
          edition={docs.new}
          missing="Not in the new edition: this claim was removed."
        />
      </div>
    </section>
  );
}

function ChangedFields({ change }: { change: DiffChange }) {
  const o = change.old!;
  const n = change.new!;
  return (
    <dl className="changed-fields">
      {change.fields.includes('severity') && (
        <>
          <dt>Severity</dt>
          <dd>
            {o.severity} → {n.severity}
          </dd>
        </>
      )}
      {change.fields.includes('polarity') && (
        <>
          <dt>Stated as</dt>
          <dd>
            {POLARITY_WORD[o.polarity]} → {POLARITY_WORD[n.polarity]}
          </dd>
        </>
      )}
      {change.fields.includes('quote') && (
        <>
          <dt>Quote</dt>
          <dd>
            “{o.quote}” → “{n.quote}”
          </dd>
        </>
      )}
      <dt>Sentence</dt>
      <dd className="word-diff">
        {wordDiff(o.sentence, n.sentence).map((run, i) =>
          run.kind === 'same' ? (
            <span key={i}>{run.text} </span>
          ) : run.kind === 'removed' ? (
            <del key={i}>{run.text} </del>
          ) : (
            <ins key={i}>{run.text} </ins>
          ),
        )}
      </dd>
    </dl>
  );
}

/** Page width the side-by-side panes give a page: half the room next to the list. */
function paneScale(pageWidth: number): number {
  const pane = Math.max(280, (window.innerWidth - 420) / 2 - 32);
  return Math.min(1.5, pane / pageWidth);
}

function EditionPage({
  label,
  finding,
  edition,
  missing,
}: {
  label: string;
  finding: DiffFinding | null;
  edition: Edition | null;
  missing: string;
}) {
  const [nearViewport] = useState(() => new NearViewport());
  useEffect(() => () => nearViewport.disconnect(), [nearViewport]);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  const page = finding?.page ?? null;
  const pdf = edition?.kind === 'pages' ? edition.pdf : null;

  useEffect(() => {
    let cancelled = false;
    if (pdf === null || page === null) return;
    void pdf.doc.getPage(page).then((p) => {
      const vp = p.getViewport({ scale: 1 });
      if (!cancelled) setSize({ width: vp.width, height: vp.height });
    });
    return () => {
      cancelled = true;
    };
  }, [pdf, page]);

  const marks = useMemo<Mark[]>(
    () =>
      finding === null
        ? []
        : [
            {
              id: finding.id,
              page: finding.page,
              quads: finding.quads,
              tone: finding.severity,
              negated: finding.negated,
              label: `${finding.severity} finding: ${finding.title}: "${finding.quote}"`,
              // An edition without pages marks the claim by its place in the page text.
              ...(finding.start !== undefined && finding.end !== undefined
                ? { span: { start: finding.start, end: finding.end } }
                : {}),
            },
          ],
    [finding],
  );
  // The highlighted claim is scrolled into the middle of its pane once the page is drawn.
  const onShown = useCallback(() => {
    pane.current?.querySelector('.hl.selected, .hl-text.selected')?.scrollIntoView({
      block: 'center',
    });
  }, []);
  const texts =
    edition?.kind === 'text' && finding !== null
      ? edition.texts.filter((t) => t.page === finding.page)
      : null;

  return (
    <figure className="edition-page" aria-label={label}>
      <figcaption>
        <strong>{label}</strong>
        {finding && (
          <>
            {' '}
            page {finding.page}: “{finding.quote}” ({finding.severity},{' '}
            {POLARITY_WORD[finding.polarity]})
          </>
        )}
      </figcaption>
      {finding === null ? (
        <p className="edition-missing">{missing}</p>
      ) : texts !== null ? (
        <div className="edition-pane edition-text" ref={pane}>
          <TextView
            key={finding.id}
            pages={texts}
            marksByPage={new Map([[finding.page, marks]])}
            findHit={null}
            selectedId={finding.id}
            scale={0.85}
            onSelect={() => undefined}
            onHover={() => undefined}
            onShown={onShown}
          />
        </div>
      ) : pdf === null || size === null ? (
        <p className="page-loading">Loading page {finding.page}…</p>
      ) : (
        <div className="edition-pane" ref={pane}>
          <PageView
            key={finding.id}
            doc={pdf.doc}
            pageNumber={finding.page}
            nearViewport={nearViewport}
            scale={paneScale(size.width)}
            fallbackSize={size}
            marks={marks}
            findQuads={[]}
            selectedId={finding.id}
            onSelect={() => undefined}
            onHover={() => undefined}
            onTextSelected={() => undefined}
            onShown={onShown}
          />
        </div>
      )}
    </figure>
  );
}
