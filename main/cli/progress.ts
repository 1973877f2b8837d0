// Progress on standard error, only when it is a terminal: "[12/40] brochures/x.pdf", and for a
// scan, how many of its pages OCR has read so far (each takes seconds).

/** Where progress is drawn: standard error, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export class Progress {
  private readonly enabled: boolean;
  private finishedCount = 0;
  private current = '';
  private readonly ocrPages = new Map<string, number>();

  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
  ) {
    this.enabled = stream.isTTY === true;
  }

  started(path: string): void {
    this.current = path;
    this.draw();
  }

  /** A page of `path` was read by OCR (by any worker, when the scan is shared out). */
  ocrPage(path: string): void {
    this.ocrPages.set(path, (this.ocrPages.get(path) ?? 0) + 1);
    if (path === this.current) this.draw();
  }

  finished(): void {
    this.finishedCount++;
    this.draw();
  }

  /** Removes the progress line so other output starts on a clean line. */
  clear(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }

  done(): void {
    this.clear();
  }

  private draw(): void {
    if (!this.enabled) return;
    const pages = this.ocrPages.get(this.current) ?? 0;
    const ocr = pages > 0 ? ` (OCR: ${pages} page${pages === 1 ? '' : 's'} read)` : '';
    const width = Math.max(20, (this.stream.columns ?? 80) - 16 - ocr.length);
    const name =
      this.current.length > width ? `...${this.current.slice(-(width - 3))}` : this.current;
    this.stream.write(`\r\x1b[K[${this.finishedCount}/${this.total}] ${name}${ocr}`);
  }
}
