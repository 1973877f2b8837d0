// The annotated PDF copy: the original's bytes unchanged as the file's prefix, and one
// incremental update after them that adds a /Highlight annotation per finding and per user
// highlight (and a /Text note for notes on the whole document), so any PDF reader shows the
// evidence and anyone can check that the first N bytes still hash to the original's SHA-256.
// Pure TypeScript and pdf-lib: the app builds it in its sandboxed renderer (main never parses an
// untrusted file), the command line in its own process (main/export/annotated-pdf.ts).
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFDict,
  type PDFPage,
  type PDFObject,
} from 'pdf-lib';
import type { Quad } from '../model/finding';
import type { Note } from '../model/library';
import { SEVERITY_COLOURS, USER_COLOUR, type HighlightColour } from './highlight-colours';
import {
  arrayItems,
  latin1,
  readOriginalXref,
  writeUpdate,
  type UpdateObject,
} from './incremental-update';
import {
  modifiedAt,
  noteLines,
  statusLine,
  type AnnotationFinding,
  type AnnotationRecord,
  type ExportRecords,
} from './records';

/** What the copy is made of: the original's bytes and the records to draw on it. */
export interface AnnotationSource extends ExportRecords<AnnotationRecord> {
  /** The original, as stored (its SHA-256 is `sha256`). */
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly sha256: string;
  /** ClaimLens's version: the author of findings nobody has triaged yet. */
  readonly toolVersion: string;
}

/** Why no annotated copy can be made of a file, in words a user can act on. */
export class AnnotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotationError';
  }
}

export interface AnnotatedPdf {
  readonly bytes: Uint8Array;
  /** Annotations added: highlights, plus the document note when there is one. */
  readonly annotations: number;
  /** What could not be drawn (no position on the page, a page the file does not have). */
  readonly skipped: readonly string[];
}

/** Space around the quads in /Rect, so rounding never puts a quad outside it. */
const RECT_MARGIN = 1;

export async function annotatedPdf(doc: AnnotationSource): Promise<AnnotatedPdf> {
  const original = doc.bytes;
  const name = doc.fileName;
  if (latinStart(original) !== '%PDF-') {
    throw unsupported(
      `${name} is not a PDF, so there is no PDF to annotate; export it as W3C annotations, CSV or JSON instead.`,
    );
  }
  const xref = readOriginalXref(original);
  if (xref === null) {
    throw unsupported(
      `${name} does not end with a readable cross-reference section (the file is damaged or ` +
        'was cut short), so an update cannot be appended to it safely. No annotated copy was made.',
    );
  }
  let pdf: PDFDocument;
  let pages: PDFPage[];
  try {
    pdf = await quietly(() =>
      PDFDocument.load(original, { ignoreEncryption: true, updateMetadata: false }),
    );
    // pdf-lib walks the page tree here; a damaged tree (a cycle, a missing node) throws.
    pages = pdf.isEncrypted ? [] : pdf.getPages();
  } catch (error) {
    throw unsupported(
      `${name} could not be parsed for annotating (${describe(error)}); no annotated copy was made.`,
    );
  }
  const { context } = pdf;
  if (pdf.isEncrypted || context.trailerInfo.Encrypt !== undefined) {
    // New strings would have to be encrypted with the document's key, which needs its password.
    throw unsupported(
      `${name} is encrypted (even if it opens without a password, its contents are ` +
        'encrypted), and ClaimLens cannot add annotations to an encrypted PDF. Export W3C ' +
        'annotations, CSV or JSON instead, or annotate a decrypted copy.',
    );
  }
  if (context.trailerInfo.Root === undefined) {
    throw unsupported(`${name} has no document catalogue (/Root); no annotated copy was made.`);
  }

  const { records, documentNotes } = doc;
  let nextNumber = Math.max(xref.size, context.largestObjectNumber + 1);
  const newRef = (): PDFRef => PDFRef.of(nextNumber++, 0);
  const objects: UpdateObject[] = [];
  const added = new Map<number, PDFRef[]>();
  const skipped: string[] = [];
  const add = (pageIndex: number, annotation: PDFDict): void => {
    const ref = newRef();
    objects.push({ ref, object: annotation });
    added.set(pageIndex, [...(added.get(pageIndex) ?? []), ref]);
  };

  for (const record of records) {
    const page = pages[record.page - 1];
    const label = record.kind === 'finding' ? `finding ${record.id}` : `highlight ${record.id}`;
    if (page === undefined) {
      skipped.push(`${label}: the PDF has no page ${record.page}`);
      continue;
    }
    if (record.quads.length === 0) {
      skipped.push(`${label} on page ${record.page}: no position on the page`);
      continue;
    }
    const colour = record.kind === 'finding' ? SEVERITY_COLOURS[record.severity] : USER_COLOUR;
    const appearance = newRef();
    const rect = enclosing(record.quads);
    objects.push({
      ref: appearance,
      object: highlightAppearance(context, record.quads, rect, colour),
    });
    add(record.page - 1, highlight(context, doc, record, page.ref, rect, colour, appearance));
  }
  if (documentNotes.length > 0 && pages[0] !== undefined) {
    add(0, documentNote(context, doc, documentNotes, pages[0].ref, pages[0].getSize().height));
  }

  for (const [index, refs] of added) {
    const page = pages[index]!;
    const dict = page.node.clone();
    const existing = arrayItems(context, page.node.get(PDFName.of('Annots')));
    dict.set(PDFName.of('Annots'), context.obj([...existing, ...refs]));
    objects.push({ ref: page.ref, object: dict });
  }
  const { Root, Info, ID } = context.trailerInfo;
  const bytes = writeUpdate(context, original, xref, objects, { Root, Info, ID });
  return {
    bytes,
    annotations: [...added.values()].reduce((n, refs) => n + refs.length, 0),
    skipped,
  };
}

function highlight(
  context: PDFContext,
  doc: AnnotationSource,
  record: AnnotationRecord,
  page: PDFRef,
  rect: Rect,
  colour: HighlightColour,
  appearance: PDFRef,
): PDFDict {
  const title = record.kind === 'finding' ? record.title : 'Reviewer highlight';
  const author =
    record.kind === 'finding'
      ? (record.statusBy ?? `ClaimLens ${doc.toolVersion}`)
      : record.createdBy;
  return context.obj({
    Type: 'Annot',
    Subtype: 'Highlight',
    Rect: rect,
    QuadPoints: record.quads.flat(),
    C: colour.rgb.map((c) => round(c / 255)),
    CA: colour.alpha,
    F: 4,
    P: page,
    NM: text(record.id),
    T: text(author),
    Subj: text(title),
    Contents: text(record.kind === 'finding' ? findingContents(record) : highlightContents(record)),
    M: PDFString.of(pdfDate(modifiedAt(record))),
    CreationDate: PDFString.of(pdfDate(record.createdAt)),
    AP: { N: appearance },
  });
}

function findingContents(f: AnnotationFinding): string {
  const lines = [
    `[${f.severity.toUpperCase()}] ${f.title}`,
    `Category: ${f.category}. Stated as: ${f.polarity}${f.negated ? ' (denied in the text)' : ''}.`,
    `Status: ${statusLine(f)}.`,
    `Quote (page ${f.page}): "${f.quote}"`,
    '',
    f.explanation,
  ];
  if (f.references.length > 0) {
    lines.push(
      '',
      'References:',
      ...f.references.map((r) => `- ${r.title}${r.url ? ` <${r.url}>` : ''}`),
    );
  }
  if (f.notes.length > 0) lines.push('', 'Notes:', ...noteLines(f.notes).map((l) => `- ${l}`));
  lines.push('', `Rule ${f.ruleId} (${f.rulePack}); finding ${f.id}.`);
  return lines.join('\n');
}

function highlightContents(h: AnnotationRecord & { kind: 'highlight' }): string {
  const lines = [`Reviewer highlight by ${h.createdBy}`, `Quote (page ${h.page}): "${h.quote}"`];
  if (h.notes.length > 0) lines.push('', 'Notes:', ...noteLines(h.notes).map((l) => `- ${l}`));
  return lines.join('\n');
}

/** A sticky note in the top-left corner of page 1 with the notes on the whole document. */
function documentNote(
  context: PDFContext,
  doc: AnnotationSource,
  notes: readonly Note[],
  page: PDFRef,
  height: number,
): PDFDict {
  const latest = notes.reduce((a, b) => (a.updatedAt > b.updatedAt ? a : b));
  return context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Name: 'Comment',
    Rect: [12, height - 36, 36, height - 12],
    C: USER_COLOUR.rgb.map((c) => round(c / 255)),
    F: 4,
    P: page,
    NM: text(`${doc.sha256}-notes`),
    T: text(latest.author),
    Subj: text('Notes on this document'),
    Contents: text(
      ['Notes on this document:', ...noteLines(notes).map((l) => `- ${l}`)].join('\n'),
    ),
    M: PDFString.of(pdfDate(latest.updatedAt)),
    CreationDate: PDFString.of(pdfDate(notes[0]!.createdAt)),
  });
}

type Rect = [number, number, number, number];

function enclosing(quads: readonly Quad[]): Rect {
  const xs = quads.flatMap((q) => [q[0], q[2], q[4], q[6]]);
  const ys = quads.flatMap((q) => [q[1], q[3], q[5], q[7]]);
  return [
    round(Math.min(...xs) - RECT_MARGIN),
    round(Math.min(...ys) - RECT_MARGIN),
    round(Math.max(...xs) + RECT_MARGIN),
    round(Math.max(...ys) + RECT_MARGIN),
  ];
}

/**
 * The highlight as drawn: each quad filled with the colour at its opacity, multiplied over the
 * page (what pdf.js and Acrobat draw for a /Highlight without an appearance), so readers that
 * do not make appearances themselves show the same thing.
 */
function highlightAppearance(
  context: PDFContext,
  quads: readonly Quad[],
  rect: Rect,
  colour: HighlightColour,
): PDFObject {
  const [r, g, b] = colour.rgb.map((c) => round(c / 255));
  const paths = quads.map((q) => {
    const [x1, y1, x2, y2, x3, y3, x4, y4] = q.map(round);
    // QuadPoints run top-left, top-right, bottom-left, bottom-right; the path goes round.
    return `${x1} ${y1} m ${x2} ${y2} l ${x4} ${y4} l ${x3} ${y3} l h`;
  });
  const content = `/GS0 gs ${r} ${g} ${b} rg\n${paths.join('\n')}\nf\n`;
  return context.stream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: rect,
    Resources: {
      ExtGState: { GS0: { Type: 'ExtGState', BM: 'Multiply', ca: colour.alpha, CA: colour.alpha } },
    },
  });
}

/**
 * A text string (7.9.2.2): printable ASCII as an escaped literal string (a quarter of the size),
 * anything else in UTF-16BE with its byte-order mark, so every script survives.
 */
function text(value: string): PDFString | PDFHexString {
  if (/^[\x20-\x7e\n]*$/.test(value)) {
    // pdf-lib writes a literal string's value as given: the escapes are ours to add.
    return PDFString.of(value.replace(/[\\()]/g, (c) => `\\${c}`).replace(/\n/g, '\\n'));
  }
  return PDFHexString.fromText(value);
}

/** An ISO time as a PDF date (7.9.4): D:YYYYMMDDHHmmSSZ, in UTC. */
export function pdfDate(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `D:${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` +
    `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`
  );
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function latinStart(bytes: Uint8Array): string {
  // The header may follow up to 1024 bytes of junk, as readers allow.
  const head = latin1(bytes.subarray(0, 1024));
  return head.includes('%PDF-') ? '%PDF-' : '';
}

/**
 * Runs pdf-lib's parser without its console chatter: it warns on every odd object it recovers
 * from, which would bury the command's own messages. Its errors still throw.
 */
async function quietly<T>(parse: () => Promise<T>): Promise<T> {
  // shared/ is typed without a platform; every place it runs (Node, a browser, a worker) has one.
  const { console } = globalThis as unknown as { console: { warn: (...args: unknown[]) => void } };
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await parse();
  } finally {
    console.warn = warn;
  }
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'its page tree refers to itself';
  // pdf-lib meets a page tree node that is not a dictionary.
  if (error instanceof TypeError) return 'its page tree is damaged';
  return error instanceof Error ? error.message : String(error);
}

function unsupported(message: string): AnnotationError {
  return new AnnotationError(message);
}
