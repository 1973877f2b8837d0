// `claimlens report` and `claimlens analyse --format html` run as a user runs them (the launcher,
// a real process) on a real library folder and on fixture files: the files, exit codes, errors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../main/extract/extract-pdf';
import { tempDir } from '../store/helpers';
import { BROCHURE, makeLibrary, NOTE_TEXT, ROOT } from './helpers';

const launcher = join(ROOT, 'main', 'cli', 'claimlens.mjs');

function claimlens(args: string[]) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('claimlens report', () => {
  it('writes the PDF report of a library document with its triage and notes', async () => {
    const lib = await makeLibrary();
    const out = join(await tempDir('claimlens-cli-report-'), 'evidence.pdf');
    const run = claimlens(['report', '--library', lib.dir, lib.sha256.slice(0, 10), '--out', out]);
    expect(run.stderr).toMatch(
      /^Wrote .*evidence\.pdf \(\d+ bytes\): the PDF report of 1 document/,
    );
    expect(run.code).toBe(0);
    const text = (await extractPdf(new Uint8Array(readFileSync(out)))).pages
      .map((p) => p.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(text).toContain(lib.sha256);
    expect(text).toContain(NOTE_TEXT.replace(/\s+/g, ''));
    expect(text).toContain('ConfirmedbyAdaLawyer');
  });

  it('prints the HTML report of a file analysed on the spot to standard output', () => {
    const run = claimlens(['report', BROCHURE, '--format', 'html']);
    expect(run.code).toBe(0);
    const dom = parseDocument(run.stdout);
    const articles = DomUtils.findAll((e) => 'data-finding-id' in e.attribs, dom.children);
    expect(articles.length).toBeGreaterThan(10);
    for (const article of articles) {
      const img = DomUtils.findOne((e) => e.name === 'img', article.children);
      expect(img?.attribs.src).toMatch(/^data:image\/png;base64,/);
    }
  });

  it('refuses an unknown format and a missing document in plain words, writing nothing', async () => {
    const dir = await tempDir('claimlens-cli-report-');
    const bad = claimlens(['report', BROCHURE, '--format', 'docx', '--out', join(dir, 'r.docx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of html, pdf; got "docx".');
    const missing = claimlens(['report', join(dir, 'nope.pdf'), '--out', join(dir, 'r.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.pdf/);
    expect(existsSync(join(dir, 'r.docx')) || existsSync(join(dir, 'r.pdf'))).toBe(false);
  });
});

describe('claimlens analyse --format html', () => {
  it('reports every file of the run and names the one that could not be read', async () => {
    const dir = await tempDir('claimlens-cli-report-');
    const out = join(dir, 'run.html');
    const run = claimlens([
      'analyse',
      BROCHURE,
      join(dir, 'missing.pdf'),
      '--format',
      'html',
      '--out',
      out,
    ]);
    // A file that cannot be read makes the run incomplete: exit 2, as for every format.
    expect(run.code).toBe(2);
    const dom = parseDocument(readFileSync(out, 'utf8'));
    const documents = DomUtils.findAll((e) => e.name === 'main', dom.children);
    expect(documents).toHaveLength(2);
    expect(DomUtils.textContent(documents[0]!)).toContain('brochure-3p.pdf');
    expect(DomUtils.textContent(documents[1]!)).toContain('The file or folder does not exist.');
  });
});
