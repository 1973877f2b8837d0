// One page: a placeholder of the right size until it comes near the viewport, then pdf.js's
// canvas, its selectable text layer and the highlights; its canvas is dropped again when the
// page scrolls far away, so a 400-page datasheet keeps only a few canvases alive.
import { TextLayer, type PDFDocumentProxy, type PageViewport } from 'pdfjs-dist';
import { memo, useEffect, useRef, useState } from 'react';
import type { Quad } from '../../shared/model/finding';
import { screenBox, type Mark } from './marks';
import type { NearViewport } from './near-viewport';

interface Props {
  readonly doc: PDFDocumentProxy;
  readonly pageNumber: number;
  /** Tells the page when it comes near the viewport (one observer for every page). */
  readonly nearViewport: NearViewport;
  readonly scale: number;
  /** Size in PDF points until the page itself is known (the first page's size). */
  readonly fallbackSize: { width: number; height: number };
  readonly marks: readonly Mark[];
  readonly findQuads: readonly Quad[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onHover: (mark: Mark | null, anchor: DOMRect | null) => void;
  readonly onTextSelected: (page: number, quote: string, quads: Quad[]) => void;
  /** Called when the page has been drawn with its highlights (again after a change of zoom). */
  readonly onShown?: (() => void) | undefined;
}

export const PageView = memo(function PageView(props: Props) {
  const { pageNumber, scale, fallbackSize, nearViewport } = props;
  const slot = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [viewport, setViewport] = useState<PageViewport | null>(null);

  useEffect(() => {
    const element = slot.current;
    return element === null ? undefined : nearViewport.watch(element, setNear);
  }, [nearViewport]);

  const { onShown } = props;
  useEffect(() => {
    if (near && viewport) onShown?.();
  }, [near, viewport, onShown]);

  const width = viewport?.width ?? fallbackSize.width * scale;
  const height = viewport?.height ?? fallbackSize.height * scale;
  useEffect(() => {
    const element = slot.current;
    if (element) {
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
    }
  }, [width, height]);

  return (
    <div
      ref={slot}
      className="page-slot"
      data-page={pageNumber}
      role="region"
      aria-label={`Page ${pageNumber}`}
    >
      <span className="page-label" aria-hidden="true">
        {pageNumber}
      </span>
      {near ? (
        <RenderedPage {...props} onViewport={setViewport} />
      ) : (
        <div className="page-loading">Page {pageNumber}</div>
      )}
      {near && viewport && <HighlightLayer viewport={viewport} {...props} />}
      {viewport === null && near && <div className="page-loading">Loading page {pageNumber}…</div>}
    </div>
  );
});

function RenderedPage({
  doc,
  pageNumber,
  scale,
  onViewport,
  onTextSelected,
}: Props & { onViewport: (viewport: PageViewport) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    // A function, so the checks after each await are not narrowed away by the type checker.
    const isCancelled = (): boolean => cancelled;
    let renderTask: { cancel(): void } | null = null;
    let text: TextLayer | null = null;
    void (async () => {
      const page = await doc.getPage(pageNumber);
      if (isCancelled() || canvas.current === null || textLayer.current === null) return;
      const viewport = page.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const target = canvas.current;
      target.width = Math.floor(viewport.width * ratio);
      target.height = Math.floor(viewport.height * ratio);
      target.style.width = `${viewport.width}px`;
      target.style.height = `${viewport.height}px`;
      onViewport(viewport);
      const task = page.render({
        canvas: target,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      renderTask = task;
      textLayer.current.replaceChildren();
      textLayer.current.style.setProperty('--scale-factor', String(viewport.scale));
      text = new TextLayer({
        textContentSource: page.streamTextContent(),
        container: textLayer.current,
        viewport,
      });
      await Promise.all([task.promise, text.render()]).catch(() => undefined);
    })();
    const target = canvas.current;
    return () => {
      cancelled = true;
      renderTask?.cancel();
      text?.cancel();
      // Free the canvas memory at once rather than at the next collection.
      if (target) {
        target.width = 0;
        target.height = 0;
      }
    };
  }, [doc, pageNumber, scale, onViewport]);

  return (
    <>
      <canvas ref={canvas} aria-hidden="true" />
      <div
        ref={textLayer}
        className="textLayer"
        onMouseUp={() => {
          const selection = window.getSelection();
          const layer = textLayer.current;
          if (!selection || selection.isCollapsed || !layer || selection.rangeCount === 0) return;
          const range = selection.getRangeAt(0);
          if (!layer.contains(range.commonAncestorContainer)) return;
          const quote = selection.toString().trim();
          if (quote === '') return;
          const box = layer.getBoundingClientRect();
          void doc.getPage(pageNumber).then((page) => {
            const viewport = page.getViewport({ scale });
            const quads = [...range.getClientRects()]
              .filter((r) => r.width > 1 && r.height > 1)
              .map((r): Quad => {
                const [x1 = 0, y1 = 0] = toPdf(viewport, r.left - box.left, r.top - box.top);
                const [x2 = 0, y2 = 0] = toPdf(viewport, r.right - box.left, r.bottom - box.top);
                return [x1, y1, x2, y1, x1, y2, x2, y2];
              });
            if (quads.length > 0) onTextSelected(pageNumber, quote, quads);
          });
        }}
      />
    </>
  );
}

/** Screen point to PDF user space (pdf.js types the result loosely). */
function toPdf(viewport: PageViewport, x: number, y: number): number[] {
  return viewport.convertToPdfPoint(x, y) as number[];
}

function HighlightLayer({
  viewport,
  marks,
  findQuads,
  selectedId,
  onSelect,
  onHover,
}: Props & { viewport: PageViewport }) {
  const toViewport = (x: number, y: number): number[] =>
    viewport.convertToViewportPoint(x, y) as number[];
  return (
    <div className="highlight-layer">
      {marks.flatMap((mark) =>
        mark.quads.map((quad, i) => (
          <HighlightBox
            key={`${mark.id}:${i}`}
            box={screenBox(quad, toViewport)}
            className={`hl ${mark.tone}${mark.negated ? ' negated' : ''}${mark.id === selectedId ? ' selected' : ''}`}
            label={i === 0 ? mark.label : undefined}
            markId={mark.id}
            onActivate={() => onSelect(mark.id)}
            onHover={(anchor) => onHover(anchor ? mark : null, anchor)}
          />
        )),
      )}
      {findQuads.map((quad, i) => (
        <HighlightBox key={`find:${i}`} box={screenBox(quad, toViewport)} className="hl find" />
      ))}
    </div>
  );
}

function HighlightBox(props: {
  box: { left: number; top: number; width: number; height: number };
  className: string;
  label?: string | undefined;
  markId?: string;
  onActivate?: () => void;
  onHover?: (anchor: DOMRect | null) => void;
}) {
  const element = useRef<HTMLButtonElement>(null);
  const { box } = props;
  useEffect(() => {
    const el = element.current;
    if (el === null) return;
    el.style.left = `${box.left}px`;
    el.style.top = `${box.top}px`;
    el.style.width = `${Math.max(box.width, 2)}px`;
    el.style.height = `${Math.max(box.height, 2)}px`;
  }, [box.left, box.top, box.width, box.height]);
  const interactive = props.onActivate !== undefined;
  return (
    <button
      ref={element}
      type="button"
      className={props.className}
      data-mark={props.markId}
      tabIndex={interactive && props.label !== undefined ? 0 : -1}
      aria-label={props.label ?? ''}
      aria-hidden={props.label === undefined ? 'true' : undefined}
      onClick={props.onActivate}
      onMouseEnter={(e) => props.onHover?.(e.currentTarget.getBoundingClientRect())}
      onMouseLeave={() => props.onHover?.(null)}
      onFocus={(e) => props.onHover?.(e.currentTarget.getBoundingClientRect())}
      onBlur={() => props.onHover?.(null)}
    />
  );
}
