// The library: every document opened so far, with its vendors, pages, findings by severity and
// when it was added; search, a risk filter, drag and drop, import progress with cancel and its
// summary, and two documents picked to compare as editions.
import { useMemo, useState } from 'react';
import type { DocumentMeta } from '../../shared/model/library';
import { SEVERITIES, type Severity } from '../../shared/model/taxonomy';
import type { ImportProgress } from '../app/use-import';
import { ImportPanel } from './ImportPanel';

interface Props {
  readonly documents: DocumentMeta[] | null;
  readonly progress: ImportProgress | null;
  readonly onOpen: (sha256: string) => void;
  readonly onCancel: () => void;
  readonly onRetry: (meta: DocumentMeta) => void;
  /** Compare two documents as an older and a newer edition. */
  readonly onCompare: (oldSha256: string, newSha256: string) => void;
}

type RiskFilter = 'all' | Severity | 'failed';

export function LibraryScreen({
  documents,
  progress,
  onOpen,
  onCancel,
  onRetry,
  onCompare,
}: Props) {
  const [query, setQuery] = useState('');
  const [risk, setRisk] = useState<RiskFilter>('all');
  const [dragging, setDragging] = useState(false);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const byHash = useMemo(() => new Map((documents ?? []).map((d) => [d.sha256, d])), [documents]);
  const pickedDocs = picked.map((sha) => byHash.get(sha)).filter((d) => d !== undefined);
  const togglePick = (sha256: string) => {
    // The last two ticked are kept: ticking a third lets the first go.
    setPicked((now) =>
      now.includes(sha256) ? now.filter((s) => s !== sha256) : [...now, sha256].slice(-2),
    );
  };
  const compare = () => {
    if (pickedDocs.length !== 2) return;
    // The edition added to the library first is taken as the old one; the view can swap them.
    const [a, b] = [...pickedDocs].sort((x, y) => x.addedAt.localeCompare(y.addedAt));
    onCompare(a!.sha256, b!.sha256);
  };

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (documents ?? []).filter((d) => {
      const text =
        `${d.fileName} ${(d.summary?.vendors ?? []).join(' ')} ${d.tags.join(' ')}`.toLowerCase();
      if (q !== '' && !text.includes(q)) return false;
      if (risk === 'failed') return d.state === 'failed';
      if (risk !== 'all') return (d.counts[risk] ?? 0) > 0;
      return true;
    });
  }, [documents, query, risk]);

  return (
    <main
      className={`library${dragging ? ' dragging' : ''}`}
      aria-label="Library"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      // The window opens dropped files (App); here the drop only ends the highlight.
      onDrop={() => setDragging(false)}
    >
      <div className="library-tools">
        <input
          type="search"
          placeholder="Search by file, vendor or tag"
          aria-label="Search the library"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <label>
          Show{' '}
          <select
            aria-label="Filter by risk"
            value={risk}
            onChange={(e) => setRisk(e.currentTarget.value as RiskFilter)}
          >
            <option value="all">all documents</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                with {s} findings
              </option>
            ))}
            <option value="failed">that could not be read</option>
          </select>
        </label>
        <span className="spacer" />
        <span className="compare-hint" aria-live="polite">
          {pickedDocs.length === 2
            ? `Compare ${pickedDocs[0]!.fileName} and ${pickedDocs[1]!.fileName}`
            : `Tick two documents to compare editions (${pickedDocs.length} of 2)`}
        </span>
        <button type="button" className="btn" disabled={pickedDocs.length !== 2} onClick={compare}>
          Compare editions
        </button>
      </div>
      {progress && <ImportPanel progress={progress} onCancel={onCancel} />}
      {documents === null ? (
        <p aria-live="polite">Loading the library…</p>
      ) : documents.length === 0 ? (
        <div className={`empty${dragging ? ' dragging' : ''}`}>
          <h2>Your library is empty</h2>
          <p>
            Open a vendor brochure or datasheet (PDF, Word file, saved web page, image or text), or
            drop files here. Originals are kept unchanged.
          </p>
        </div>
      ) : shown.length === 0 ? (
        <p className="empty">No document matches this search.</p>
      ) : (
        <table className="doc-table">
          <caption className="visually-hidden">Documents in the library</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Vendors</th>
              <th scope="col">Pages</th>
              <th scope="col">Findings</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr
                key={d.sha256}
                tabIndex={0}
                aria-label={`Open ${d.fileName}`}
                onClick={() => onOpen(d.sha256)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(d.sha256);
                  }
                }}
              >
                <td>
                  <div className="doc-name">
                    <input
                      type="checkbox"
                      className="pick"
                      aria-label={`Compare ${d.fileName}`}
                      checked={picked.includes(d.sha256)}
                      disabled={d.state !== 'analysed'}
                      onChange={() => togglePick(d.sha256)}
                      onClick={(e) => e.stopPropagation()}
                      onKeyDown={(e) => e.stopPropagation()}
                    />
                    {d.fileName}
                  </div>
                  <DocumentState meta={d} onRetry={onRetry} />
                  {d.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </td>
                <td>{(d.summary?.vendors ?? []).join(', ') || '—'}</td>
                <td>{d.pages ?? '—'}</td>
                <td>
                  <SeverityCounts counts={d.counts} />
                </td>
                <td>{new Date(d.addedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function DocumentState({
  meta,
  onRetry,
}: {
  meta: DocumentMeta;
  onRetry: (meta: DocumentMeta) => void;
}) {
  if (meta.state === 'failed') {
    return (
      <div className="doc-error">
        {meta.error ?? 'This file could not be read.'}{' '}
        <button
          type="button"
          className="btn"
          onClick={(e) => {
            e.stopPropagation();
            onRetry(meta);
          }}
        >
          Try again
        </button>
      </div>
    );
  }
  if (meta.state === 'pending') return <div className="doc-error">Not read yet</div>;
  return null;
}

export function SeverityCounts({ counts }: { counts: Record<string, number> }) {
  const present = SEVERITIES.filter((s) => (counts[s] ?? 0) > 0);
  if (present.length === 0) return <span>none</span>;
  return (
    <>
      {present.map((s) => (
        <span
          key={s}
          className={`chip ${s}`}
          title={`${counts[s]} ${s}`}
          aria-label={`${counts[s]} ${s}`}
        >
          {counts[s]}
        </span>
      ))}
    </>
  );
}
