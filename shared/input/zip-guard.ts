// Checks a ZIP archive (a Word file) before anything unpacks it: how many entries, how large
// they say they are, and that each really inflates to no more than it says, one entry at a time
// in small slices that stop at once past the size declared. A zip bomb or a damaged archive is
// refused in plain words, in bounded memory, before mammoth (through JSZip) would inflate it
// whole. Pure (fflate), so the command line and the app's sandbox run the same checks.
import { Inflate } from 'fflate';
import { ReadError } from '../model/errors';
import { utf8 } from './decode-text';

export interface ZipLimits {
  /** Most bytes all entries may unpack to together. */
  readonly maxTotal: number;
  readonly maxEntries: number;
  /** Most an entry may grow on unpacking (deflate tops out near 1032:1; text about 10:1). */
  readonly maxRatio: number;
}

export const DOCX_LIMITS: ZipLimits = {
  maxTotal: 256 * 1024 * 1024,
  maxEntries: 5000,
  maxRatio: 200,
};

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Packed bytes fed to the inflater at a time: at most about 16 MB come out of one slice. */
const SLICE = 16 * 1024;

function damaged(detail: string): ReadError {
  return new ReadError('DOCX_INVALID', `The Word file is damaged (${detail}) and cannot be read.`);
}

/** The archive's entries from its central directory, checked against the limits. */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(bytes, view);
  if (entries.length > limits.maxEntries) {
    throw new ReadError(
      'DOCX_INVALID',
      `The Word file holds ${entries.length} parts (more than ${limits.maxEntries}), so ` +
        'ClaimLens did not unpack it: it is damaged or built to exhaust memory.',
    );
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotal) throw tooLarge(total, limits);
  for (const entry of entries) verifyEntry(bytes, view, entry, limits);
  return entries;
}

function centralDirectory(bytes: Uint8Array, view: DataView): ZipEntry[] {
  // The end record sits in the last 22 bytes plus a comment of up to 64 KB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('no ZIP directory at its end; it may be truncated');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new ReadError(
      'DOCX_INVALID',
      'The Word file is a ZIP64 archive, which Word never writes; ClaimLens did not unpack it.',
    );
  }
  if (offset + size > end) throw damaged('its ZIP directory points outside the file');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) {
      throw damaged('its ZIP directory is cut short');
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: utf8(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Thrown from the inflater's output callback to stop it at once. */
class Overflow extends Error {}

/** Inflates one entry, stopping as soon as it yields more than it declares: a lie is caught early. */
function verifyEntry(bytes: Uint8Array, view: DataView, e: ZipEntry, limits: ZipLimits): void {
  if (e.size > 1024 * 1024 && e.size > e.compressedSize * limits.maxRatio) {
    throw tooLarge(e.size, limits, e.name);
  }
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    throw damaged(`the part ${e.name} is missing`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.length) throw damaged(`the part ${e.name} is cut short`);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw damaged(`the part ${e.name} has the wrong size`);
    return;
  }
  if (e.method !== 8) {
    throw damaged(`the part ${e.name} uses compression method ${e.method}, which Word never uses`);
  }
  let out = 0;
  const inflater = new Inflate((chunk) => {
    out += chunk.length;
    if (out > e.size) throw new Overflow();
  });
  try {
    let from = 0;
    do {
      const to = Math.min(data.length, from + SLICE);
      inflater.push(data.subarray(from, to), to === data.length);
      from = to;
    } while (from < data.length);
  } catch (error) {
    if (error instanceof Overflow) {
      throw new ReadError(
        'DOCX_INVALID',
        `The Word file's part ${e.name} unpacks to more than the ${e.size} bytes it declares ` +
          '(a zip bomb or a damaged file), so ClaimLens stopped unpacking it.',
      );
    }
    throw damaged(`the part ${e.name} cannot be unpacked`);
  }
  if (out !== e.size) throw damaged(`the part ${e.name} has the wrong size`);
}

function tooLarge(bytes: number, limits: ZipLimits, part?: string): ReadError {
  const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;
  return new ReadError(
    'DOCX_INVALID',
    `The Word file${part ? `'s part ${part}` : ''} would unpack to ${mb(bytes)} ` +
      `(ClaimLens unpacks at most ${mb(limits.maxTotal)}, at most ${limits.maxRatio} times ` +
      'smaller packed): it looks like a zip bomb, so it was not opened.',
  );
}
