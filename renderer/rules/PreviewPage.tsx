// One page of the previewed document with the new pack's matches highlighted, the chosen one
// selected and scrolled into view: the preview's "jump to the match".
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../shared/model/finding';
import type { Mark } from '../viewer/marks';
import { NearViewport } from '../viewer/near-viewport';
import { PageView } from '../viewer/PageView';

interface Props {
  readonly doc: PDFDocumentProxy;
  readonly match: Finding;
  readonly matches: readonly Finding[];
  readonly onSelect: (id: string) => void;
}

const SCALE = 1;
const A4 = { width: 595, height: 842 };

export function PreviewPage({ doc, match, matches, onSelect }: Props) {
  const [nearViewport] = useState(() => new NearViewport());
  useEffect(() => () => nearViewport.disconnect(), [nearViewport]);
  const pane = useRef<HTMLDivElement>(null);

  const marks = useMemo(
    () =>
      matches
        .filter((m) => m.page === match.page)
        .map((m): Mark => ({
          id: m.id,
          page: m.page,
          quads: m.quads,
          tone: m.severity,
          negated: m.negated,
          label: `Preview match, ${m.severity}: ${m.title}: "${m.quote}"`,
        })),
    [matches, match.page],
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
