// A reviewer's own work on a document: notes (on a finding, a user highlight or the document
// itself) and user highlights, each change recorded in the audit log.
import { randomUUID } from 'node:crypto';
import type { Quad } from '../../shared/model/finding';
import type { Note, UserHighlight } from '../../shared/model/library';
import { appendAudit } from './audit';
import type { DurableDb } from './durable-db';
import type { Tx } from './transaction';
import { shortHash, StoreError } from './errors';
import { checkHighlight, checkNoteText } from './inputs';
import { readHighlight, readNote, toHighlight, toNote, type NoteRow } from './rows';

export interface Stamp {
  readonly at: string;
  readonly actor: string;
}

export interface NoteInput {
  readonly sha256: string;
  readonly targetId: string;
  readonly text: string;
  readonly noteId?: string | undefined;
}

export interface HighlightInput {
  readonly sha256: string;
  readonly page: number;
  readonly quote: string;
  readonly quads: Quad[];
}

function documentPages(tx: Tx, sha256: string): { pages: number | null } {
  const row = tx.get<{ pages: number | null }>('SELECT pages FROM documents WHERE sha256 = ?', [
    sha256,
  ]);
  if (!row)
    throw new StoreError('NOT_FOUND', `Document ${shortHash(sha256)} is not in the library.`);
  return row;
}

/** Whether `targetId` names something on the document a note can be attached to. */
function targetExists(tx: Tx, sha256: string, targetId: string): boolean {
  return (
    targetId === sha256 ||
    tx.get('SELECT 1 FROM findings WHERE sha256 = ? AND id = ? AND current = 1', [
      sha256,
      targetId,
    ]) !== undefined ||
    tx.get('SELECT 1 FROM highlights WHERE sha256 = ? AND id = ?', [sha256, targetId]) !== undefined
  );
}

function noteNotFound(sha256: string, noteId: string): StoreError {
  return new StoreError(
    'NOT_FOUND',
    `Note ${noteId} is not on document ${shortHash(sha256)}; it may have been deleted.`,
  );
}

export class Annotations {
  constructor(
    private readonly db: DurableDb,
    private readonly stamp: () => Stamp,
  ) {}

  async saveNote(input: NoteInput): Promise<Note> {
    const text = checkNoteText(input.text);
    const at = this.stamp();
    const { sha256, targetId, noteId } = input;
    return await this.db.write((tx) => {
      documentPages(tx, sha256);
      if (noteId !== undefined) {
        const row = readNote(tx, sha256, noteId);
        if (!row) throw noteNotFound(sha256, noteId);
        if (row.target_id !== targetId) {
          throw new StoreError(
            'INVALID',
            'A note stays on what it was written on; write a new note instead.',
          );
        }
        if (row.text === text) return toNote(row);
        tx.run('UPDATE notes SET text = ?, updated_at = ? WHERE id = ?', [text, at.at, noteId]);
        appendAudit(tx, {
          ...at,
          action: 'note.updated',
          detail: { sha256, noteId, targetId, text },
        });
        return toNote({ ...row, text, updated_at: at.at });
      }
      if (!targetExists(tx, sha256, targetId)) {
        throw new StoreError(
          'NOT_FOUND',
          `There is no finding or highlight ${targetId} on document ${shortHash(sha256)} to attach the note to.`,
        );
      }
      const row: NoteRow = {
        id: randomUUID(),
        target_id: targetId,
        text,
        author: at.actor,
        created_at: at.at,
        updated_at: at.at,
      };
      tx.run(
        'INSERT INTO notes (id, sha256, target_id, text, author, created_at, updated_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
        [row.id, sha256, targetId, text, row.author, row.created_at, row.updated_at],
      );
      appendAudit(tx, {
        ...at,
        action: 'note.created',
        detail: { sha256, noteId: row.id, targetId, text },
      });
      return toNote(row);
    });
  }

  async deleteNote(sha256: string, noteId: string): Promise<void> {
    const at = this.stamp();
    await this.db.write((tx) => {
      documentPages(tx, sha256);
      const row = readNote(tx, sha256, noteId);
      if (!row) throw noteNotFound(sha256, noteId);
      this.removeNote(tx, sha256, row, at);
    });
  }

  async addHighlight(input: HighlightInput): Promise<UserHighlight> {
    const at = this.stamp();
    const { sha256, page, quote, quads } = input;
    return await this.db.write((tx) => {
      checkHighlight(page, documentPages(tx, sha256).pages, quads);
      const row = {
        id: randomUUID(),
        page,
        quote,
        quads: JSON.stringify(quads),
        created_by: at.actor,
        created_at: at.at,
      };
      tx.run(
        'INSERT INTO highlights (id, sha256, page, quote, quads, created_by, created_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
        [row.id, sha256, page, quote, row.quads, row.created_by, row.created_at],
      );
      appendAudit(tx, {
        ...at,
        action: 'highlight.added',
        detail: { sha256, highlightId: row.id, page, quote, quads },
      });
      return toHighlight(row);
    });
  }

  async removeHighlight(sha256: string, highlightId: string): Promise<void> {
    const at = this.stamp();
    await this.db.write((tx) => {
      documentPages(tx, sha256);
      const row = readHighlight(tx, sha256, highlightId);
      if (!row) {
        throw new StoreError(
          'NOT_FOUND',
          `Highlight ${highlightId} is not on document ${shortHash(sha256)}; it may have been removed.`,
        );
      }
      const notes = tx.all<NoteRow>(
        'SELECT id, target_id, text, author, created_at, updated_at FROM notes ' +
          'WHERE sha256 = ? AND target_id = ? ORDER BY created_at, rowid',
        [sha256, highlightId],
      );
      for (const note of notes) this.removeNote(tx, sha256, note, at);
      tx.run('DELETE FROM highlights WHERE id = ?', [highlightId]);
      appendAudit(tx, {
        ...at,
        action: 'highlight.removed',
        detail: { sha256, highlightId, page: row.page, quote: row.quote },
      });
    });
  }

  private removeNote(tx: Tx, sha256: string, row: NoteRow, at: Stamp): void {
    tx.run('DELETE FROM notes WHERE id = ?', [row.id]);
    appendAudit(tx, {
      ...at,
      action: 'note.deleted',
      detail: { sha256, noteId: row.id, targetId: row.target_id, text: row.text },
    });
  }
}
