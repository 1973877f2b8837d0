// Annotated copies of pdf.js's corpus (../shared/corpora/pdfjs, 971 odd real-world PDFs): every
// PDF that pdf.js opens gets a copy that pdf.js reads back with the added highlights, or is
// refused in plain words; nothing else. Run: npx tsx test/main/export/annotate-corpus.ts [DIR]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotatedPdf } from '../../../main/export/annotated-pdf';
import { EvidenceError, type EvidenceDocument } from '../../../main/export/evidence-source';
import { openPdf } from '../../../main/extract/pdfjs';
import type { StoredFinding } from '../../../shared/model/library';

const dir =
  process.argv[2] ??
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'pdfjs');
const AT = '2026-01-01T00:00:00.000Z';
const TITLE = 'Corpus check highlight';

/** Resolves null when pdf.js cannot open the file (or takes over 20 s). */
async function withPdf<T>(
  bytes: Uint8Array,
  use: (doc: Awaited<ReturnType<typeof openPdf>['promise']>) => Promise<T>,
): Promise<T | null> {
  const task = openPdf(new Uint8Array(bytes));
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000).unref());
  try {
    return await Promise.race([task.promise.then(use), timeout]);
  } catch {
    return null;
  } finally {
    await task.destroy();
  }
}

function finding(page: number): StoredFinding {
  return {
    finding: {
      id: `corpus-${page}`,
      ruleId: 'corpus.check',
      rulePack: 'corpus',
      title: TITLE,
      category: 'face_recognition',
      severity: 'high',
      polarity: 'asserted',
      negated: false,
      hedged: false,
      confidence: 1,
      page,
      quote: 'q',
      sentence: 'q',
      start: 0,
      end: 1,
      quads: [[100, 200, 150, 200, 100, 190, 150, 190]],
      explanation: 'Corpus check.',
      references: [],
    },
    status: 'needs-review',
    statusBy: null,
    statusAt: null,
    engine: 'corpus',
    rulePackSha256: '0'.repeat(64),
  };
}

function evidence(name: string, bytes: Uint8Array, pages: number): EvidenceDocument {
  const findings = Array.from({ length: Math.min(pages, 2) }, (_, i) => finding(i + 1));
  return {
    source: 'file',
    path: name,
    bytes,
    pageTexts: new Map(),
    audit: [],
    reviewer: 'corpus',
    tool: { name: 'claimlens', version: '0' },
    engine: 'corpus',
    rulePacks: [],
    warnings: [],
    gatheredAt: AT,
    detail: {
      meta: {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        fileName: name,
        bytes: bytes.length,
        pages,
        addedAt: AT,
        analysedAt: AT,
        state: 'analysed',
        error: null,
        summary: null,
        counts: {},
        tags: [],
      },
      verification: 'verified',
      warnings: [],
      findings,
      highlights: [],
      notes: [],
    },
  };
}

const files = readdirSync(dir)
  .filter((f) => f.toLowerCase().endsWith('.pdf'))
  .sort();
const refused = new Map<string, number>();
const broken: string[] = [];
let copied = 0;
let unopened = 0;
for (const name of files) {
  const bytes = new Uint8Array(readFileSync(join(dir, name)));
  const pages = await withPdf(bytes, (doc) => Promise.resolve(doc.numPages));
  if (!pages) {
    unopened += 1;
    continue;
  }
  const doc = evidence(name, bytes, pages);
  try {
    const copy = await annotatedPdf(doc);
    const found = await withPdf(copy.bytes, async (pdf) => {
      let n = 0;
      for (let p = 1; p <= Math.min(pages, 2); p += 1) {
        const annotations = (await (await pdf.getPage(p)).getAnnotations()) as {
          subtype: string;
          contentsObj: { str: string };
        }[];
        n += annotations.filter(
          (a) => a.subtype === 'Highlight' && a.contentsObj.str.includes(TITLE),
        ).length;
      }
      return n;
    });
    if (found === doc.detail.findings.length) copied += 1;
    else
      broken.push(
        `${name}: ${found === null ? 'the copy does not open in pdf.js' : `${found} of ${doc.detail.findings.length} highlights read back`}`,
      );
  } catch (error) {
    if (!(error instanceof EvidenceError)) broken.push(`${name}: ${(error as Error).message}`);
    else {
      const reason = error.message.slice(name.length + 1).replace(/\(.*?\)/g, '(…)');
      refused.set(reason, (refused.get(reason) ?? 0) + 1);
    }
  }
}
console.log(
  `${files.length} PDFs: ${copied} annotated copies read back by pdf.js, ${unopened} not opened by pdf.js itself, ` +
    `${[...refused.values()].reduce((a, b) => a + b, 0)} refused, ${broken.length} broken.`,
);
for (const [reason, n] of refused) console.log(`  refused ${n}: ${reason}`);
for (const line of broken) console.log(`  BROKEN ${line}`);
process.exitCode = broken.length > 0 ? 1 : 0;
