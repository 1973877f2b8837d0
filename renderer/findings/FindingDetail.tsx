// The selected finding (or the reviewer's own highlight): why it matters, its sentence, triage
// status and a note, both saved at once with a visible saved state.
import { useEffect, useState } from 'react';
import {
  TRIAGE_STATUSES,
  type Note,
  type StoredFinding,
  type TriageStatus,
} from '../../shared/model/library';
import { CATEGORY_LABELS } from '../../shared/model/taxonomy';
import { isLowOcrConfidence } from '../../shared/ocr/ocr-text';
import { call } from '../app/api';
import { References } from '../app/References';
import { NoteEditor } from '../notes/NoteEditor';
import { noteFor, type Mark } from '../viewer/marks';

interface Props {
  readonly sha256: string;
  readonly mark: Mark;
  readonly notes: readonly Note[];
  readonly onChanged: () => Promise<void>;
}

const STATUS_LABEL: Record<TriageStatus, string> = {
  'needs-review': 'Needs review',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
};

/** A finding on a scanned page: how sure OCR was of the quoted words; low asks for a look. */
function OcrConfidence({ value }: { readonly value: number }) {
  const low = isLowOcrConfidence({ ocrConfidence: value });
  return (
    <div className={low ? 'ocr-confidence low' : 'ocr-confidence'} role={low ? 'note' : undefined}>
      Read by OCR from a scanned page, confidence {Math.round(value * 100)}%
      {low && ': low, so check the quote against the page'}
    </div>
  );
}

export function FindingDetail({ sha256, mark, notes, onChanged }: Props) {
  const stored = mark.finding;
  const f = stored?.finding;
  const [status, setStatus] = useState<TriageStatus>(stored?.status ?? 'needs-review');
  const [statusError, setStatusError] = useState<string | null>(null);
  // The sentence and provenance come for the selected finding only.
  const [full, setFull] = useState<StoredFinding | null>(null);
  useEffect(() => {
    if (!stored) return;
    let current = true;
    void call('finding:get', { sha256, findingId: mark.id }).then(
      (value) => current && setFull(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [sha256, mark.id, stored]);

  const changeStatus = async (next: TriageStatus) => {
    const before = status;
    setStatus(next);
    try {
      await call('finding:setStatus', { sha256, findingId: mark.id, status: next });
      setStatusError(null);
      await onChanged();
    } catch (error) {
      setStatus(before);
      setStatusError(`The status was not saved: ${(error as Error).message}`);
    }
  };

  return (
    <section className="detail" aria-label="Selected finding">
      {f ? (
        <>
          <h2>
            <span className={`chip ${f.severity}`}>{f.severity}</span> {mark.rule?.title}
          </h2>
          <div className="meta">
            {CATEGORY_LABELS[f.category]} · page {f.page} ·{' '}
            {f.negated
              ? `denied in the text ("${f.cue ?? ''}")`
              : f.hedged
                ? `${f.polarity.replace('_', ' ')} ("${f.cue ?? ''}")`
                : 'claimed'}
            {f.vendor && ` · ${f.vendor.name}: ${f.vendor.evidence}`}
          </div>
          <blockquote>{full?.finding.sentence ?? f.quote}</blockquote>
          {full?.finding.ocrConfidence !== undefined && (
            <OcrConfidence value={full.finding.ocrConfidence} />
          )}
          <p>{mark.rule?.explanation}</p>
          {mark.rule && <References references={mark.rule.references} />}
          <div role="radiogroup" aria-label="Status" className="segmented">
            {TRIAGE_STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={status === s}
                onClick={() => void changeStatus(s)}
              >
                {STATUS_LABEL[s]}
              </button>
            ))}
          </div>
          {statusError && (
            <div className="save-state error" role="alert">
              {statusError}
            </div>
          )}
          {full && (
            <div className="save-state">
              Found by engine {full.engine}, rule {f.ruleId} in pack {f.rulePack} (SHA-256{' '}
              {full.rulePackSha256.slice(0, 12)}…)
            </div>
          )}
          {stored.statusBy && stored.statusAt && (
            <div className="save-state">
              {STATUS_LABEL[stored.status]} by {stored.statusBy},{' '}
              {new Date(stored.statusAt).toLocaleString()}
            </div>
          )}
        </>
      ) : (
        <>
          <h2>Your highlight, page {mark.page}</h2>
          <blockquote>{mark.highlight?.quote}</blockquote>
          <button
            type="button"
            className="btn"
            onClick={() =>
              void call('highlights:remove', { sha256, highlightId: mark.id }).then(() =>
                onChanged(),
              )
            }
          >
            Remove highlight
          </button>
        </>
      )}
      <NoteEditor
        sha256={sha256}
        targetId={mark.id}
        note={noteFor(notes, mark.id)}
        onSaved={onChanged}
      />
    </section>
  );
}
