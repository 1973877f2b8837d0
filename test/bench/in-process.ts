// Part of `npm run bench` (test/bench/run.ts), run as a bundle built like the CLI's: pdf.js text
// extraction alone, then the engine alone on the extracted pages, in one thread, `runs` times.
// Prints the times as JSON. Built rather than run through tsx, whose transform wraps every
// closure in a naming helper the shipped code does not have (it made the engine 20-30% slower).
import { readFileSync } from 'node:fs';
import { analysePage } from '../../shared/analysis/engine';
import { compileRules } from '../../shared/rules/compile';
import type { PageText } from '../../shared/text/page-text';
import { extractPdf } from '../../main/extract/extract-pdf';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';

export interface InProcessTimes {
  readonly rules: number;
  readonly chars: number;
  readonly findings: number;
  readonly extractSeconds: number[];
  readonly engineSeconds: number[];
}

const [pdfPath, runs = '3'] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(pdfPath!));
const rules = compileRules(loadPacks([bundledRulesDir()]));
const extractSeconds: number[] = [];
const engineSeconds: number[] = [];
let pages: PageText[] = [];
let findings = 0;
for (let run = 0; run < Number(runs); run++) {
  let start = performance.now();
  pages = (await extractPdf(bytes)).pages;
  extractSeconds.push((performance.now() - start) / 1000);
  start = performance.now();
  findings = pages.reduce((n, p) => n + analysePage(p, rules).length, 0);
  engineSeconds.push((performance.now() - start) / 1000);
}
process.stdout.write(
  JSON.stringify({
    rules: rules.rules.length,
    chars: pages.reduce((n, p) => n + p.text.length, 0),
    findings,
    extractSeconds,
    engineSeconds,
  } satisfies InProcessTimes),
);
