// `claimlens diff OLD NEW` run as a user runs it, on two editions of a brochure made with pdf-lib
// (test/main/diff-editions.ts): what was removed, added and changed, and that a claim that only
// moved to another page is unchanged.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffEditions, EditionDiff, type DiffInput } from '../../shared/diff/diff';
import { ToolInfo } from '../../shared/model/finding';
import { writeEditions } from './diff-editions';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
let oldPdf: string;
let newPdf: string;

beforeAll(async () => {
  mkdirSync(join(root, 'test', '.output'), { recursive: true });
  dir = mkdtempSync(join(root, 'test', '.output', 'diff-'));
  ({ oldPdf, newPdf } = await writeEditions(dir));
});

describe('claimlens diff on two editions', () => {
  let diff: EditionDiff;
  beforeAll(() => {
    const run = claimlens(['diff', oldPdf, newPdf, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    diff = EditionDiff.extend({ tool: ToolInfo }).parse(JSON.parse(run.stdout));
  });

  it('counts what was added, removed, changed and kept', () => {
    expect(diff.summary).toEqual({ added: 1, removed: 2, changed: 3, unchanged: 2, moved: 1 });
    expect(diff.old.pages).toBe(3);
    expect(diff.new.pages).toBe(5);
    expect(diff.old.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists the removed demographic claims with their old page', () => {
    const removed = diff.changes.filter((c) => c.kind === 'removed');
    expect(removed.map((c) => c.category).sort()).toEqual([
      'demographic_attributes',
      'ethnicity_race',
    ]);
    for (const c of removed) {
      expect(c.old?.page).toBe(2);
      expect(c.new).toBeNull();
    }
  });

  it('lists the added gait claim on its new page', () => {
    const added = diff.changes.filter((c) => c.kind === 'added');
    expect(added).toHaveLength(1);
    expect(added[0]!.new).toMatchObject({
      page: 3,
      quote: 'Gait recognition',
      polarity: 'roadmap',
    });
    expect(added[0]!.old).toBeNull();
  });

  it('says which part of a changed claim changed', () => {
    const changed = new Map(
      diff.changes.filter((c) => c.kind === 'changed').map((c) => [c.category, c]),
    );
    expect(changed.get('data_transfer_cloud')?.fields).toEqual(['sentence']);
    expect(changed.get('lpr_vehicle')?.fields).toEqual(['polarity', 'sentence']);
    expect(changed.get('lpr_vehicle')?.old?.polarity).toBe('roadmap');
    expect(changed.get('lpr_vehicle')?.new?.polarity).toBe('asserted');
    const face = changed.get('face_recognition');
    expect(face?.fields).toEqual(['quote', 'sentence']);
    expect(face?.old?.quote).toBe('faces against a blacklist');
    expect(face?.new?.quote).toBe('faces against a watch list');
  });

  it('does not report the emotion claim that moved from page 3 to page 5', () => {
    expect(diff.changes.some((c) => c.category === 'emotion_recognition')).toBe(false);
    expect(diff.changes.some((c) => c.ruleId.startsWith('face.') && c.fields.length === 0)).toBe(
      false,
    );
  });

  it('keeps each changed finding on the page and place it is printed', () => {
    for (const c of diff.changes) {
      for (const f of [c.old, c.new]) if (f) expect(f.quads.length).toBeGreaterThan(0);
    }
  });
});

describe('claimlens diff formats and errors', () => {
  it('prints CSV with one row per change', () => {
    const run = claimlens(['diff', oldPdf, newPdf, '--format', 'csv']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^change,fields,rule_id,category,title,old_page/);
    expect(lines).toHaveLength(1 + 6);
    expect(lines.filter((l) => l.startsWith('removed,'))).toHaveLength(2);
    expect(lines.some((l) => l.startsWith('changed,polarity sentence,'))).toBe(true);
  });

  it('prints a table a reader can follow', () => {
    const run = claimlens(['diff', oldPdf, newPdf, '--format', 'table']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 added, 2 removed, 3 changed, 2 unchanged (1 on another page).');
    expect(run.stdout).toMatch(/REMOVED +PROHIBITED +p\.2 -> -/);
    expect(run.stdout).toMatch(/ADDED +HIGH +- -> p\.3/);
  });

  it('writes to --out and exits 1 when --fail-on is reached by an added claim', () => {
    const out = join(dir, 'diff.json');
    const run = claimlens(['diff', oldPdf, newPdf, '--out', out, '--fail-on', 'high']);
    expect(run.code).toBe(1);
    const prohibited = claimlens(['diff', oldPdf, newPdf, '--fail-on', 'prohibited']);
    expect(prohibited.code).toBe(0);
  });

  it('exits 2 with a plain reason for a missing or unreadable edition', () => {
    const missing = claimlens(['diff', oldPdf, join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not a file');
    const broken = join(dir, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\nthis is not really a PDF');
    const bad = claimlens(['diff', oldPdf, broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot be read');
    const usage = claimlens(['diff', oldPdf]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('compares two editions');
  });
});

describe('diffEditions', () => {
  const finding = (over: Partial<DiffInput>): DiffInput => ({
    id: `${over.page ?? 1}-${over.quote ?? 'x'}`,
    ruleId: 'face.watchlist',
    title: 'Face matching',
    category: 'face_recognition',
    severity: 'high',
    polarity: 'asserted',
    negated: false,
    page: 1,
    quote: 'face recognition',
    sentence: 'Face recognition on every camera.',
    quads: [],
    ...over,
  });
  const edition = (findings: DiffInput[]) => ({ name: 'x', sha256: null, pages: 9, findings });

  it('pairs repeated quotes by sentence first, whatever their pages', () => {
    const a = 'Face recognition in the lobby.';
    const b = 'Face recognition at the gate.';
    const diff = diffEditions(
      edition([finding({ page: 1, sentence: a }), finding({ page: 2, sentence: b })]),
      edition([finding({ page: 7, sentence: b }), finding({ page: 8, sentence: a })]),
    );
    expect(diff.summary).toMatchObject({ unchanged: 2, moved: 2, changed: 0 });
  });

  it('ignores case, width and punctuation in quotes, and sees a severity change', () => {
    const diff = diffEditions(
      edition([finding({ quote: 'Face-Recognition', severity: 'medium' })]),
      edition([finding({ quote: 'ｆａｃｅ recognition', severity: 'high' })]),
    );
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]!.fields).toEqual(['severity']);
  });

  it('does not pair different rules, nor unrelated sentences of one rule', () => {
    const diff = diffEditions(
      edition([finding({ quote: 'watchlist alarms', sentence: 'Watchlist alarms by e-mail.' })]),
      edition([
        finding({ ruleId: 'other', quote: 'watchlist alarms', sentence: 'Watchlist alarms.' }),
        finding({ quote: 'blacklist', sentence: 'A completely different text here.' }),
      ]),
    );
    expect(diff.summary).toMatchObject({ added: 2, removed: 1, changed: 0 });
  });
});
