// Appends an incremental update to a PDF (ISO 32000-1, 7.5.6): new and changed objects, a
// cross-reference section in the form the original's last one uses (a classic table or a
// cross-reference stream, 7.5.8) and a trailer whose /Prev points at the original's, after the
// original bytes, which stay unchanged as the file's prefix. pdf-lib (1.17) parses and writes
// objects but only saves whole files, so the update section is written here.
import type { PDFContext, PDFDict } from 'pdf-lib';
import { PDFArray, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';

export type XrefKind = 'table' | 'stream';

export interface OriginalXref {
  /** Offset of the original's last cross-reference section (its startxref). */
  readonly offset: number;
  readonly kind: XrefKind;
  /** The original trailer's /Size: object numbers from here on are free for new objects. */
  readonly size: number;
}

/**
 * Bytes as Latin-1 text, one character a byte (shared/ has no TextDecoder: it runs without a
 * platform's types). Done in slices, as String.fromCharCode takes a bounded argument list.
 */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** ASCII text as bytes: all the update writes itself is ASCII (PDF syntax and numbers). */
function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/**
 * Where the original's last cross-reference section is and which form it takes, read from the
 * end of the file; null when the file does not end the way a readable PDF must.
 */
export function readOriginalXref(bytes: Uint8Array): OriginalXref | null {
  // startxref sits in the last kilobyte or so; a generous window tolerates trailing junk.
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 4096)));
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const last = matches.at(-1);
  if (last === undefined) return null;
  const offset = Number(last[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) return null;
  // The section, and its trailer or stream dictionary, start at the offset (a classic table
  // can be long: its trailer comes after every entry).
  const section = latin1(bytes.subarray(offset));
  let kind: XrefKind;
  if (/^\s*xref\b/.test(section)) kind = 'table';
  else if (/^\s*\d+\s+\d+\s+obj\b[\s\S]*?\/Type\s*\/XRef\b/.test(section)) kind = 'stream';
  else return null;
  const dictionary = kind === 'table' ? section.slice(section.indexOf('trailer')) : section;
  const size = /\/Size\s+(\d+)/.exec(dictionary);
  if (size === null || (kind === 'table' && !section.includes('trailer'))) return null;
  return { offset, kind, size: Number(size[1]) };
}

export interface UpdateObject {
  readonly ref: PDFRef;
  readonly object: PDFObject;
}

/**
 * The bytes to append after `original`: each object, then the cross-reference section and the
 * trailer. `trailer` carries /Root, /Info and /ID from the original (the ID's first part must
 * stay the same across updates: 14.4).
 */
export function writeUpdate(
  context: PDFContext,
  original: Uint8Array,
  xref: OriginalXref,
  objects: readonly UpdateObject[],
  trailer: { Root: PDFObject; Info?: PDFObject | undefined; ID?: PDFObject | undefined },
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let position = original.length;
  const push = (chunk: Uint8Array): void => {
    chunks.push(chunk);
    position += chunk.length;
  };
  const text = (s: string): void => push(ascii(s));
  // The original may end without an end-of-line after %%EOF.
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) text('\n');

  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const { ref, object } of objects) {
    offsets.set(ref.objectNumber, { offset: position, generation: ref.generationNumber });
    text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    push(serialise(object));
    text('\nendobj\n');
  }
  const size = Math.max(xref.size, ...objects.map((o) => o.ref.objectNumber + 1));
  const trailerEntries = (dict: PDFDict, total: number): void => {
    dict.set(PDFName.of('Size'), PDFNumber.of(total));
    dict.set(PDFName.of('Prev'), PDFNumber.of(xref.offset));
    dict.set(PDFName.of('Root'), trailer.Root);
    if (trailer.Info !== undefined) dict.set(PDFName.of('Info'), trailer.Info);
    if (trailer.ID !== undefined) dict.set(PDFName.of('ID'), trailer.ID);
  };

  const xrefOffset = position;
  if (xref.kind === 'table') {
    text('xref\n');
    for (const [first, numbers] of runs([...offsets.keys()])) {
      text(`${first} ${numbers.length}\n`);
      for (const n of numbers) {
        const entry = offsets.get(n)!;
        // Each entry is exactly 20 bytes, its end of line included (7.5.4).
        text(`${pad(entry.offset, 10)} ${pad(entry.generation, 5)} n\r\n`);
      }
    }
    const dict = context.obj({});
    trailerEntries(dict, size);
    text('trailer\n');
    push(serialise(dict));
    text('\n');
  } else {
    // The cross-reference stream lists itself too (7.5.8.3): it takes the next free number.
    const own = size;
    offsets.set(own, { offset: xrefOffset, generation: 0 });
    const widths = [1, 4, 2] as const;
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    const data = new Uint8Array(numbers.length * 7);
    numbers.forEach((n, i) => {
      const { offset, generation } = offsets.get(n)!;
      data[i * 7] = 1;
      new DataView(data.buffer).setUint32(i * 7 + 1, offset);
      new DataView(data.buffer).setUint16(i * 7 + 5, generation);
    });
    const index = runs(numbers).flatMap(([first, list]) => [first, list.length]);
    const stream = context.stream(data, {
      Type: 'XRef',
      W: [...widths],
      Index: index,
    });
    trailerEntries(stream.dict, own + 1);
    text(`${own} 0 obj\n`);
    push(serialise(stream));
    text('\nendobj\n');
  }
  text(`startxref\n${xrefOffset}\n%%EOF\n`);
  const out = new Uint8Array(position);
  out.set(original, 0);
  let at = original.length;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function serialise(object: PDFObject): Uint8Array {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return buffer;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Consecutive runs of object numbers, each as [first, numbers]: one xref subsection each. */
function runs(numbers: readonly number[]): [number, number[]][] {
  const sorted = [...numbers].sort((a, b) => a - b);
  const out: [number, number[]][] = [];
  for (const n of sorted) {
    const current = out.at(-1);
    if (current !== undefined && current[1].at(-1) === n - 1) current[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}

/** An array's items, whether the dictionary holds the array or a reference to it. */
export function arrayItems(context: PDFContext, value: PDFObject | undefined): PDFObject[] {
  if (value === undefined) return [];
  const resolved = value instanceof PDFRef ? context.lookup(value) : value;
  return resolved instanceof PDFArray ? resolved.asArray() : [];
}
