// The library: every document opened so far, with its vendors, pages, findings by severity and
// when it was added; search, a risk filter, drag and drop, and import progress with cancel.
import { useMemo, useState } from 'react';
import type { DocumentMeta } from '../../shared/model/library';
import { SEVERITIES, type Severity } from '../../shared/model/taxonomy';
import type { ImportProgress } from '../app/use-import';

interface Props {
  readonly documents: DocumentMeta[] | null;
  readonly progress: ImportProgress | null;
  readonly onOpen: (sha256: string) => void;
  readonly onCancel: () => void;
  readonly onRetry: (meta: DocumentMeta) => void;
}

type RiskFilter = 'all' | Severity | 'failed';

export function LibraryScreen({ documents, progress, onOpen, onCancel, onRetry }: Props) {
  const [query, setQuery] = useState('');
  const [risk, setRisk] = useState<RiskFilter>('all');
  const [dragging, setDragging] = useState(false);

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
      </div>
      {progress && <ProgressBar progress={progress} onCancel={onCancel} />}
      {documents === null ? (
        <p aria-live="polite">Loading the library…</p>
      ) : documents.length === 0 ? (
        <div className={`empty${dragging ? ' dragging' : ''}`}>
          <h2>Your library is empty</h2>
          <p>
            Open a vendor brochure or datasheet (PDF), or drop files here. Originals are kept
            unchanged.
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
                  <div className="doc-name">{d.fileName}</div>
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

function ProgressBar({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const done = progress.index >= progress.total;
  return (
    <div className="progress" role="status" aria-live="polite">
      {done ? (
        <span>
          Finished. {progress.failures.length} file{progress.failures.length === 1 ? '' : 's'} could
          not be read: {progress.failures.join('; ')}
        </span>
      ) : (
        <>
          <progress max={progress.total} value={progress.index} aria-label="Files imported" />
          <span>
            {progress.index + 1} of {progress.total}: {progress.label}
            {progress.pages && ` (page ${progress.pages.done} of ${progress.pages.total})`}
          </span>
        </>
      )}
      <button type="button" className="btn" onClick={onCancel}>
        {done ? 'Dismiss' : 'Cancel'}
      </button>
    </div>
  );
}
