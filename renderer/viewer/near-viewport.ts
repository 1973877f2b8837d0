// Which pages are near the viewport: one IntersectionObserver for every page of a document.
// One observer a page cost a 400-page datasheet about 70 ms to set up as its pages were laid out.

/** How far outside the viewport a page starts to render (and stays rendered). */
const RENDER_MARGIN = '1200px 0px';

export class NearViewport {
  private readonly listeners = new Map<Element, (near: boolean) => void>();
  private readonly observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) this.listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: RENDER_MARGIN },
  );

  /** Calls `onChange` whenever `element` comes near the viewport or leaves it; returns the undo. */
  watch(element: Element, onChange: (near: boolean) => void): () => void {
    this.listeners.set(element, onChange);
    this.observer.observe(element);
    return () => {
      this.observer.unobserve(element);
      this.listeners.delete(element);
    };
  }

  disconnect(): void {
    this.observer.disconnect();
    this.listeners.clear();
  }
}
