// A long PDF shared out between workers, as a worker sees it: the first part analysed and the
// rest announced, later parts read from the document the worker kept open, and a file that
// changed between parts refused in plain words instead of mixing two editions' findings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyseFile,
  analysePdfPages,
  preparePdf,
  type SplitAnnouncement,
} from '../../../main/extract/analyse-file';
import { KeptPdf } from '../../../main/extract/kept-pdf';
import { bundledRulesDir, loadPacks } from '../../../main/rules/load-packs';
import type { Finding } from '../../../shared/model/finding';
import { compileRules, type CompiledRules } from '../../../shared/rules/compile';
import { makeBrochurePdf } from '../../fixtures/brochure';

const PAGES = 30;
let rules: CompiledRules;
let bytes: Uint8Array;
const work = mkdtempSync(join(tmpdir(), 'claimlens-parts-'));

beforeAll(async () => {
  rules = compileRules(loadPacks([bundledRulesDir()]));
  bytes = await makeBrochurePdf({ pages: PAGES, seed: 7 });
});

const byPlace = (a: Finding, b: Finding): number => a.page - b.page || a.start - b.start;

/** Analyses `path` as the first worker does, cutting it in two parts; returns what it announced. */
async function firstPart(path: string, kept: KeptPdf) {
  const announced: SplitAnnouncement[] = [];
  const outcome = await analyseFile(path, rules, {
    plan: (pages) => [
      [1, 10],
      [11, pages],
    ],
    planOcr: (pages) => [[1, pages]],
    announce: (split) => announced.push(split),
    kept,
  });
  if (outcome.kind !== 'part') throw new Error(`expected a part, got ${outcome.kind}`);
  return { part: outcome.part, announced };
}

describe('a PDF shared out in parts', () => {
  it('finds in its parts exactly what one reading of the whole document finds', async () => {
    const path = join(work, 'whole.pdf');
    writeFileSync(path, bytes);
    const whole = await analyseFile(path, rules);
    if (whole.kind !== 'done') throw new Error('expected a whole document');

    const kept = new KeptPdf();
    const { part, announced } = await firstPart(path, kept);
    expect(announced).toEqual([
      { sha256: whole.result.sha256, pageCount: PAGES, rest: [[11, PAGES]] },
    ]);
    expect(new Set(part.findings.map((f) => f.page))).toEqual(
      new Set(whole.result.findings.filter((f) => f.page <= 10).map((f) => f.page)),
    );
    const rest = await analysePdfPages(path, whole.result.sha256!, rules, [11, PAGES], kept);
    expect([...part.findings, ...rest.findings].sort(byPlace)).toEqual(whole.result.findings);
    await kept.release();
  });

  it('reads a later part from the document it kept open, without the file', async () => {
    const path = join(work, 'kept.pdf');
    writeFileSync(path, bytes);
    const kept = new KeptPdf();
    const { announced } = await firstPart(path, kept);
    rmSync(path);
    const rest = await analysePdfPages(path, announced[0]!.sha256, rules, [11, PAGES], kept);
    expect(rest.findings.length).toBeGreaterThan(0);
    expect(rest.findings.every((f) => f.page >= 11 && f.page <= PAGES)).toBe(true);
    await kept.release();
  });

  it('reads a part from the document a waiting worker opened beforehand, without the file', async () => {
    const path = join(work, 'prepared.pdf');
    writeFileSync(path, bytes);
    const kept = new KeptPdf();
    await preparePdf(path, kept);
    const { announced } = await firstPart(path, new KeptPdf());
    rmSync(path);
    const rest = await analysePdfPages(path, announced[0]!.sha256, rules, [11, PAGES], kept);
    expect(rest.findings.length).toBeGreaterThan(0);
    await kept.release();
  });

  it('leaves a file that is not a PDF, or is missing, to the worker that reads it whole', async () => {
    const text = join(work, 'notes.txt');
    writeFileSync(text, 'Face recognition on every camera.');
    const kept = new KeptPdf();
    await expect(preparePdf(text, kept)).resolves.toBeUndefined();
    await expect(preparePdf(join(work, 'missing.pdf'), kept)).resolves.toBeUndefined();
  });

  it('refuses a part when the file changed after the first worker hashed it', async () => {
    const path = join(work, 'changed.pdf');
    writeFileSync(path, bytes);
    const { announced } = await firstPart(path, new KeptPdf());
    writeFileSync(path, await makeBrochurePdf({ pages: PAGES, seed: 8 }));
    // Another worker, which has not opened the document yet.
    await expect(
      analysePdfPages(path, announced[0]!.sha256, rules, [11, PAGES], new KeptPdf()),
    ).rejects.toThrow(
      'The file changed while it was being analysed; run the analysis again once it is complete.',
    );
  });
});
