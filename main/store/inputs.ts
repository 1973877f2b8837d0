// Checks on what users type or select (names, notes, tags, highlights), with messages in plain
// words; the IPC schemas check shapes, these check meaning.
import { basename } from 'node:path';
import type { Quad } from '../../shared/model/finding';
import { TRIAGE_STATUSES, type TriageStatus } from '../../shared/model/library';
import { StoreError } from './errors';

export const MAX_NOTE_LENGTH = 100_000;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
export const MAX_NAME_LENGTH = 200;

function invalid(message: string): StoreError {
  return new StoreError('INVALID', message);
}

/** The file name shown in the library: the last part of whatever path the caller passed. */
export function displayFileName(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/')).trim();
  if (!name) throw invalid('The file has no name.');
  return name;
}

export function checkNoteText(text: string): string {
  if (!text.trim()) throw invalid('A note needs some text; delete the note to remove it.');
  if (text.length > MAX_NOTE_LENGTH) {
    throw invalid(`A note can hold up to ${MAX_NOTE_LENGTH.toLocaleString('en')} characters.`);
  }
  return text;
}

/** Tags trimmed, inner spaces collapsed, empty ones dropped, each kept once, in the given order. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) continue;
    if (tag.length > MAX_TAG_LENGTH) {
      throw invalid(
        `A tag can be up to ${MAX_TAG_LENGTH} characters long: "${tag.slice(0, 40)}…".`,
      );
    }
    seen.add(tag);
  }
  if (seen.size > MAX_TAGS) throw invalid(`A document can have up to ${MAX_TAGS} tags.`);
  return [...seen];
}

export function checkReviewerName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw invalid('The reviewer name cannot be empty.');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw invalid(`The reviewer name can be up to ${MAX_NAME_LENGTH} characters long.`);
  }
  return trimmed;
}

export function checkStatus(status: string): TriageStatus {
  const known: readonly string[] = TRIAGE_STATUSES;
  if (!known.includes(status)) {
    throw invalid(`"${status}" is not a triage status; use one of ${TRIAGE_STATUSES.join(', ')}.`);
  }
  return status as TriageStatus;
}

export function checkHighlight(page: number, pages: number | null, quads: readonly Quad[]): void {
  if (!Number.isInteger(page) || page < 1) throw invalid(`There is no page ${page}.`);
  if (pages !== null && page > pages) {
    throw invalid(`There is no page ${page}: the document has ${pages} pages.`);
  }
  if (quads.length === 0) throw invalid('A highlight needs at least one area on the page.');
  for (const quad of quads) {
    if (!quad.every((n) => Number.isFinite(n))) {
      throw invalid('A highlight area must be eight finite numbers (PDF QuadPoints).');
    }
  }
}
