// Export of the open document: the toolbar button and File > Export… open a dialog with the
// format choice; main builds the file (the same code as `claimlens export`) and saves it, through
// a save dialog in Electron or into the Downloads folder in the Chromium host, and says where.
// What needs the PDF parsed is made here in the sandbox and sent with the request: the report's
// page images (crops.ts) and the annotated copy (annotated-copy.ts), which main only checks.
import { useEffect, useRef, useState } from 'react';
import type {
  AnnotatedCopyUpload,
  ExportFormat,
  ExportOutcome,
  ReportCropUpload,
} from '../../shared/ipc/contract';
import { call } from '../app/api';
import { buildAnnotatedCopy } from './annotated-copy';
import type { DrawnCrops } from './crops';

const FORMATS: readonly { id: ExportFormat; label: string; detail: string }[] = [
  {
    id: 'annotated-pdf',
    label: 'Annotated PDF copy',
    detail:
      'The original with a highlight per finding and per highlight of yours, notes in each; ' +
      'its first bytes are the original, unchanged.',
  },
  {
    id: 'w3c',
    label: 'W3C Web Annotations (JSON-LD)',
    detail: 'For annotation tools: each finding and note with the quote, its page and position.',
  },
  {
    id: 'csv',
    label: 'CSV spreadsheet',
    detail: 'One row per finding and highlight: page, quote, rule, severity, status, notes.',
  },
  { id: 'json', label: 'JSON', detail: 'The same rows, with the document’s hash and provenance.' },
  {
    id: 'report-pdf',
    label: 'Evidence report (PDF)',
    detail:
      'For a colleague or a court: identity and hashes, a chart, each finding with its quote, ' +
      'an image of the page, why it matters, triage and notes.',
  },
  {
    id: 'report-html',
    label: 'Evidence report (HTML)',
    detail: 'The same report as one self-contained web page that prints well.',
  },
  {
    id: 'bundle',
    label: 'Evidence bundle (.zip)',
    detail:
      'Everything to hand on: the original, annotated copy, both reports, annotations, CSV and ' +
      'JSON, the audit log, and a manifest of SHA-256 hashes that claimlens verify checks.',
  },
];

/** Formats whose page images the renderer draws before asking main for the file. */
const REPORT_FORMATS: ReadonlySet<ExportFormat> = new Set(['report-pdf', 'report-html', 'bundle']);
/** Formats holding the annotated PDF copy, which the renderer builds (main parses no PDF). */
const ANNOTATED_FORMATS: ReadonlySet<ExportFormat> = new Set(['annotated-pdf', 'bundle']);

interface Props {
  readonly sha256: string;
  readonly fileName: string;
  readonly disabled: boolean;
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  /** Electron asks where to save; the Chromium host saves into Downloads. */
  readonly nativeSave: boolean;
  /** The format selected when the dialog opens (File > Export Report… asks for the report). */
  readonly preferredFormat?: ExportFormat;
  /**
   * What the original is when it is not a PDF ("a Word file", "a PNG image"): the annotated copy,
   * an update appended to the original PDF's own bytes, cannot be made of it.
   */
  readonly notPdf?: string | undefined;
  /**
   * Draws the report's page images here in the sandbox (renderer/export/crops.ts), and names the
   * pages it could not draw.
   */
  readonly drawCrops?: (onProgress: (done: number, total: number) => void) => Promise<DrawnCrops>;
}

type State =
  | { readonly kind: 'choosing' }
  | { readonly kind: 'working'; readonly progress?: string }
  | { readonly kind: 'done'; readonly outcome: ExportOutcome }
  | { readonly kind: 'failed'; readonly message: string };

export function ExportControl({
  sha256,
  fileName,
  disabled,
  open,
  onOpenChange,
  nativeSave,
  preferredFormat,
  notPdf,
  drawCrops,
}: Props) {
  const [format, setFormat] = useState<ExportFormat>('annotated-pdf');
  const [state, setState] = useState<State>({ kind: 'choosing' });
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) {
      setState({ kind: 'choosing' });
      if (preferredFormat) setFormat(preferredFormat);
      // A file that is not a PDF has no annotated copy: the first format it has is chosen.
      else if (notPdf !== undefined) setFormat((f) => (f === 'annotated-pdf' ? 'w3c' : f));
      first.current?.focus();
    }
  }, [open, preferredFormat, notPdf]);
  const unavailable = (id: ExportFormat): boolean => notPdf !== undefined && id === 'annotated-pdf';

  const run = async (): Promise<void> => {
    setState({ kind: 'working' });
    try {
      let crops: ReportCropUpload[] | undefined;
      let undrawnPages: number[] = [];
      if (REPORT_FORMATS.has(format) && drawCrops) {
        const drawn = await drawCrops((done, total) =>
          setState({ kind: 'working', progress: `Drawing page images: ${done} of ${total}` }),
        );
        crops = drawn.crops;
        undrawnPages = drawn.failedPages;
      }
      let annotated: AnnotatedCopyUpload | undefined;
      if (ANNOTATED_FORMATS.has(format) && notPdf !== undefined) {
        // The bundle goes without the copy, and its manifest says why.
        annotated = { error: noCopyReason(fileName, notPdf) };
      } else if (ANNOTATED_FORMATS.has(format)) {
        setState({ kind: 'working', progress: 'Building the annotated copy…' });
        annotated = await buildAnnotatedCopy(sha256);
      }
      if (crops || (annotated && !('error' in annotated))) {
        const what =
          format === 'bundle' ? 'bundle' : format === 'annotated-pdf' ? 'copy' : 'report';
        setState({ kind: 'working', progress: `Writing the ${what}…` });
      }
      const outcome = await call('document:export', {
        sha256,
        format,
        ...(crops ? { crops } : {}),
        ...(undrawnPages.length > 0 ? { undrawnPages } : {}),
        ...(annotated ? { annotated } : {}),
      });
      if (outcome.saved) setState({ kind: 'done', outcome });
      // The user cancelled the save dialog: nothing was written, nothing to say.
      else onOpenChange(false);
    } catch (e) {
      setState({ kind: 'failed', message: (e as Error).message });
    }
  };

  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={disabled}
        title="Export the findings and notes: annotated PDF copy, W3C annotations, CSV or JSON"
        onClick={() => onOpenChange(true)}
      >
        Export…
      </button>
      {open && (
        <div className="modal-backdrop">
          <form
            className="modal export-dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="export-title"
            onSubmit={(e) => {
              e.preventDefault();
              if (state.kind === 'done') onOpenChange(false);
              else void run();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && state.kind !== 'working') onOpenChange(false);
            }}
          >
            <h2 id="export-title">Export {fileName}</h2>
            {state.kind === 'done' ? (
              <div role="status" className="export-result">
                <p>
                  Saved <strong>{state.outcome.fileName}</strong> in
                </p>
                <p className="export-path">{state.outcome.path}</p>
                <p className="muted">{state.outcome.summary}.</p>
                {state.outcome.warnings.length > 0 && (
                  <ul className="export-warnings">
                    {state.outcome.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
              </div>
            ) : (
              <fieldset className="export-formats" disabled={state.kind === 'working'}>
                <legend>Format</legend>
                {FORMATS.map((f) => (
                  <label key={f.id} className={unavailable(f.id) ? 'unavailable' : undefined}>
                    <input
                      ref={f.id === FORMATS.find((g) => !unavailable(g.id))?.id ? first : undefined}
                      type="radio"
                      name="export-format"
                      value={f.id}
                      checked={format === f.id}
                      disabled={unavailable(f.id)}
                      onChange={() => setFormat(f.id)}
                    />
                    <span>
                      <strong>{f.label}</strong>
                      <small>
                        {unavailable(f.id) ? noCopyReason(fileName, notPdf ?? '') : f.detail}
                      </small>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            {state.kind === 'failed' && (
              <p role="alert" className="export-error">
                {state.message}
              </p>
            )}
            {state.kind === 'working' && state.progress !== undefined && (
              <p role="status" className="export-progress">
                {state.progress}
              </p>
            )}
            {state.kind !== 'done' && (
              <p className="muted">
                {nativeSave
                  ? 'You choose where to save it next.'
                  : 'It is saved in your Downloads folder; an earlier export is never replaced.'}
              </p>
            )}
            <div className="actions">
              {state.kind === 'done' ? (
                <button type="submit" className="btn primary">
                  Close
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    className="btn"
                    disabled={state.kind === 'working'}
                    onClick={() => onOpenChange(false)}
                  >
                    Cancel
                  </button>
                  <button type="submit" className="btn primary" disabled={state.kind === 'working'}>
                    {state.kind === 'working' ? 'Exporting…' : 'Export'}
                  </button>
                </>
              )}
            </div>
          </form>
        </div>
      )}
    </>
  );
}

/** Why a file that is not a PDF has no annotated copy, and what to choose instead. */
function noCopyReason(fileName: string, what: string): string {
  return (
    `Not for this file: ${fileName} is ${what}, not a PDF, and the annotated copy is added to ` +
    "a PDF's own bytes. Every finding, note and triage decision is in the other formats."
  );
}
