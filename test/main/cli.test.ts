// `claimlens analyse` run as a user runs it (the launcher, a real process), on the project's real
// fixture PDFs: what it finds, on which page, how it is stated, and how it fails on bad files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalysisReport, type DocumentResult, type Finding } from '../../shared/model/finding';
import { makeBrochurePdf } from '../fixtures/brochure';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');
const FIXTURES = 'test/fixtures/files';
const SAMPLE = 'resources/samples/sentinel-vision-brochure.pdf';

interface ManifestClaim {
  readonly page: number;
  readonly category: Finding['category'] | null;
  readonly kind: 'claim' | 'denial' | 'optional' | 'roadmap' | 'false_friend';
  readonly quote?: string;
  readonly text?: string;
  readonly sentence?: string;
}
interface ManifestEntry {
  readonly file: string;
  readonly expect: {
    pages?: number;
    error?: string;
    claims?: ManifestClaim[];
    contains?: string[];
  };
}
const manifest = JSON.parse(
  readFileSync(join(root, 'test/fixtures/manifest.json'), 'utf8'),
) as ManifestEntry[];

function claimlens(args: string[], cwd = root) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function analyseJson(args: string[]): {
  code: number | null;
  report: AnalysisReport;
  stderr: string;
} {
  const run = claimlens(['analyse', ...args, '--format', 'json']);
  return {
    code: run.code,
    report: AnalysisReport.parse(JSON.parse(run.stdout)),
    stderr: run.stderr,
  };
}

const EXPECTED_POLARITY = {
  claim: 'asserted',
  denial: 'negated',
  optional: 'optional',
  roadmap: 'roadmap',
  false_friend: 'none',
} as const;

/** Letters and digits only, so quotes compare whatever the line breaks and hyphenation. */
const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** True when the two share a run of at least `min` characters (or the shorter one whole). */
function overlaps(a: string, b: string, min = 12): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.includes(short)) return short.length > 0;
  for (let i = 0; i + min <= short.length; i++)
    if (long.includes(short.slice(i, i + min))) return true;
  return false;
}

/** The finding a reviewer would point at for a claim: same page and category, best-placed words. */
function findingFor(doc: DocumentResult, claim: ManifestClaim): Finding | undefined {
  const quote = compact(claim.quote ?? claim.text ?? '');
  const sentence = compact(claim.sentence ?? claim.text ?? '');
  const score = (f: Finding): number =>
    (overlaps(quote, compact(f.quote)) ? 1 : 0) +
    (compact(f.sentence).includes(quote) ? 2 : 0) +
    (sentence !== '' && compact(f.sentence) === sentence ? 4 : 0);
  return doc.findings
    .filter((f) => f.page === claim.page && f.category === claim.category && score(f) > 0)
    .sort((a, b) => score(b) - score(a))[0];
}

let fixtures: AnalysisReport;
let fixturesCode: number | null;

beforeAll(() => {
  const run = analyseJson([FIXTURES, SAMPLE]);
  fixtures = run.report;
  fixturesCode = run.code;
});

function resultFor(file: string): DocumentResult {
  const doc = fixtures.documents.find((d) => d.path === file);
  expect(doc, `${file} is in the output`).toBeDefined();
  return doc!;
}

describe('claimlens analyse on the fixtures', () => {
  const withClaims = manifest.filter((e) => e.expect.claims !== undefined);

  it.each(withClaims.map((e) => [e.file, e] as const))(
    '%s: every claim found, with its polarity',
    (file, entry) => {
      const doc = resultFor(file);
      expect(doc.error).toBeNull();
      expect(doc.pages).toBe(entry.expect.pages);
      const missed: string[] = [];
      for (const claim of entry.expect.claims!.filter((c) => c.kind !== 'false_friend')) {
        const f = findingFor(doc, claim);
        const want = EXPECTED_POLARITY[claim.kind];
        if (f === undefined)
          missed.push(`p.${claim.page} ${claim.category}: not found: ${claim.quote ?? claim.text}`);
        else if (f.polarity !== want && !(claim.kind === 'claim' && f.polarity === 'third_party')) {
          missed.push(
            `p.${claim.page} ${claim.category}: ${f.polarity}, expected ${want}: ${f.quote}`,
          );
        }
      }
      expect(missed).toEqual([]);
    },
  );

  it.each(withClaims.map((e) => [e.file, e] as const))(
    '%s: false friends are not flagged',
    (file, entry) => {
      const doc = resultFor(file);
      const flagged = entry.expect
        .claims!.filter((c) => c.kind === 'false_friend')
        .flatMap((c) =>
          doc.findings
            .filter(
              (f) =>
                f.page === c.page && compact(c.quote ?? c.text ?? '').includes(compact(f.quote)),
            )
            .map((f) => `${f.ruleId}: "${f.quote}" in "${c.quote ?? c.text}"`),
        );
      expect(flagged).toEqual([]);
    },
  );

  it('puts every quad inside its page, on the words of the quote', () => {
    const doc = resultFor(SAMPLE);
    expect(doc.findings.length).toBeGreaterThan(20);
    for (const f of doc.findings) {
      expect(f.quads.length, f.quote).toBeGreaterThan(0);
      for (const q of f.quads) {
        for (let i = 0; i < 8; i += 2) {
          expect(q[i]).toBeGreaterThanOrEqual(0);
          expect(q[i]).toBeLessThanOrEqual(596);
          expect(q[i + 1]).toBeGreaterThanOrEqual(0);
          expect(q[i + 1]).toBeLessThanOrEqual(842);
        }
      }
    }
  });

  it('names covered vendors and says why, and summarises the risk', () => {
    const doc = resultFor(SAMPLE);
    expect(doc.summary).toMatchObject({ risk: 'prohibited' });
    expect(doc.summary!.vendors).toEqual(expect.arrayContaining(['Dahua', 'Hikvision']));
    const hikvision = doc.findings.find((f) => f.vendor?.name === 'Hikvision');
    expect(hikvision).toMatchObject({ category: 'covered_vendor_mention', page: 4 });
    expect(hikvision!.vendor!.evidence.length).toBeGreaterThan(10);
  });

  it('reads Chinese, including a denial and a claim broken across lines', () => {
    const doc = resultFor(`${FIXTURES}/libreoffice-zh.pdf`);
    expect(doc.findings.map((f) => f.quote).join(' ')).toContain('少数民族');
    expect(doc.findings.find((f) => f.category === 'emotion_recognition')).toMatchObject({
      negated: true,
    });
  });

  it('reads owner-password-only and rotated PDFs', () => {
    expect(resultFor(`${FIXTURES}/owner-password-only.pdf`)).toMatchObject({
      error: null,
      pages: 1,
    });
    const rotated = resultFor(`${FIXTURES}/rotated.pdf`);
    expect(rotated.findings.map((f) => f.category)).toEqual(
      expect.arrayContaining(['lpr_vehicle', 'face_recognition']),
    );
  });

  it('reads a page without a text layer by OCR and says so', () => {
    const scanned = resultFor(`${FIXTURES}/scanned-no-text.pdf`);
    expect(scanned.warnings.join(' ')).toMatch(/no text layer .* was read by OCR: page 1 \(/);
    expect(scanned.findings.map((f) => f.category)).toEqual(
      expect.arrayContaining(['face_recognition', 'lpr_vehicle']),
    );
    for (const f of scanned.findings) {
      expect(f.ocrConfidence).toBeGreaterThan(0.5);
      expect(f.quads.length).toBeGreaterThan(0);
    }
  });

  it('shares a long PDF out between workers and finds exactly what one worker finds', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimlens-long-')), 'long-120.pdf');
    writeFileSync(file, await makeBrochurePdf({ pages: 120, seed: 120 }));
    const documents = (jobs: string) => {
      const out = `${file}.${jobs}.json`;
      const run = claimlens(['analyse', file, '--jobs', jobs, '--format', 'json', '--out', out]);
      expect(run.code).toBe(0);
      return AnalysisReport.parse(JSON.parse(readFileSync(out, 'utf8'))).documents;
    };
    const one = documents('1');
    expect(one[0]!.findings.length).toBeGreaterThan(100);
    expect(new Set(one[0]!.findings.map((f) => f.page)).size).toBeGreaterThan(90);
    expect(documents('2')).toEqual(one);
  });

  it("shares a short scan's OCR pages between workers and puts the document back together", async () => {
    // Page 1 has text; pages 2 and 3 are the scanned page twice, read by two workers at once.
    const scan = await PDFDocument.load(readFileSync(join(root, FIXTURES, 'scanned-no-text.pdf')));
    const doc = await PDFDocument.create();
    const cover = doc.addPage([595, 842]);
    cover.drawText('The Argus 4 camera offers ethnicity detection.', {
      x: 60,
      y: 760,
      size: 14,
      font: await doc.embedFont(StandardFonts.Helvetica),
    });
    for (const page of await doc.copyPages(scan, [0, 0])) doc.addPage(page);
    const file = join(mkdtempSync(join(tmpdir(), 'claimlens-scan-')), 'scan-3.pdf');
    writeFileSync(file, await doc.save());

    const { code, report } = analyseJson([file, '--jobs', '2']);
    expect(code).toBe(0);
    const result = report.documents[0]!;
    expect(result.pages).toBe(3);
    expect(result.warnings.join(' ')).toMatch(
      /2 pages have no text layer .* were read by OCR: pages 2-3 \(/,
    );
    const byPage = (page: number) => result.findings.filter((f) => f.page === page);
    expect(byPage(1).map((f) => f.category)).toContain('ethnicity_race');
    for (const page of [2, 3]) {
      expect(byPage(page).map((f) => f.category)).toEqual(
        expect.arrayContaining(['face_recognition', 'lpr_vehicle']),
      );
      for (const f of byPage(page)) expect(f.ocrConfidence).toBeGreaterThan(0.5);
    }
    expect(result.findings.map((f) => f.page)).toEqual(
      [...result.findings.map((f) => f.page)].sort((a, b) => a - b),
    );
  });

  it.each([
    ['encrypted.pdf', /protected by a password/],
    ['corrupt.pdf', /damaged or truncated/],
    ['truncated.pdf', /damaged or truncated/],
    ['empty.pdf', /empty \(0 bytes\)/],
    ['not-a-pdf.pdf', /not a PDF: it is a PNG image/],
    ['zero-pages.pdf', /has no pages/],
  ])('rejects %s in plain words and goes on with the rest', (file, reason) => {
    const doc = resultFor(`${FIXTURES}/${file}`);
    expect(doc.error).toMatch(reason);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.findings).toEqual([]);
  });

  it('exits 2 when any input was unreadable', () => {
    expect(fixturesCode).toBe(2);
  });
});

/** A small PDF whose pages all share one dense content stream: slow to read by design. */
function repeatedPagesPdf(pages: number): Buffer {
  const line =
    'BT /F1 9 Tf 40 800 Td 11 TL ' +
    "(Face recognition against a watchlist of 50,000 faces in real time.) ' ".repeat(80) +
    'ET';
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${line.length} >>\nstream\n${line}\nendstream`,
    ...Array.from(
      { length: pages },
      () =>
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>',
    ),
  ];
  let pdf = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

describe('claimlens analyse, options and outputs', () => {
  it('analyses the bundled sample when given no PATH, and says so', () => {
    const run = claimlens(['analyse', '--format', 'json']);
    expect(run.stderr).toContain('No PATH given: analysing the bundled sample brochure');
    expect(AnalysisReport.parse(JSON.parse(run.stdout)).documents[0]!.path).toBe(SAMPLE);
    expect(run.code).toBe(0);
  });

  it('exits 1 with --fail-on when a claim that is not denied reaches the threshold', () => {
    expect(claimlens(['analyse', SAMPLE, '--fail-on', 'prohibited', '--format', 'json']).code).toBe(
      1,
    );
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-'));
    writeFileSync(
      join(dir, 'benign.txt'),
      'A 4 MP dome camera with IP67 housing. It does not support ethnicity detection.',
    );
    expect(
      claimlens(['analyse', join(dir, 'benign.txt'), '--fail-on', 'high', '--format', 'json']).code,
    ).toBe(0);
  });

  it('writes CSV with one row per finding, spreadsheet formulas defused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-'));
    writeFileSync(
      join(dir, 'claims.txt'),
      '=HYPERLINK("x") Our cameras offer face recognition against a watchlist.',
    );
    const out = join(dir, 'out.csv');
    const run = claimlens(['analyse', join(dir, 'claims.txt'), '--format', 'csv', '--out', out]);
    expect(run.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^path,sha256,pages,error,page,severity,category,polarity,/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',face_recognition,'))).toBe(true);
    expect(lines[1]).toContain(
      `"'=HYPERLINK(""x"") Our cameras offer face recognition against a watchlist."`,
    );
  });

  it('prints JSON Lines, one document a line, in the order given', () => {
    const run = claimlens([
      'analyse',
      `${FIXTURES}/plain.txt`,
      `${FIXTURES}/empty.pdf`,
      '--format',
      'jsonl',
    ]);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as DocumentResult);
    expect(lines.map((d) => d.path)).toEqual([`${FIXTURES}/plain.txt`, `${FIXTURES}/empty.pdf`]);
  });

  it('prints a readable table with denials marked', () => {
    const run = claimlens(['analyse', SAMPLE, '--format', 'table']);
    expect(run.stdout).toContain('risk: prohibited');
    expect(run.stdout).toContain('DENIED');
    expect(run.stdout).toMatch(/1 document: \d+ findings/);
  });

  it('stops a file that takes longer than --timeout, reports it, and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-'));
    writeFileSync(join(dir, 'endless.pdf'), repeatedPagesPdf(5000));
    const run = analyseJson([
      join(dir, 'endless.pdf'),
      `${FIXTURES}/plain.txt`,
      '--timeout',
      '1',
      '--jobs',
      '1',
    ]);
    expect(run.report.documents[0]!.error).toMatch(
      /^Stopped after 1 s: the file took too long to analyse/,
    );
    expect(run.report.documents[1]).toMatchObject({ error: null, pages: 2 });
    expect(run.code).toBe(2);
  });

  it('reads scans in the languages --ocr-languages names, and refuses unknown ones', () => {
    const { code, report } = analyseJson([
      `${FIXTURES}/scanned-no-text.pdf`,
      '--ocr-languages',
      'eng',
    ]);
    expect(code).toBe(0);
    expect(report.documents[0]!.findings.map((f) => f.category)).toEqual(
      expect.arrayContaining(['face_recognition', 'lpr_vehicle']),
    );
    const bad = claimlens(['analyse', SAMPLE, '--ocr-languages', 'eng,klingon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--ocr-languages: OCR languages are a comma-separated list of eng, deu, fra, spa, chi_sim; got "klingon".',
    );
  });

  it('reports a broken rule pack with file and line, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-'));
    writeFileSync(
      join(dir, 'broken.yaml'),
      'pack: { id: mine, name: Mine, version: 1.0.0 }\nrules:\n  - id: x\n    title: X\n',
    );
    const run = claimlens(['analyse', SAMPLE, '--rules', join(dir, 'broken.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.yaml:3:5: rules\[0\] \(x\) > category: is missing/);
  });

  it('rejects bad options with the usage text and exit code 2', () => {
    const run = claimlens(['analyse', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format must be one of json, jsonl, csv, table');
    expect(run.stderr).toContain('Usage:');
  });

  it('check-rules tests a user pack with the bundled denial and hedge words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-'));
    const pack = [
      'pack: { id: mine, name: Mine, version: 1.0.0 }',
      'rules:',
      '  - id: mine.attention',
      '    title: Shopper attention scoring',
      '    category: emotion_recognition',
      '    explanation: Scores how attentive each shopper is from their face, which is emotion recognition.',
      '    languages: [en]',
      "    patterns: ['shopper attention ~2 scor*']",
      '    tests:',
      '      match: [{ text: Shopper attention scoring is optional., polarity: optional }]',
      '      no_match: [We pay attention to detail.]',
    ].join('\n');
    writeFileSync(join(dir, 'mine.yaml'), pack);
    const run = claimlens(['check-rules', join(dir, 'mine.yaml')]);
    expect(run.stdout).toBe('1 pack, 1 rule, 2 test sentences: all pass.\n');
    expect(run.code).toBe(0);
    writeFileSync(join(dir, 'mine.yaml'), pack.replace('polarity: optional', 'polarity: negated'));
    const failing = claimlens(['check-rules', join(dir, 'mine.yaml')]);
    expect(failing.stdout).toContain(
      'FAIL mine/mine.attention: "Shopper attention scoring is optional." matched as optional but should be negated',
    );
    expect(failing.code).toBe(1);
  });

  it('check-rules runs every rule test sentence of the bundled packs', () => {
    const run = claimlens(['check-rules']);
    expect(run.stdout).toMatch(/\d+ packs?, \d+ rules, \d+ test sentences: all pass\./);
    expect(run.code).toBe(0);
  });
});
