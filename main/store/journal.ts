// The write-ahead journal: one JSON line per committed change, appended and fsynced before the
// change is acknowledged, in numbered segment files that checkpoints retire. Also reads the
// segments back, telling a torn last line (a crash mid-write) from real damage.
import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { syncDir, writeAll } from './fs-util';
import type { Param } from './sqlite';

/** One committed transaction: its statements (each text once) and the runs that bind them. */
export interface JournalEntry {
  readonly seq: number;
  readonly sql: readonly string[];
  readonly run: readonly (readonly [number, readonly Param[]])[];
}

// `{"crc":"0123abcd","entry":{...}}`: the CRC covers the entry's exact text, so a line that was
// cut short or overwritten with junk is recognised without trusting JSON.parse alone.
const PREFIX = '{"crc":"';
const MIDDLE = '","entry":';
const BODY_START = PREFIX.length + 8 + MIDDLE.length;

export function encodeEntry(entry: JournalEntry): string {
  const body = JSON.stringify(entry);
  const crc = crc32(body).toString(16).padStart(8, '0');
  return `${PREFIX}${crc}${MIDDLE}${body}}\n`;
}

export function decodeLine(line: string): JournalEntry | null {
  if (!line.startsWith(PREFIX) || !line.endsWith('}') || line.length < BODY_START + 2) return null;
  const crc = line.slice(PREFIX.length, PREFIX.length + 8);
  if (line.slice(PREFIX.length + 8, BODY_START) !== MIDDLE) return null;
  const body = line.slice(BODY_START, -1);
  if (crc32(body).toString(16).padStart(8, '0') !== crc) return null;
  try {
    const entry = JSON.parse(body) as JournalEntry;
    return Number.isSafeInteger(entry.seq) && Array.isArray(entry.sql) && Array.isArray(entry.run)
      ? entry
      : null;
  } catch {
    return null;
  }
}

export interface Segment {
  readonly path: string;
  readonly entries: JournalEntry[];
  /**
   * The 1-based line where unreadable text starts with readable lines after it: real damage.
   * Unreadable text with nothing readable after it is a write a crash interrupted, and ignored.
   */
  readonly damagedLine: number | null;
}

const SEGMENT_NAME = /^(\d{16})\.jsonl$/;

function segmentName(firstSeq: number): string {
  return `${String(firstSeq).padStart(16, '0')}.jsonl`;
}

export async function listSegments(journalDir: string): Promise<string[]> {
  const names = (await readdir(journalDir)).filter((name) => SEGMENT_NAME.test(name)).sort();
  return names.map((name) => join(journalDir, name));
}

export async function readSegment(path: string): Promise<Segment> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  // Text after the last newline is a line whose write never finished.
  lines.pop();
  const entries: JournalEntry[] = [];
  let badLine: number | null = null;
  for (const [index, line] of lines.entries()) {
    const entry = decodeLine(line);
    if (entry && badLine === null) entries.push(entry);
    else if (!entry && badLine === null) badLine = index + 1;
    else if (entry) return { path, entries, damagedLine: badLine };
  }
  // Bad lines with nothing readable after them are the tail of an interrupted append (some
  // file systems leave zeros, or old blocks, where the unwritten part was): harmless.
  return { path, entries, damagedLine: null };
}

interface Pending {
  readonly line: string;
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** A segment a checkpoint took out of use: close it and delete it once the snapshot is safe. */
export interface RetiredSegments {
  readonly paths: readonly string[];
  release(): Promise<void>;
}

/**
 * Appends entries in order. Entries that arrive while an fsync is under way are written
 * together with one more fsync (group commit), so a burst of saves does not queue one disk
 * flush per save. After a failed write nothing more is accepted: what is on disk is then
 * unknown until the library is reopened and the journal read back.
 */
export class JournalWriter {
  private handle: FileHandle | null = null;
  private paths: string[] = [];
  private pending: Pending[] = [];
  private batch: Promise<void> | null = null;
  private draining: Promise<void> | null = null;
  private failure: Error | null = null;
  /** Bytes appended since the last checkpoint took the segments out of use. */
  bytes = 0;

  constructor(private readonly dir: string) {}

  get failed(): Error | null {
    return this.failure;
  }

  append(entry: JournalEntry): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const line = encodeEntry(entry);
    this.bytes += line.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, seq: entry.seq, resolve, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  /** Resolves once everything appended so far is on disk (or has failed). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * Starts a new segment for the next batch. The one in flight, if any, finishes in the old
   * segment; `release` waits for it, then closes the old file.
   */
  retire(): RetiredSegments {
    const handle = this.handle;
    const inFlight = this.batch;
    const paths = this.paths;
    this.handle = null;
    this.paths = [];
    this.bytes = 0;
    return {
      paths,
      release: async () => {
        await inFlight?.catch(() => undefined);
        await handle?.close();
      },
    };
  }

  async close(): Promise<void> {
    await this.idle();
    await this.handle?.close();
    this.handle = null;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && this.failure === null) {
      const batch = this.pending;
      this.pending = [];
      this.batch = this.write(batch);
      try {
        await this.batch;
        for (const item of batch) item.resolve();
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
        for (const item of [...batch, ...this.pending]) item.reject(this.failure);
        this.pending = [];
      } finally {
        this.batch = null;
      }
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const handle = this.handle ?? (await this.openSegment(batch[0]!.seq));
    await writeAll(handle, Buffer.from(batch.map((item) => item.line).join(''), 'utf8'));
    await handle.datasync();
  }

  private async openSegment(firstSeq: number): Promise<FileHandle> {
    const path = join(this.dir, segmentName(firstSeq));
    // 'wx': a segment is never appended to after a restart, so a torn line stays at its end.
    const handle = await open(path, 'wx');
    try {
      // The new file's name must be on disk before anything in it is acknowledged.
      await syncDir(this.dir);
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.handle = handle;
    this.paths.push(path);
    return handle;
  }
}
