// A small flowing-text layout on pdf-lib for the PDF report: runs of text in two weights wrapped
// to a width (Latin at spaces, Chinese and Japanese between any two characters), a cursor that
// starts a new page when the next block does not fit, and a footer on every page.
import { rgb, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = { left: 52, right: 52, top: 56, bottom: 64 } as const;
export const INK = rgb(0.106, 0.122, 0.141);
export const MUTED = rgb(0.357, 0.392, 0.447);
export const LINE = rgb(0.85, 0.867, 0.894);

export interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly mono: PDFFont;
}

export interface Run {
  readonly text: string;
  readonly bold?: boolean;
  readonly mono?: boolean;
  /** Drawn on a highlighter-yellow band: the quote inside its sentence. */
  readonly mark?: boolean;
  readonly colour?: Color;
}

interface Piece {
  readonly text: string;
  readonly run: Run;
  readonly width: number;
  /** Width of its trailing spaces, dropped at a line's end. */
  readonly trailing: number;
  readonly newline: boolean;
}

export interface TextStyle {
  readonly size: number;
  readonly leading?: number;
  readonly indent?: number;
  readonly width?: number;
  readonly colour?: Color;
}

const CJK =
  /[\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
/** A CJK character, a word with the spaces after it, a space run, or a line break. */
const PIECES =
  /\n|[\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+[^\S\n]*|[^\S\n]+/gu;

// Control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g;

/** Control characters other than line breaks would be drawn as boxes; tabs become spaces. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(CONTROL, '');
}

export class Layout {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  readonly contentWidth = A4[0] - MARGIN.left - MARGIN.right;
  /** Widths at size 1 by font and text: shaping with a CJK font is slow, and words repeat. */
  private readonly widths = new Map<PDFFont, Map<string, number>>();

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  fontOf(run: Run): PDFFont {
    // The monospaced font is a standard one (Latin-1 only): used for hashes, never for words.
    if (run.mono && /^[\x20-\x7e]*$/.test(run.text)) return this.fonts.mono;
    return run.bold || run.mark ? this.fonts.bold : this.fonts.regular;
  }

  /** The width of `text` in `font` at `size`, in points. */
  width(font: PDFFont, text: string, size: number): number {
    let cache = this.widths.get(font);
    if (cache === undefined) {
      cache = new Map();
      this.widths.set(font, cache);
    }
    let unit = cache.get(text);
    if (unit === undefined) {
      unit = font.widthOfTextAtSize(text, 1);
      cache.set(text, unit);
    }
    return unit * size;
  }

  private pieces(runs: readonly Run[], size: number, width: number): Piece[] {
    const pieces: Piece[] = [];
    for (const run of runs) {
      const font = this.fontOf(run);
      for (const match of cleanText(run.text).matchAll(PIECES)) {
        const text = match[0];
        if (text === '\n') {
          pieces.push({ text: '', run, width: 0, trailing: 0, newline: true });
          continue;
        }
        const core = text.trimEnd();
        const full = this.width(font, text, size);
        const coreWidth = core === '' ? 0 : this.width(font, core, size);
        if (coreWidth <= width || CJK.test(core)) {
          pieces.push({ text, run, width: full, trailing: full - coreWidth, newline: false });
          continue;
        }
        // A word wider than the line (a hash, a URL): break it between characters.
        let chunk = '';
        for (const ch of core) {
          if (this.width(font, chunk + ch, size) > width && chunk !== '') {
            pieces.push({
              text: chunk,
              run,
              width: this.width(font, chunk, size),
              trailing: 0,
              newline: false,
            });
            chunk = '';
          }
          chunk += ch;
        }
        const rest = chunk + text.slice(core.length);
        const restWidth = this.width(font, rest, size);
        pieces.push({
          text: rest,
          run,
          width: restWidth,
          trailing: restWidth - this.width(font, chunk, size),
          newline: false,
        });
      }
    }
    return pieces;
  }

  /** Lines of pieces that fit `width`. */
  wrap(runs: readonly Run[], size: number, width: number): Piece[][] {
    const lines: Piece[][] = [[]];
    let used = 0;
    for (const piece of this.pieces(runs, size, width)) {
      const line = lines[lines.length - 1]!;
      if (piece.newline) {
        lines.push([]);
        used = 0;
        continue;
      }
      if (line.length > 0 && used + piece.width - piece.trailing > width) {
        if (piece.text.trim() === '') continue;
        lines.push([piece]);
        used = piece.width;
        continue;
      }
      if (line.length === 0 && piece.text.trim() === '') continue;
      line.push(piece);
      used += piece.width;
    }
    return lines;
  }

  /** Height `runs` will take at `style`. */
  measure(runs: readonly Run[], style: TextStyle): number {
    const width = style.width ?? this.contentWidth - (style.indent ?? 0);
    const leading = style.leading ?? style.size * 1.4;
    return this.wrap(runs, style.size, width).length * leading;
  }

  /** Draws wrapped text at the cursor, page by page, and moves the cursor below it. */
  text(runs: readonly Run[], style: TextStyle): void {
    const indent = style.indent ?? 0;
    const width = style.width ?? this.contentWidth - indent;
    const leading = style.leading ?? style.size * 1.4;
    for (const line of this.wrap(runs, style.size, width)) {
      this.ensure(leading);
      const baseline = this.y - style.size;
      let x = MARGIN.left + indent;
      // Pieces of one run are drawn as one string: each drawText shapes its text again.
      const groups: { run: Run; text: string; width: number }[] = [];
      line.forEach((piece, i) => {
        const last = i === line.length - 1;
        const text = last ? piece.text.trimEnd() : piece.text;
        const w = last ? piece.width - piece.trailing : piece.width;
        const group = groups[groups.length - 1];
        if (group?.run === piece.run) {
          group.text += text;
          group.width += w;
        } else {
          groups.push({ run: piece.run, text, width: w });
        }
      });
      for (const group of groups) {
        if (group.run.mark) {
          this.page.drawRectangle({
            x: x - 0.5,
            y: baseline - style.size * 0.28,
            width: group.width + 1,
            height: style.size * 1.3,
            color: rgb(1, 0.898, 0.541),
          });
        }
        if (group.text.trim() !== '') {
          this.page.drawText(group.text, {
            x,
            y: baseline,
            size: style.size,
            font: this.fontOf(group.run),
            color: group.run.colour ?? style.colour ?? INK,
          });
        }
        x += group.width;
      }
      this.y -= leading;
    }
  }

  /** A thin rule across the content width. */
  rule(colour: Color = LINE, thickness = 0.75): void {
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.y },
      end: { x: A4[0] - MARGIN.right, y: this.y },
      thickness,
      color: colour,
    });
  }

  /** "page N of M" and a line of identity on every page, once all pages exist. */
  footers(labelOf: (pageIndex: number) => string): void {
    const size = 7.5;
    this.pages.forEach((page, i) => {
      const right = `Page ${i + 1} of ${this.pages.length}`;
      const rightWidth = this.fonts.regular.widthOfTextAtSize(right, size);
      page.drawLine({
        start: { x: MARGIN.left, y: MARGIN.bottom - 22 },
        end: { x: A4[0] - MARGIN.right, y: MARGIN.bottom - 22 },
        thickness: 0.5,
        color: LINE,
      });
      let label = cleanText(labelOf(i));
      const room = this.contentWidth - rightWidth - 16;
      while (label.length > 1 && this.fonts.regular.widthOfTextAtSize(label, size) > room) {
        label = `${label.slice(0, -2)}…`;
      }
      page.drawText(label, {
        x: MARGIN.left,
        y: MARGIN.bottom - 34,
        size,
        font: this.fonts.regular,
        color: MUTED,
      });
      page.drawText(right, {
        x: A4[0] - MARGIN.right - rightWidth,
        y: MARGIN.bottom - 34,
        size,
        font: this.fonts.regular,
        color: MUTED,
      });
    });
  }
}
