// `claimlens diff --format html|pdf`: the comparison report, run as a user runs it, on two
// editions of a brochure made with pdf-lib (test/main/diff-editions.ts: claims removed, one
// added, one changed polarity), and on an edition whose text carries markup. The HTML is parsed
// back (htmlparser2), the PDF read back with pdf.js.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../main/extract/extract-pdf';
import { brochurePdf, NEW_PAGES, OLD_PAGES, writeEditions } from './diff-editions';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'main', 'cli', 'claimlens.mjs');

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

let dir: string;
let oldPdf: string;
let newPdf: string;

beforeAll(async () => {
  mkdirSync(join(root, 'test', '.output'), { recursive: true });
  dir = mkdtempSync(join(root, 'test', '.output', 'diff-report-'));
  ({ oldPdf, newPdf } = await writeEditions(dir));
});

function articles(dom: Document): Element[] {
  return DomUtils.findAll((e) => 'data-change-kind' in e.attribs, dom.children);
}

function sideOf(article: Element, which: 'old' | 'new'): Element {
  const side = DomUtils.findOne(
    (e) => e.name === 'section' && (e.attribs.class ?? '').split(' ').includes(which),
    article.children,
  );
  expect(side, `the ${which} side of a change`).not.toBeNull();
  return side!;
}

describe('claimlens diff --format html', () => {
  let html: string;
  let dom: Document;
  beforeAll(() => {
    const out = join(dir, 'comparison.html');
    const run = claimlens(['diff', oldPdf, newPdf, '--format', 'html', '--out', out]);
    expect(run.stderr).toContain(`Wrote ${out}`);
    expect(run.code).toBe(0);
    html = readFileSync(out, 'utf8');
    dom = parseDocument(html);
  });

  it('names both editions by file name, SHA-256, pages and dates', () => {
    const text = DomUtils.textContent(dom);
    for (const [path, pages] of [
      [oldPdf, OLD_PAGES.length],
      [newPdf, NEW_PAGES.length],
    ] as const) {
      expect(text).toContain(sha256(path));
      expect(text).toContain(path.split('/').pop());
      expect(text).toMatch(new RegExp(`Pages${pages}`));
    }
    expect(text).toMatch(/File modified\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(text).toContain('1 added, 2 removed, 3 changed, 2 unchanged (1 on another page).');
  });

  it('counts the changes by severity', () => {
    const table = DomUtils.findOne((e) => e.name === 'table', dom.children)!;
    const rows = DomUtils.findAll((e) => e.name === 'tr', table.children).map((tr) =>
      DomUtils.findAll((e) => e.name === 'td' || e.name === 'th', tr.children).map((c) =>
        DomUtils.textContent(c),
      ),
    );
    expect(rows).toEqual([
      ['Severity', 'Added', 'Removed', 'Changed'],
      ['prohibited', '0', '1', '0'],
      ['high', '1', '1', '1'],
      ['medium', '0', '0', '2'],
      ['All', '1', '2', '3'],
    ]);
  });

  it('lists each change highest severity first, removed before changed before added', () => {
    expect(
      articles(dom).map((a) => `${a.attribs['data-change-kind']} ${a.attribs['data-rule-id']}`),
    ).toEqual([
      'removed ethnicity.inference',
      'removed demographic.gender-age',
      'changed face.watchlist',
      'added gait.recognition',
      'changed cloud.storage-upload',
      'changed lpr.plate-recognition',
    ]);
    expect(articles(dom).map((a) => a.attribs.class)).toEqual([
      'finding change prohibited removed',
      'finding change high removed',
      'finding change high changed',
      'finding change high added',
      'finding change medium changed',
      'finding change medium changed',
    ]);
  });

  it('shows a removed claim marked in its old sentence, with the old page and its image', () => {
    const removed = articles(dom)[0]!;
    const old = sideOf(removed, 'old');
    expect(old.attribs['data-page']).toBe('2');
    const mark = DomUtils.findOne((e) => e.name === 'mark', old.children)!;
    expect(DomUtils.textContent(mark)).toBe('estimate gender, age and ethnicity');
    const quote = DomUtils.findOne((e) => e.name === 'blockquote', old.children)!;
    expect(DomUtils.textContent(quote)).toBe(OLD_PAGES[1]![1]);
    const img = DomUtils.findOne((e) => e.name === 'img', old.children);
    expect(img?.attribs.src).toMatch(/^data:image\/png;base64,/);
    expect(DomUtils.textContent(sideOf(removed, 'new'))).toContain(
      'Not in the new edition: the claim was removed.',
    );
    expect(DomUtils.textContent(removed)).toContain('Why it matters');
    expect(DomUtils.textContent(removed)).toContain('EU AI Act');
  });

  it('says what changed in a changed claim and shows both pages side by side', () => {
    const plates = articles(dom).find(
      (a) => a.attribs['data-rule-id'] === 'lpr.plate-recognition',
    )!;
    const what = DomUtils.findAll((e) => e.name === 'li', plates.children)
      .map((li) => DomUtils.textContent(li))
      .slice(0, 2);
    expect(what).toEqual([
      'Polarity: planned → claimed',
      'Wording of the sentence around the claim',
    ]);
    for (const [which, sentence] of [
      ['old', OLD_PAGES[1]![2]],
      ['new', NEW_PAGES[1]![2]],
    ] as const) {
      const side = sideOf(plates, which);
      expect(side.attribs['data-page']).toBe('2');
      expect(
        DomUtils.textContent(DomUtils.findOne((e) => e.name === 'blockquote', side.children)!),
      ).toBe(sentence);
      expect(DomUtils.findOne((e) => e.name === 'img', side.children)?.attribs.src).toMatch(
        /^data:image\/png;base64,/,
      );
    }
    const added = articles(dom).find((a) => a.attribs['data-change-kind'] === 'added')!;
    expect(sideOf(added, 'new').attribs['data-page']).toBe('3');
    expect(DomUtils.textContent(sideOf(added, 'old'))).toContain('Not in the old edition');
  });

  it('runs no script and loads nothing, as the document report', () => {
    expect(DomUtils.findAll((e) => e.name === 'script', dom.children)).toHaveLength(0);
    const csp = DomUtils.findOne(
      (e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy',
      dom.children,
    );
    expect(csp?.attribs.content).toMatch(
      /^default-src 'none'; img-src data:; font-src data:; style-src 'sha256-/,
    );
    const style = DomUtils.textContent(DomUtils.findOne((e) => e.name === 'style', dom.children)!);
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp?.attribs.content).toContain(`'sha256-${hash}'`);
    expect(style).toContain('@page { size: A4;');
  });
});

describe('hostile text in an edition', () => {
  const HOSTILE =
    'Face recognition <script>alert("x")</script> & <img src=x onerror=alert(1)> runs on every camera.';

  it('stays text in the HTML report', async () => {
    const older = join(dir, 'plain.pdf');
    const newer = join(dir, 'hostile.pdf');
    writeFileSync(older, await brochurePdf([['Plain edition', 'The housing is rated IP67.']]));
    writeFileSync(newer, await brochurePdf([['Hostile edition', HOSTILE]]));
    const out = join(dir, 'hostile.html');
    const run = claimlens(['diff', older, newer, '--out', out]);
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const dom = parseDocument(html);
    expect(DomUtils.findAll((e) => e.name === 'script', dom.children)).toHaveLength(0);
    expect(DomUtils.findAll((e) => 'onerror' in e.attribs, dom.children)).toHaveLength(0);
    const added = articles(dom);
    expect(added.length).toBeGreaterThan(0);
    const quote = DomUtils.findOne(
      (e) => e.name === 'blockquote',
      sideOf(added[0]!, 'new').children,
    )!;
    expect(DomUtils.textContent(quote)).toBe(HOSTILE);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img');
  });
});

describe('claimlens diff --format pdf', () => {
  it('writes a PDF report (chosen by --out FILE.pdf) whose text holds the changes', async () => {
    const out = join(dir, 'comparison.pdf');
    const run = claimlens(['diff', oldPdf, newPdf, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('the PDF comparison of sv-9000-2023.pdf and sv-9000-2024.pdf');
    const bytes = new Uint8Array(readFileSync(out));
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const read = await extractPdf(bytes);
    expect(read.pages.length).toBeGreaterThan(2);
    const text = read.pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(text).toContain(sha256(oldPdf));
    expect(text).toContain(sha256(newPdf));
    expect(text).toContain('Polarity:planned→claimed');
    expect(text).toContain('Notinthenewedition:theclaimwasremoved.');
    expect(text).toContain('Gaitrecognitionisplannedforthenextrelease.');
    // Highest severity first: the removed ethnicity claim, then the others.
    const order = ['Change1REMOVEDPROHIBITED', 'Change4ADDEDHIGH', 'Change6CHANGEDMEDIUM'].map(
      (s) => text.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("sets Chinese in the reports' own Noto Sans SC subset", async () => {
    const sentence = '该摄像机支持人脸识别功能，可识别维吾尔族人。';
    const older = join(dir, 'datasheet-2023.txt');
    const newer = join(dir, 'datasheet-2024.txt');
    writeFileSync(older, 'SV-9000 camera datasheet.\n');
    writeFileSync(newer, `SV-9000 camera datasheet.\n${sentence}\n`);
    const pdf = join(dir, 'chinese.pdf');
    expect(claimlens(['diff', older, newer, '--out', pdf]).code).toBe(0);
    const text = (await extractPdf(new Uint8Array(readFileSync(pdf)))).pages
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain(sentence);
    const html = join(dir, 'chinese.html');
    expect(claimlens(['diff', older, newer, '--out', html]).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(DomUtils.textContent(parseDocument(page))).toContain(sentence);
    expect(page).toMatch(
      /@font-face \{ font-family: 'ClaimLens Noto Sans SC'; font-weight: 400; src: url\(data:font\/ttf;base64,/,
    );
  });

  it('refuses to print a PDF to a terminal, in plain words', () => {
    const command = [process.execPath, launcher, 'diff', oldPdf, newPdf, '--format', 'pdf']
      .map((a) => `'${a}'`)
      .join(' ');
    // `script` gives the command a terminal as its standard output.
    const run = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      'A PDF report is binary: say where to write it with --out FILE.pdf',
    );
  });

  it('compares library documents, naming when each was added', () => {
    const library = join(dir, 'library');
    const imported = claimlens(['import', '--library', library, oldPdf, newPdf]);
    expect(imported.code).toBe(0);
    const out = join(dir, 'library.html');
    const run = claimlens([
      'diff',
      '--library',
      library,
      sha256(oldPdf).slice(0, 12),
      'sv-9000-2024.pdf',
      '--out',
      out,
    ]);
    expect(run.stderr).toContain('Wrote');
    expect(run.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const text = DomUtils.textContent(parseDocument(readFileSync(out, 'utf8')));
    expect(text).toContain('verified against its SHA-256 when the report was made');
    expect(text).toMatch(/Added to the library\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(articles(parseDocument(readFileSync(out, 'utf8')))).toHaveLength(6);
  });
});
