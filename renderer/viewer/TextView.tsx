// A document with no pages of its own (a Word file, saved web page or plain text) shown as its
// text: paragraphs, tables as rows, and each finding marked in place by its offsets in the page
// text, in the same colours, with the same tooltip and selection as highlights on a PDF page.
// Document text is data: React renders it as text nodes, never as HTML.
import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { FindHit } from './FindBar';
import type { Mark } from './marks';
import {
  assignToBlocks,
  piecesOf,
  spansOf,
  textBlocks,
  type Span,
  type TextBlock,
} from './text-blocks';

interface Props {
  readonly pages: readonly { readonly page: number; readonly text: string }[];
  readonly marksByPage: Map<number, Mark[]>;
  readonly findHit: FindHit | null;
  readonly selectedId: string | null;
  readonly scale: number;
  readonly onSelect: (id: string) => void;
  readonly onHover: (mark: Mark | null, anchor: DOMRect | null) => void;
  /** Called once the text is on screen. */
  readonly onShown: () => void;
}

/** A mark with its place in the page text (findings carry offsets; highlights do not). */
interface Placed extends Span {
  readonly mark: Mark | null;
}

export function TextView({ pages, marksByPage, findHit, selectedId, scale, ...events }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const { onShown } = events;
  useEffect(() => onShown(), [onShown]);
  useEffect(() => {
    root.current?.style.setProperty('--text-scale', String(scale));
  }, [scale]);
  useEffect(() => {
    root.current?.querySelector('.hl-text.find')?.scrollIntoView({ block: 'center' });
  }, [findHit]);
  return (
    <div ref={root} className="text-view">
      {pages.map((p) => (
        <TextPage
          key={p.page}
          page={p.page}
          text={p.text}
          showNumber={pages.length > 1}
          marks={marksByPage.get(p.page) ?? EMPTY}
          find={findHit?.page === p.page ? findHit : null}
          selectedId={selectedId}
          {...events}
        />
      ))}
    </div>
  );
}

const EMPTY: Mark[] = [];

const TextPage = memo(function TextPage(props: {
  page: number;
  text: string;
  showNumber: boolean;
  marks: readonly Mark[];
  find: FindHit | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onHover: (mark: Mark | null, anchor: DOMRect | null) => void;
}) {
  const { page, text, marks, find, selectedId } = props;
  const blocks = useMemo(() => textBlocks(text), [text]);
  const { perBlock, firstAt } = useMemo(() => {
    const placed: Placed[] = marks.flatMap((mark) => {
      const f = mark.span ?? mark.finding?.finding;
      return f && f.end > f.start ? [{ start: f.start, end: f.end, mark }] : [];
    });
    return assignToBlocks(blocks, placed);
  }, [blocks, marks]);
  // Each block is drawn again only when its own marks, selection or find hit change: choosing
  // the next of thousands of findings in a long Word file redraws two paragraphs, not the file.
  return (
    <section
      className="text-page"
      data-page={page}
      role="region"
      aria-label={props.showNumber ? `Page ${page}` : 'Document text'}
    >
      {props.showNumber && (
        <span className="page-label" aria-hidden="true">
          {page}
        </span>
      )}
      {blocks.map((block, i) => {
        const here = perBlock[i]!;
        const spans = spansOf(block);
        const from = spans[0]?.start ?? 0;
        const to = spans.at(-1)?.end ?? 0;
        return (
          <Block
            key={i}
            text={text}
            block={block}
            placed={here}
            firstAt={firstAt}
            selectedId={here.some((p) => p.mark?.id === selectedId) ? selectedId : null}
            find={find && find.start < to && find.end > from ? find : null}
            onSelect={props.onSelect}
            onHover={props.onHover}
          />
        );
      })}
      {blocks.length === 0 && (
        <p className="muted">
          {props.showNumber
            ? 'This page has no text.'
            : 'This document shows no text, so nothing in it could be checked. A web page built ' +
              'by scripts (which ClaimLens never runs) or a Word file holding only pictures has ' +
              'none to read: save the page again after it has loaded, or open a PDF or image of ' +
              'it, which is read by OCR.'}
        </p>
      )}
    </section>
  );
});

const Block = memo(function Block(props: {
  text: string;
  block: TextBlock;
  placed: readonly Placed[];
  firstAt: ReadonlyMap<Placed, number>;
  selectedId: string | null;
  find: FindHit | null;
  onSelect: (id: string) => void;
  onHover: (mark: Mark | null, anchor: DOMRect | null) => void;
}) {
  const { text, block, placed, firstAt, find } = props;
  const all = find ? [...placed, { start: find.start, end: find.end, mark: null }] : placed;
  // A mark's first piece carries its id, label and focus, so the findings list can focus it.
  const render = (span: Span): ReactNode =>
    piecesOf(span, all).map((piece) =>
      piece.marks.reduceRight<ReactNode>(
        (inner, at) => {
          if (at.mark === null) return <mark className="hl-text find">{inner}</mark>;
          return (
            <TextMark
              mark={at.mark}
              first={firstAt.get(at) === piece.start}
              selected={at.mark.id === props.selectedId}
              onSelect={props.onSelect}
              onHover={props.onHover}
            >
              {inner}
            </TextMark>
          );
        },
        text.slice(piece.start, piece.end),
      ),
    );
  return block.kind === 'paragraph' ? (
    <p>{render(block.span)}</p>
  ) : (
    <table>
      <tbody>
        {block.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) => (
              <td key={c}>{render(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

function TextMark(props: {
  mark: Mark;
  first: boolean;
  selected: boolean;
  children: ReactNode;
  onSelect: (id: string) => void;
  onHover: (mark: Mark | null, anchor: DOMRect | null) => void;
}) {
  const { mark, first, onSelect, onHover } = props;
  const className = `hl-text ${mark.tone}${mark.negated ? ' negated' : ''}${props.selected ? ' selected' : ''}`;
  return (
    <mark
      className={className}
      {...(first
        ? { 'data-mark': mark.id, tabIndex: 0, role: 'button', 'aria-label': mark.label }
        : { 'data-mark-part': mark.id })}
      onClick={(e) => {
        e.stopPropagation();
        onSelect(mark.id);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        onSelect(mark.id);
      }}
      onMouseOver={(e) => {
        e.stopPropagation();
        onHover(mark, e.currentTarget.getBoundingClientRect());
      }}
      onMouseOut={(e) => {
        e.stopPropagation();
        onHover(null, null);
      }}
      onFocus={(e) => {
        e.stopPropagation();
        onHover(mark, e.currentTarget.getBoundingClientRect());
      }}
      onBlur={() => onHover(null, null)}
    >
      {props.children}
    </mark>
  );
}
