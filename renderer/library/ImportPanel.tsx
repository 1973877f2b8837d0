// The import's progress (a bar, the files being read, Cancel) and, when it ends, its summary:
// how many were imported, which were skipped as duplicates, and every file that failed with why.
// The progress is a polite live region; the summary is a labelled region that takes the focus
// once, so a screen-reader user hears the outcome without hunting for it.
import { useEffect, useRef } from 'react';
import type { ImportProgress } from '../app/use-import';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function ImportPanel({
  progress,
  onCancel,
}: {
  progress: ImportProgress;
  onCancel: () => void;
}) {
  if (!progress.finished) return <ImportRunning progress={progress} onCancel={onCancel} />;
  return <ImportSummary progress={progress} onDismiss={onCancel} />;
}

function ImportRunning({ progress, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const reading = progress.current.join(', ');
  const single = progress.total === 1 && progress.pages;
  return (
    <div className="progress" role="status" aria-live="polite">
      <progress
        max={single ? progress.pages.total : progress.total}
        value={single ? progress.pages.done : progress.done}
        aria-label={single ? 'Pages read' : 'Files imported'}
      />
      <span className="progress-text">
        {progress.total === 1 ? (
          <>
            1 of 1: {reading}
            {progress.pages && ` (page ${progress.pages.done} of ${progress.pages.total})`}
          </>
        ) : (
          <>
            {progress.done} of {progress.total} files
            {progress.duplicates.length > 0 &&
              `, ${plural(progress.duplicates.length, 'duplicate')} skipped`}
            {progress.failures.length > 0 && `, ${progress.failures.length} failed`}
            {reading && <span className="progress-current">: {reading}</span>}
          </>
        )}
      </span>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function ImportSummary({
  progress,
  onDismiss,
}: {
  progress: ImportProgress;
  onDismiss: () => void;
}) {
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    region.current?.focus();
  }, []);
  const { imported, duplicates, failures, notImported, cancelled, total } = progress;
  const parts = [
    `${imported} imported`,
    duplicates.length > 0 ? `${plural(duplicates.length, 'duplicate')} skipped` : null,
    failures.length > 0 ? `${failures.length} could not be read` : null,
    notImported > 0 ? `${notImported} not imported` : null,
  ].filter((p) => p !== null);
  return (
    <section
      ref={region}
      tabIndex={-1}
      className={`import-summary${failures.length > 0 ? ' has-failures' : ''}`}
      aria-labelledby="import-summary-title"
    >
      <header>
        <h2 id="import-summary-title">
          {cancelled ? 'Import cancelled' : 'Import finished'}: {plural(total, 'file')}
        </h2>
        <button type="button" className="btn" onClick={onDismiss}>
          Dismiss
        </button>
      </header>
      <p>
        {parts.join(', ')}.
        {cancelled && notImported > 0 && ' What was imported before you cancelled is kept.'}
      </p>
      {failures.length > 0 && (
        <>
          <h3>Could not be read</h3>
          <ul className="import-failures" aria-label="Files that could not be read">
            {failures.map((f) => (
              <li key={f.name}>
                <span className="import-file">{f.name}</span>: {f.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {duplicates.length > 0 && (
        <details>
          <summary>
            {plural(duplicates.length, 'duplicate')} not imported again (same SHA-256)
          </summary>
          <ul aria-label="Duplicates">
            {duplicates.map((d) => (
              <li key={d.name}>
                <span className="import-file">{d.name}</span>: same file as {d.sameAs}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
