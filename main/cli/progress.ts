// Progress on standard error, only when it is a terminal: "[12/40] brochures/x.pdf".
export class Progress {
  private readonly enabled = process.stderr.isTTY;
  private finishedCount = 0;
  private current = '';

  constructor(private readonly total: number) {}

  started(path: string): void {
    this.current = path;
    this.draw();
  }

  finished(): void {
    this.finishedCount++;
    this.draw();
  }

  /** Removes the progress line so other output starts on a clean line. */
  clear(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }

  done(): void {
    this.clear();
  }

  private draw(): void {
    if (!this.enabled) return;
    const width = Math.max(20, process.stderr.columns - 16);
    const name =
      this.current.length > width ? `...${this.current.slice(-(width - 3))}` : this.current;
    process.stderr.write(`\r\x1b[K[${this.finishedCount}/${this.total}] ${name}`);
  }
}
