// One page of the previewed document with the new pack's matches highlighted, the chosen one
// selected and scrolled into view: the preview's "jump to the match". A document with no pages
// of its own (a Word file, web page) shows its stored text with the matches marked by offsets.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, Quad } from '../../shared/model/finding';
import type { OpenedPdf } from '../pdf/load-document';
import type { Mark } from '../viewer/marks';
import { NearViewport } from '../viewer/near-viewport';
import { PageView } from '../viewer/PageView';
import { TextView } from '../viewer/TextView';
import { quadsOnPage, type Preview } from './preview';

interface Props {
  /** The previewed document's original, opening or open; null for a document shown as text. */
  readonly pdf: Promise<OpenedPdf | null>;
  readonly preview: Preview;
  readonly match: Finding;
  readonly onSelect: (id: string) => void;
}

/** The page's document and the quads of its matches (null: the page's text has changed). */
type Placed =
  | { readonly kind: 'placing' }
  | {
      readonly kind: 'placed';
      readonly doc: PDFDocumentProxy;
      readonly quads: Map<string, Quad[]> | null;
    }
  | { readonly kind: 'text' }
  | { readonly kind: 'failed'; readonly message: string };

const SCALE = 1;
const A4 = { width: 595, height: 842 };

export function PreviewPage(props: Props) {
  const { pdf, preview, match } = props;
  const [placed, setPlaced] = useState<{ page: number; placed: Placed } | null>(null);
  useEffect(() => {
    let current = true;
    // A function, so the checks after each await are not narrowed away by the type checker.
    const isCurrent = (): boolean => current;
    void (async () => {
      try {
        const opened = await pdf;
        if (opened === null) {
          if (isCurrent()) setPlaced({ page: match.page, placed: { kind: 'text' } });
          return;
        }
        const quads = await quadsOnPage(opened, preview, match.page);
        if (isCurrent())
          setPlaced({ page: match.page, placed: { kind: 'placed', doc: opened.doc, quads } });
      } catch (error) {
        if (isCurrent()) {
          const message = (error as Error).message;
          setPlaced({ page: match.page, placed: { kind: 'failed', message } });
        }
      }
    })();
    return () => {
      current = false;
    };
  }, [pdf, preview, match.page]);
  const state: Placed = placed?.page === match.page ? placed.placed : { kind: 'placing' };
  if (state.kind === 'placing') {
    return (
      <p className="preview-hint muted" role="status">
        Opening page {match.page}…
      </p>
    );
  }
  if (state.kind === 'failed') {
    return (
      <p className="preview-hint doc-error" role="alert">
        Page {match.page} could not be shown: {state.message}
      </p>
    );
  }
  if (state.kind === 'text') return <PlacedText {...props} />;
  return <PlacedPage {...props} doc={state.doc} quads={state.quads} />;
}

function previewMark(m: Finding, quads: Quad[]): Mark {
  return {
    id: m.id,
    page: m.page,
    quads,
    span: { start: m.start, end: m.end },
    tone: m.severity,
    negated: m.negated,
    label: `Preview match, ${m.severity}: ${m.title}: "${m.quote}"`,
  };
}

function PlacedText({ preview, match, onSelect }: Props) {
  const pane = useRef<HTMLDivElement>(null);
  const pages = useMemo(
    () => [{ page: match.page, text: preview.texts.get(match.page) ?? '' }],
    [preview.texts, match.page],
  );
  const marksByPage = useMemo(
    () =>
      new Map([
        [
          match.page,
          preview.matches.filter((m) => m.page === match.page).map((m) => previewMark(m, [])),
        ],
      ]),
    [preview.matches, match.page],
  );
  const reveal = useCallback(() => {
    pane.current
      ?.querySelector<HTMLElement>(`[data-mark="${CSS.escape(match.id)}"]`)
      ?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [match.id]);
  useEffect(reveal, [reveal]);
  return (
    <div
      className="preview-page"
      ref={pane}
      role="region"
      aria-label={`Page ${match.page} with the preview matches`}
    >
      <TextView
        pages={pages}
        marksByPage={marksByPage}
        findHit={null}
        selectedId={match.id}
        scale={SCALE}
        onSelect={onSelect}
        onHover={ignore}
        onShown={reveal}
      />
    </div>
  );
}

function PlacedPage({
  doc,
  quads,
  preview,
  match,
  onSelect,
}: Props & { doc: PDFDocumentProxy; quads: Map<string, Quad[]> | null }) {
  const [nearViewport] = useState(() => new NearViewport());
  useEffect(() => () => nearViewport.disconnect(), [nearViewport]);
  const pane = useRef<HTMLDivElement>(null);

  const marks = useMemo(
    () =>
      preview.matches
        .filter((m) => m.page === match.page)
        .map((m) => previewMark(m, quads?.get(m.id) ?? [])),
    [preview.matches, match.page, quads],
  );

  const reveal = useCallback(() => {
    // The highlight exists once the page is drawn; the frame after that it can be scrolled to.
    requestAnimationFrame(() => {
      pane.current
        ?.querySelector<HTMLElement>(`[data-mark="${CSS.escape(match.id)}"]`)
        ?.scrollIntoView({ block: 'center', inline: 'nearest' });
    });
  }, [match.id]);
  useEffect(reveal, [reveal]);

  return (
    <div
      className="preview-page"
      ref={pane}
      role="region"
      aria-label={`Page ${match.page} with the preview matches`}
    >
      {quads === null && (
        <p className="banner warning" role="status">
          The matches cannot be placed on this page: the text its text layer gives now is not the
          text stored when it was analysed (a scanned page read by OCR, or a document analysed by an
          earlier version). Their quotes are listed beside it.
        </p>
      )}
      <PageView
        key={match.page}
        doc={doc}
        pageNumber={match.page}
        nearViewport={nearViewport}
        onShown={reveal}
        scale={SCALE}
        fallbackSize={A4}
        marks={marks}
        findQuads={NO_QUADS}
        selectedId={match.id}
        onSelect={onSelect}
        onHover={ignore}
        onTextSelected={ignore}
      />
    </div>
  );
}

const NO_QUADS: [] = [];
function ignore(): void {
  // The preview page is for looking only: no tooltips and no highlights of the reviewer's own.
}
