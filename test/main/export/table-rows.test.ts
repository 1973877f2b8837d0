// CSV and JSON exports from a real library: one row per finding and per reviewer highlight, notes
// joined with author and time, and spreadsheet formulas in document text defused.
import { describe, expect, it } from 'vitest';
import { gatherEvidence } from '../../../main/export/document-args';
import { exportCsv, exportJson, type ExportRow } from '../../../main/export/table-rows';
import { LibraryStore } from '../../../main/store/library-store';
import { DOCUMENT_NOTE, HIGHLIGHT_NOTE, makeLibrary, NOTE_TEXT } from './helpers';

/** RFC 4180 parser: quoted cells with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

async function libraryEvidence() {
  const lib = await makeLibrary();
  // A reviewer's highlight on text that a spreadsheet would run as a formula.
  const store = await LibraryStore.open(lib.dir);
  await store.addHighlight({
    sha256: lib.sha256,
    page: 2,
    quote: '=HYPERLINK("x")',
    quads: [[72, 700, 150, 700, 72, 688, 150, 688]],
  });
  await store.close();
  const [doc] = await gatherEvidence({ library: lib.dir, documents: [lib.sha256] });
  return { lib, doc: doc! };
}

describe('CSV and JSON exports', () => {
  it('writes one CSV row per finding, highlight and document note, formula-safe', async () => {
    const { lib, doc } = await libraryEvidence();
    const [header, ...rows] = parseCsv(exportCsv([doc]));
    const col = (name: string) => header!.indexOf(name);
    expect(header).toEqual(
      expect.arrayContaining([
        'document_sha256',
        'file_name',
        'page',
        'quote',
        'rule_id',
        'category',
        'severity',
        'polarity',
        'status',
        'notes',
      ]),
    );
    expect(rows).toHaveLength(doc.detail.findings.length + 2 + 1);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    expect(rows.every((r) => r[col('document_sha256')] === lib.sha256)).toBe(true);
    const confirmed = rows.find((r) => r[col('id')] === lib.confirmedId)!;
    expect(confirmed[col('status')]).toBe('confirmed');
    expect(confirmed[col('notes')]).toMatch(/^Ada Lawyer, 2026-01-05 \d\d:\d\d UTC: /);
    expect(confirmed[col('notes')]).toContain(NOTE_TEXT);
    const highlight = rows.find((r) => r[col('id')] === lib.highlightId)!;
    expect(highlight[col('kind')]).toBe('highlight');
    expect(highlight[col('notes')]).toContain(HIGHLIGHT_NOTE);
    expect(rows.find((r) => r[col('kind')] === 'document-note')?.[col('notes')]).toContain(
      DOCUMENT_NOTE,
    );
    expect(rows.some((r) => r[col('quote')] === `'=HYPERLINK("x")`)).toBe(true);
  });

  it('writes the same rows as JSON with each document’s identity and provenance', async () => {
    const { lib, doc } = await libraryEvidence();
    const json = JSON.parse(exportJson([doc])) as {
      tool: { name: string };
      exportedBy: string;
      documents: { sha256: string; engine: string; rulePacks: unknown[] }[];
      rows: ExportRow[];
    };
    expect(json.tool.name).toBe('claimlens');
    expect(json.exportedBy).toBe('Ada Lawyer');
    expect(json.documents[0]!.sha256).toBe(lib.sha256);
    expect(json.documents[0]!.rulePacks.length).toBeGreaterThan(0);
    const confirmed = json.rows.find((r) => r.id === lib.confirmedId)!;
    expect(confirmed.notes[0]).toMatchObject({ author: 'Ada Lawyer', text: NOTE_TEXT });
    expect(json.rows.find((r) => r.quote.startsWith('=HYPERLINK'))).toBeDefined();
  });
});
