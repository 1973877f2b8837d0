// Originals as evidence: import (hash first, copy once, then record the document) and
// verification on every look, with each change in an original's state put in the audit log.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verification } from '../../shared/model/library';
import type { Stamp } from './annotations';
import { appendAudit } from './audit';
import type { DurableDb } from './durable-db';
import { StoreError } from './errors';
import { makeDirDurably } from './fs-util';
import { displayFileName } from './inputs';
import {
  extensionOf,
  ORIGINALS_DIR,
  originalPath,
  readVerifiedOriginal,
  sha256Hex,
  storeOriginal,
  verifyOriginal,
} from './originals';
import { documentRow } from './rows';

export class Evidence {
  /** Imports one at a time: two imports of one file must not both copy it. */
  private importing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly db: DurableDb,
    private readonly stamp: () => Stamp,
  ) {}

  /** Creates originals/ and removes copies an import did not finish (a crash before the rename). */
  static async prepare(dir: string): Promise<void> {
    const originals = join(dir, ORIGINALS_DIR);
    await makeDirDurably(originals);
    for (const name of await readdir(originals)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        await rm(join(originals, name), { force: true });
      }
    }
  }

  /** Hashes first, then stores the copy, then records the document; returns its hash. */
  import(fileName: string, bytes: Uint8Array): Promise<{ sha256: string; created: boolean }> {
    const sha256 = sha256Hex(bytes);
    const run = this.importing.then(() => this.importOne(sha256, fileName, bytes));
    this.importing = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no import is under way. */
  async idle(): Promise<void> {
    await this.importing;
  }

  /** Re-hashes the stored copy and records a change in its state. */
  async verify(sha256: string, ext: string): Promise<Verification> {
    const verification = await verifyOriginal(originalPath(this.dir, sha256, ext), sha256);
    await this.record(sha256, verification);
    return verification;
  }

  /** The stored copy's bytes once they hash right; VERIFICATION_FAILED (recorded) otherwise. */
  async read(sha256: string, ext: string): Promise<Uint8Array> {
    const path = originalPath(this.dir, sha256, ext);
    try {
      const bytes = await readVerifiedOriginal(path, sha256);
      await this.record(sha256, 'verified');
      return bytes;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'VERIFICATION_FAILED') {
        await this.record(sha256, await verifyOriginal(path, sha256));
      }
      throw error;
    }
  }

  private async importOne(
    sha256: string,
    fileName: string,
    bytes: Uint8Array,
  ): Promise<{ sha256: string; created: boolean }> {
    const name = displayFileName(fileName);
    if (bytes.length === 0) {
      throw new StoreError('INVALID', `${name} is empty (0 bytes): there is nothing to keep.`);
    }
    const existing = documentRow(this.db, sha256);
    if (existing) {
      const path = originalPath(this.dir, sha256, existing.ext);
      // The same bytes bring back an original that went missing; a changed one stays as evidence.
      if ((await verifyOriginal(path, sha256)) === 'missing') {
        await storeOriginal(path, sha256, bytes);
        await this.record(sha256, 'verified', true);
      }
      return { sha256, created: false };
    }
    const ext = extensionOf(name);
    await storeOriginal(originalPath(this.dir, sha256, ext), sha256, bytes);
    const at = this.stamp();
    await this.db.write((tx) => {
      tx.run(
        'INSERT INTO documents (sha256, file_name, ext, bytes, pages, added_at, analysed_at, ' +
          'state, error, summary, counts, verification) ' +
          "VALUES (?, ?, ?, ?, NULL, ?, NULL, 'pending', NULL, NULL, '{}', 'verified')",
        [sha256, name, ext, bytes.length, at.at],
      );
      appendAudit(tx, {
        ...at,
        action: 'document.imported',
        detail: { sha256, fileName: name, bytes: bytes.length },
      });
    });
    return { sha256, created: true };
  }

  /** Records a change in an original's state: once per change, not once per look. */
  private async record(
    sha256: string,
    verification: Verification,
    restored = false,
  ): Promise<void> {
    if (!restored && documentRow(this.db, sha256)?.verification === verification) return;
    const at = this.stamp();
    await this.db.write((tx) => {
      const from = documentRow(tx, sha256)?.verification;
      if (from === undefined || (from === verification && !restored)) return;
      tx.run('UPDATE documents SET verification = ? WHERE sha256 = ?', [verification, sha256]);
      appendAudit(tx, {
        ...at,
        action: restored ? 'original.restored' : `original.${verification}`,
        detail: { sha256, from, to: verification },
      });
    });
  }
}
