// Find in the document: the page text is built as the engine builds it, so a hit is drawn with
// the same quads as a finding. A document shown as text (a Word file, web page) is searched in
// the page texts the analysis stored, and a hit is marked by its offsets.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useRef, useState } from 'react';
import type { Quad } from '../../shared/model/finding';
import { readPageText } from '../../shared/pdf/read-pages';
import { pagesFromPlainText, quadsFor, type PageText } from '../../shared/text/page-text';

export interface FindHit {
  readonly page: number;
  readonly start: number;
  readonly end: number;
  readonly quads: Quad[];
}

interface Props {
  /** The PDF shown, or the texts of a document shown as text. */
  readonly doc?: PDFDocumentProxy;
  readonly texts?: readonly { readonly page: number; readonly text: string }[];
  readonly onHit: (hit: FindHit | null) => void;
  readonly onClose: () => void;
  readonly scrollTo: (page: number) => void;
}

export function FindBar({ doc, texts, onHit, onClose, scrollTo }: Props) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const cache = useRef(new Map<number, PageText>());
  const last = useRef<FindHit | null>(null);

  const pageText = async (n: number): Promise<PageText> => {
    let text = cache.current.get(n);
    if (!text) {
      const stored = texts?.find((t) => t.page === n)?.text;
      if (stored !== undefined) text = pagesFromPlainText(stored)[0]!;
      else if (doc) text = await readPageText(doc, n);
      else text = pagesFromPlainText('')[0]!;
      cache.current.set(n, text);
    }
    return text;
  };

  const findNext = async () => {
    const needle = query.trim().toLowerCase();
    if (needle === '') return;
    const from = last.current;
    const numPages = texts?.length ?? doc?.numPages ?? 0;
    for (let step = 0; step <= numPages; step++) {
      const n = (((from?.page ?? 1) - 1 + step) % numPages) + 1;
      const text = await pageText(n);
      const startAt = step === 0 && from ? from.start + 1 : 0;
      const at = text.text.toLowerCase().indexOf(needle, startAt);
      if (at >= 0) {
        const end = at + needle.length;
        const hit = { page: n, start: at, end, quads: quadsFor(text, at, end) };
        last.current = hit;
        onHit(hit);
        scrollTo(n);
        setStatus(`Found on page ${n}.`);
        return;
      }
    }
    last.current = null;
    onHit(null);
    setStatus(`"${query}" is not in this document.`);
  };

  return (
    <form
      className="findbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void findNext();
      }}
    >
      <input
        type="search"
        autoFocus
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          last.current = null;
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      />
      <button type="submit" className="btn">
        Find next
      </button>
      <span aria-live="polite">{status}</span>
      <button type="button" className="btn" onClick={onClose} aria-label="Close find">
        ×
      </button>
    </form>
  );
}
