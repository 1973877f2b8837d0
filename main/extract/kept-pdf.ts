// The one PDF a worker keeps open between the parts of a long document it shares with other
// workers: each part then reads its pages from the parsed document instead of opening the file
// again (about 75 ms a part for a 400-page brochure). A job for another file closes it.
import type { OpenPdf } from './extract-pdf';

export interface KeptDocument {
  readonly sha256: string;
  readonly bytes: Uint8Array;
  readonly pdf: OpenPdf;
}

export class KeptPdf {
  private kept: KeptDocument | null = null;

  /** Keeps `document` open, closing the one kept before. */
  keep(document: KeptDocument): void {
    if (this.kept !== null && this.kept.pdf !== document.pdf) void this.kept.pdf.close();
    this.kept = document;
  }

  /** The kept document when it is the file with this SHA-256; otherwise none is kept any more. */
  async get(sha256: string): Promise<KeptDocument | null> {
    if (this.kept?.sha256 === sha256) return this.kept;
    await this.release();
    return null;
  }

  async release(): Promise<void> {
    const kept = this.kept;
    this.kept = null;
    await kept?.pdf.close();
  }
}
