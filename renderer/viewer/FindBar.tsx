// Find in the document: the page text is built as the engine builds it, so a hit is drawn with
// the same quads as a finding.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useRef, useState } from 'react';
import type { Quad } from '../../shared/model/finding';
import { readPageText } from '../../shared/pdf/read-pages';
import { quadsFor, type PageText } from '../../shared/text/page-text';

export interface FindHit {
  readonly page: number;
  readonly start: number;
  readonly quads: Quad[];
}

interface Props {
  readonly doc: PDFDocumentProxy;
  readonly onHit: (hit: FindHit | null) => void;
  readonly onClose: () => void;
  readonly scrollTo: (page: number) => void;
}

export function FindBar({ doc, onHit, onClose, scrollTo }: Props) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const cache = useRef(new Map<number, PageText>());
  const last = useRef<FindHit | null>(null);

  const pageText = async (n: number): Promise<PageText> => {
    let text = cache.current.get(n);
    if (!text) {
      text = await readPageText(doc, n);
      cache.current.set(n, text);
    }
    return text;
  };

  const findNext = async () => {
    const needle = query.trim().toLowerCase();
    if (needle === '') return;
    const from = last.current;
    for (let step = 0; step <= doc.numPages; step++) {
      const n = (((from?.page ?? 1) - 1 + step) % doc.numPages) + 1;
      const text = await pageText(n);
      const startAt = step === 0 && from ? from.start + 1 : 0;
      const at = text.text.toLowerCase().indexOf(needle, startAt);
      if (at >= 0) {
        const hit = { page: n, start: at, quads: quadsFor(text, at, at + needle.length) };
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
