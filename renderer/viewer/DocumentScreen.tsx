// A document under review: its verification state, pages with highlights, zoom and find, and
// the findings panel with triage and notes beside it.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import {
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ExportFormat, MenuCommand } from '../../shared/ipc/contract';
import type { Quad } from '../../shared/model/finding';
import type { DocumentView } from '../../shared/model/library';
import { ApiError, call, readOriginal } from '../app/api';
import { renderReportCrops } from '../export/crops';
import { ExportControl } from '../export/ExportControl';
import { FindingsPanel } from '../findings/FindingsPanel';
import { describeKind, inputKind, openPdfOrImage } from '../input/open-input';
import { analyseStored } from '../pdf/analyse-document';
import { type OpenedPdf, type PasswordPrompt } from '../pdf/load-document';
import { FindBar, type FindHit } from './FindBar';
import { marksOf, type Mark } from './marks';
import { NearViewport } from './near-viewport';
import { PageView } from './PageView';
import { TextView } from './TextView';
import { Tooltip } from './Tooltip';

interface Props {
  readonly sha256: string;
  readonly menuCommand: { command: MenuCommand; at: number } | null;
  readonly askPassword: PasswordPrompt;
  readonly onClose: () => void;
  /** True in Electron, whose menus own the shortcuts for zoom, find and F8. */
  readonly nativeMenus: boolean;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** How wide an image's page is drawn at 100%, in CSS pixels (a Letter page's 612 points). */
const IMAGE_PAGE_WIDTH = 612;

/** The largest zoom step not above `ratio`, and never above 125% to start with. */
function fitZoom(ratio: number): number {
  return [...ZOOMS].reverse().find((z) => z <= Math.min(ratio, 1.25)) ?? ZOOMS[0]!;
}

export function DocumentScreen({ sha256, menuCommand, askPassword, onClose, nativeMenus }: Props) {
  const [detail, setDetail] = useState<DocumentView | null>(null);
  const [pdf, setPdf] = useState<OpenedPdf | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoom, setZoom] = useState(1.25);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hover, setHover] = useState<{ mark: Mark; anchor: DOMRect } | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [findHit, setFindHit] = useState<FindHit | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  /** File > Export Report… opens the export dialog on the PDF report. */
  const [exportFormat, setExportFormat] = useState<ExportFormat | undefined>(undefined);
  const [fallbackSize, setFallbackSize] = useState({ width: 595, height: 842 });
  /** A Word file, web page or plain text: its stored page texts, shown as text (TextView). */
  const [texts, setTexts] = useState<{ page: number; text: string }[] | null>(null);
  /** What the original is when it is not a PDF ("a PNG image"): no annotated copy of it. */
  const [notPdf, setNotPdf] = useState<string | undefined>(undefined);
  /**
   * Points a page unit is drawn as at 100%: 1 for a PDF; for an image (one unit a pixel) less,
   * so that a 4000-pixel photo opens as a page about as wide as a Letter page, not a wall.
   */
  const [unit, setUnit] = useState(1);
  const pagesRef = useRef<HTMLDivElement>(null);

  const reload = useCallback(async () => {
    setDetail(await call('document:get', { sha256 }));
  }, [sha256]);

  useEffect(() => {
    let opened: OpenedPdf | null = null;
    let cancelled = false;
    // A function, so the checks after each await are not narrowed away by the type checker.
    const isCancelled = (): boolean => cancelled;
    void (async () => {
      try {
        // The pages open while the findings come. Main verifies the bytes as it serves them; a
        // verification failure shows in the detail instead.
        // An image opens as a one-page PDF made from it; text (Word, web page) has no pages.
        const original = { image: false };
        const early = readOriginal(sha256)
          .then((bytes) => {
            const kind = inputKind(bytes, '');
            original.image = kind === 'image';
            if (kind !== 'pdf') setNotPdf(describeKind(bytes, ''));
            return kind === 'text' ? null : openPdfOrImage(bytes, '', askPassword);
          })
          .then((pdf) => {
            // Closed at once if the screen went away while it opened.
            if (isCancelled()) void pdf?.close();
            return (opened = pdf);
          });
        early.catch(() => undefined);
        let current = await call('document:get', { sha256 });
        if (current.verification !== 'verified') {
          setDetail(current);
          return;
        }
        if (current.meta.state === 'pending') {
          await analyseStored(current.meta, { askPassword, signal: new AbortController().signal });
          current = await call('document:get', { sha256 });
        }
        if (isCancelled()) return;
        setDetail(current);
        if (current.meta.state === 'failed') return;
        try {
          opened = await early;
        } catch (e) {
          // The original changed or went missing since the detail was read: show it as such.
          if (!(e instanceof ApiError && e.code === 'VERIFICATION_FAILED')) throw e;
          if (!isCancelled()) setDetail(await call('document:get', { sha256 }));
          return;
        }
        if (opened === null) {
          const stored = await call('document:pages', { sha256 });
          if (!isCancelled()) setTexts(stored);
          return;
        }
        if (isCancelled()) {
          void opened.close();
          return;
        }
        const first = await opened.doc.getPage(1);
        const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = first.view;
        setFallbackSize({ width: x1 - x0, height: y1 - y0 });
        const pageUnit = original.image ? Math.min(1, IMAGE_PAGE_WIDTH / (x1 - x0)) : 1;
        setUnit(pageUnit);
        // Open at a zoom where the page fits the width available, up to 125%.
        const room = (pagesRef.current?.clientWidth ?? 0) - 40;
        if (room > 0) setZoom(fitZoom(room / ((x1 - x0) * pageUnit)));
        setPdf(opened);
      } catch (e) {
        if (!isCancelled()) setError((e as Error).message);
      }
    })();
    return () => {
      cancelled = true;
      void opened?.close();
    };
  }, [sha256, askPassword]);

  const marks = useMemo(() => (detail ? marksOf(detail) : []), [detail]);
  // The first page is drawn alone. Every other page, then the findings list (thousands of rows
  // in a long datasheet), are laid out after it, each in a transition once the browser has
  // painted what came before, so neither holds up the first page nor blocks the screen long.
  const [laidOut, setLaidOut] = useState<'first page' | 'pages' | 'all'>('first page');
  const onFirstShown = useCallback(() => {
    afterNextPaint(() => {
      startTransition(() => setLaidOut((l) => (l === 'first page' ? 'pages' : l)));
    });
  }, []);
  useEffect(() => {
    if (laidOut !== 'pages') return undefined;
    return afterNextPaint(() => startTransition(() => setLaidOut('all')));
  }, [laidOut]);
  const panelDetail = useDeferredValue(detail);
  const panelMarks = useDeferredValue(marks);
  const pagesWillShow = detail?.verification === 'verified' && detail.meta.state !== 'failed';
  const marksByPage = useMemo(() => {
    const byPage = new Map<number, Mark[]>();
    for (const m of marks) {
      const list = byPage.get(m.page);
      if (list) list.push(m);
      else byPage.set(m.page, [m]);
    }
    return byPage;
  }, [marks]);

  const jumpTo = useCallback(
    (id: string) => {
      setSelectedId(id);
      const mark = marks.find((m) => m.id === id);
      if (!mark || !pagesRef.current) return;
      const slot = pagesRef.current.querySelector<HTMLElement>(`[data-page="${mark.page}"]`);
      slot?.scrollIntoView({ block: 'center' });
      // The page may render only now; focus the highlight once it is drawn.
      window.setTimeout(() => {
        pagesRef.current
          ?.querySelector<HTMLElement>(`[data-mark="${CSS.escape(id)}"]`)
          ?.focus({ preventScroll: false });
      }, 150);
    },
    [marks],
  );

  const step = useCallback(
    (delta: number) => {
      if (marks.length === 0) return;
      const at = marks.findIndex((m) => m.id === selectedId);
      const next =
        at < 0 ? (delta > 0 ? 0 : marks.length - 1) : (at + delta + marks.length) % marks.length;
      jumpTo(marks[next]!.id);
    },
    [marks, selectedId, jumpTo],
  );

  const zoomBy = useCallback((direction: number) => {
    setZoom((z) => {
      const i = ZOOMS.indexOf(z);
      return ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (i < 0 ? 3 : i) + direction))]!;
    });
  }, []);

  useEffect(() => {
    if (!menuCommand) return;
    const actions: Partial<Record<MenuCommand, () => void>> = {
      'zoom-in': () => zoomBy(1),
      'zoom-out': () => zoomBy(-1),
      'zoom-reset': () => setZoom(1),
      find: () => setFindOpen(true),
      'next-finding': () => step(1),
      'previous-finding': () => step(-1),
      export: () => {
        setExportFormat(undefined);
        setExportOpen(true);
      },
      'export-report': () => {
        setExportFormat('report-pdf');
        setExportOpen(true);
      },
      'export-bundle': () => {
        setExportFormat('bundle');
        setExportOpen(true);
      },
    };
    actions[menuCommand.command]?.();
    // Each command acts once, when it arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [menuCommand]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLTextAreaElement ||
        e.target instanceof HTMLSelectElement;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      // Where native menus exist (Electron), their accelerators send these as menu commands.
      if (!nativeMenus) {
        const shortcut: Record<string, () => void> = {
          f: () => setFindOpen(true),
          '=': () => zoomBy(1),
          '+': () => zoomBy(1),
          '-': () => zoomBy(-1),
          '0': () => setZoom(1),
        };
        const action = mod ? shortcut[key] : undefined;
        if (action) {
          e.preventDefault();
          action();
          return;
        }
        if (e.key === 'F8') {
          e.preventDefault();
          step(e.shiftKey ? -1 : 1);
          return;
        }
      }
      if (typing || mod) return;
      if (key === 'n' || key === 'j') step(1);
      else if (key === 'p' || key === 'k') step(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, zoomBy, nativeMenus]);

  const addHighlight = useCallback(
    async (page: number, quote: string, quads: Quad[]) => {
      const highlight = await call('highlights:add', {
        sha256,
        page,
        quote: quote.slice(0, 10_000),
        quads: quads.slice(0, 500),
      });
      await reload();
      setSelectedId(highlight.id);
      window.getSelection()?.removeAllRanges();
    },
    [sha256, reload],
  );
  const onTextSelected = useCallback(
    (page: number, quote: string, quads: Quad[]) => void addHighlight(page, quote, quads),
    [addHighlight],
  );

  // Reads the document again with the rule packs enabled now (the Rules screen); findings that
  // stay keep their triage and notes (saveAnalysis).
  const [reanalysing, setReanalysing] = useState(false);
  const reanalyse = useCallback(async () => {
    if (detail === null) return;
    setReanalysing(true);
    try {
      await analyseStored(detail.meta, { askPassword, signal: new AbortController().signal });
      await reload();
    } catch (e) {
      setError(`The document could not be read again: ${(e as Error).message}`);
    } finally {
      setReanalysing(false);
    }
  }, [detail, askPassword, reload]);

  const onHover = useCallback((mark: Mark | null, anchor: DOMRect | null) => {
    setHover(mark && anchor ? { mark, anchor } : null);
  }, []);

  if (error) {
    return (
      <div className="banner error" role="alert">
        {error}{' '}
        <button type="button" className="btn" onClick={onClose}>
          Back to the library
        </button>
      </div>
    );
  }
  if (detail === null)
    return (
      <p className="library" aria-live="polite">
        Opening the document…
      </p>
    );

  return (
    <>
      {detail.verification !== 'verified' && (
        <div className="banner error" role="alert">
          Verification failed: the stored original of {detail.meta.fileName}{' '}
          {detail.verification === 'missing' ? 'is missing' : 'no longer matches its SHA-256'} (
          {sha256}). It is not shown, so that nothing is reviewed on altered evidence.
        </div>
      )}
      {detail.meta.state === 'failed' && (
        <div className="banner error" role="alert">
          {detail.meta.fileName} could not be read: {detail.meta.error}
        </div>
      )}
      {detail.meta.state === 'analysed' && detail.warnings.length > 0 && (
        // Pages not checked, or read by OCR (and how sure it was): a reviewer must know.
        <section className="banner warning doc-warnings" aria-label="How this document was read">
          <strong>Read with care:</strong>
          <ul>
            {detail.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="doc-toolbar" role="toolbar" aria-label="Document">
        <strong>{detail.meta.fileName}</strong>
        <span className="tag" title={sha256}>
          SHA-256 {sha256.slice(0, 12)}…
        </span>
        <button type="button" className="btn" aria-label="Zoom out" onClick={() => zoomBy(-1)}>
          −
        </button>
        <span aria-live="polite">{Math.round(zoom * 100)}%</span>
        <button type="button" className="btn" aria-label="Zoom in" onClick={() => zoomBy(1)}>
          +
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setFindOpen((v) => !v)}
          aria-pressed={findOpen}
        >
          Find
        </button>
        <button
          type="button"
          className="btn"
          aria-label="Previous finding"
          onClick={() => step(-1)}
        >
          ↑ Previous
        </button>
        <button type="button" className="btn" aria-label="Next finding" onClick={() => step(1)}>
          ↓ Next
        </button>
        <button
          type="button"
          className="btn"
          disabled={reanalysing || detail.verification !== 'verified'}
          title="Read this document again with the rule packs enabled now"
          onClick={() => void reanalyse()}
        >
          {reanalysing ? 'Re-analysing…' : 'Re-analyse'}
        </button>
        <ExportControl
          sha256={sha256}
          fileName={detail.meta.fileName}
          disabled={detail.verification !== 'verified' || detail.meta.state !== 'analysed'}
          open={exportOpen}
          onOpenChange={setExportOpen}
          nativeSave={nativeMenus}
          preferredFormat={exportFormat}
          notPdf={notPdf}
          {...(pdf
            ? { drawCrops: (progress) => renderReportCrops(pdf.doc, detail, progress) }
            : {})}
        />
        <Legend />
      </div>
      {findOpen && (pdf || texts) && (
        <FindBar
          {...(pdf ? { doc: pdf.doc } : {})}
          {...(texts ? { texts } : {})}
          onHit={setFindHit}
          onClose={() => {
            setFindOpen(false);
            setFindHit(null);
          }}
          scrollTo={(page) =>
            pagesRef.current
              ?.querySelector(`[data-page="${page}"]`)
              ?.scrollIntoView({ block: 'center' })
          }
        />
      )}
      <div className="document">
        <div className="pages" ref={pagesRef} aria-label="Pages" tabIndex={-1}>
          {pdf ? (
            <Pages
              doc={pdf.doc}
              count={laidOut === 'first page' ? 1 : pdf.doc.numPages}
              onFirstShown={onFirstShown}
              zoom={zoom * unit}
              fallbackSize={fallbackSize}
              marksByPage={marksByPage}
              findHit={findHit}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onHover={onHover}
              onTextSelected={onTextSelected}
            />
          ) : texts ? (
            <TextView
              pages={texts}
              marksByPage={marksByPage}
              findHit={findHit}
              selectedId={selectedId}
              scale={zoom}
              onSelect={setSelectedId}
              onHover={onHover}
              onShown={onFirstShown}
            />
          ) : (
            detail.verification === 'verified' &&
            detail.meta.state !== 'failed' && <p aria-live="polite">Loading pages…</p>
          )}
        </div>
        {panelDetail && (laidOut === 'all' || !pagesWillShow) && (
          <FindingsPanel
            sha256={sha256}
            detail={panelDetail}
            marks={panelMarks}
            selectedId={selectedId}
            onSelect={jumpTo}
            onChanged={reload}
          />
        )}
      </div>
      {hover && <Tooltip mark={hover.mark} anchor={hover.anchor} />}
    </>
  );
}

/**
 * Runs `task` once the browser has painted the next frame (a task queued from a frame callback);
 * returns a function that cancels it.
 */
function afterNextPaint(task: () => void): () => void {
  let timer: number | undefined;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
}

function Pages(props: {
  doc: PDFDocumentProxy;
  /** How many pages, from the first, are laid out. */
  count: number;
  onFirstShown: () => void;
  zoom: number;
  fallbackSize: { width: number; height: number };
  marksByPage: Map<number, Mark[]>;
  findHit: FindHit | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onHover: (mark: Mark | null, anchor: DOMRect | null) => void;
  onTextSelected: (page: number, quote: string, quads: Quad[]) => void;
}) {
  const [nearViewport] = useState(() => new NearViewport());
  useEffect(() => () => nearViewport.disconnect(), [nearViewport]);
  const numbers = useMemo(
    () => Array.from({ length: props.count }, (_, i) => i + 1),
    [props.count],
  );
  return (
    <>
      {numbers.map((n) => (
        <PageView
          key={n}
          doc={props.doc}
          pageNumber={n}
          nearViewport={nearViewport}
          onShown={n === 1 ? props.onFirstShown : undefined}
          scale={props.zoom}
          fallbackSize={props.fallbackSize}
          marks={props.marksByPage.get(n) ?? EMPTY}
          findQuads={props.findHit?.page === n ? props.findHit.quads : EMPTY_QUADS}
          selectedId={props.selectedId}
          onSelect={props.onSelect}
          onHover={props.onHover}
          onTextSelected={props.onTextSelected}
        />
      ))}
    </>
  );
}

const EMPTY: Mark[] = [];
const EMPTY_QUADS: Quad[] = [];

function Legend() {
  return (
    <span className="legend" aria-label="Highlight colours">
      {(['prohibited', 'high', 'medium', 'low'] as const).map((s) => (
        <span key={s}>
          <i className={`hl ${s}`} />
          {s}
        </span>
      ))}
      <span>
        <i className="hl user" />
        yours
      </span>
      <span>
        <i className="hl high negated" />
        denied
      </span>
    </span>
  );
}
