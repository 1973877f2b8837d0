// `npm run eval`: the engine and the keyword baseline on the labelled corpus (test/corpus/), with
// precision, recall and F1 per category and per language, for the tuning split, the held-out split
// and both. `--details` lists misses and false alarms, for the tuning split only: held-out passages
// are scored, never shown, so rules are not tuned to them. `--markdown` prints the README's tables.
// `--only TEXT` keeps the corpus files whose name contains TEXT (a batch: `--only round3`), to
// measure a new batch on its own before any rule is changed for it.
import { CATEGORY_DEFAULTS, type Category } from '../../shared/model/taxonomy';
import { compileRules } from '../../shared/rules/compile';
import { bundledRulesDir, loadPacks } from '../../main/rules/load-packs';
import { writeFileSync } from 'node:fs';
import { loadCorpus, type Split } from './corpus';
import { FLOORS_FILE, measuredFloors } from './floors';
import {
  baselineLabeller,
  byCategory,
  byLanguage,
  compare,
  engineLabeller,
  onNegatives,
  run,
  type Figures,
  type Mode,
  type PassageResult,
} from './score';

const args = process.argv.slice(2);
const details = args.includes('--details');
const writeFloors = args.includes('--write-floors');
const markdown = args.includes('--markdown');
const rules = compileRules(loadPacks([bundledRulesDir()]));
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
if (onlyAt >= 0 && (only === undefined || only.startsWith('--'))) {
  process.stderr.write('--only needs part of a corpus file name, for example: --only round3\n');
  process.exit(2);
}
const corpus = loadCorpus().filter((p) => only === undefined || p.file.includes(only));
if (corpus.length === 0) {
  process.stderr.write(`No corpus file in test/corpus/ has "${only}" in its name.\n`);
  process.exit(2);
}
if (only !== undefined && args.includes('--write-floors')) {
  process.stderr.write('--write-floors measures the whole corpus; leave out --only.\n');
  process.exit(2);
}
const engine = run(corpus, engineLabeller(rules));
const baseline = run(corpus, baselineLabeller);

const out = (text = ''): void => void process.stdout.write(`${text}\n`);
const num = (v: number): string => v.toFixed(2);
const prf = (f: Figures | undefined): string =>
  f ? `${num(f.precision)} ${num(f.recall)} ${num(f.f1)}` : '';
const pct = (n: number, of: number): string =>
  `${n}/${of} (${of === 0 ? '0.0' : ((100 * n) / of).toFixed(1)}%)`;

function table(
  title: string,
  rows: readonly string[],
  label: (row: string) => string,
  pick: (results: readonly PassageResult[], mode: 'category' | 'polarity') => Map<string, Figures>,
  ours: readonly PassageResult[],
  theirs: readonly PassageResult[],
  count: (row: string) => number,
): void {
  const [oc, op, bc, bp] = [
    pick(ours, 'category'),
    pick(ours, 'polarity'),
    pick(theirs, 'category'),
    pick(theirs, 'polarity'),
  ];
  out(
    `${title.padEnd(34)} labels | ClaimLens: category | +polarity      | keywords: category | +polarity`,
  );
  out(
    `${''.padEnd(41)} |   P    R    F1     |   P    R    F1 |   P    R    F1     |   P    R    F1`,
  );
  for (const row of rows) {
    out(
      `${label(row).padEnd(34)} ${String(count(row)).padStart(6)} | ${prf(oc.get(row))}     | ${prf(op.get(row))} | ${prf(bc.get(row))}     | ${prf(bp.get(row))}`,
    );
  }
}

function report(split: Split | 'all'): void {
  const pick = (results: readonly PassageResult[]) =>
    results.filter((r) => split === 'all' || r.split === split);
  const ours = pick(engine);
  const theirs = pick(baseline);
  const labels = (filter: (r: PassageResult) => boolean, category?: Category): number =>
    ours
      .filter(filter)
      .reduce(
        (n, r) =>
          n + r.expected.filter((l) => category === undefined || l.category === category).length,
        0,
      );
  const negatives = onNegatives(ours);
  const name =
    split === 'all' ? 'Whole corpus' : split === 'tuning' ? 'Tuning split' : 'Held-out split';
  out(`== ${name}: ${ours.length} passages, ${negatives.negatives} of them hard negatives ==`);
  out();
  const categories = Object.keys(CATEGORY_DEFAULTS) as Category[];
  table(
    'category (severity)',
    categories,
    (c) => `${c} (${CATEGORY_DEFAULTS[c as Category]})`,
    (rs, mode) => byCategory(rs, mode),
    ours,
    theirs,
    (c) => labels(() => true, c as Category),
  );
  out();
  const languages = ['en', 'de', 'fr', 'es', 'zh-Hans', 'zh-Hant', 'all'];
  table(
    'language (all categories, micro)',
    languages,
    (l) => l,
    (rs, mode) => byLanguage(rs, mode),
    ours,
    theirs,
    (l) => labels((r) => l === 'all' || r.passage.language === l),
  );
  out();
  const theirNegatives = onNegatives(theirs);
  out(
    `Hard negatives flagged: ClaimLens ${pct(negatives.flagged, negatives.negatives)}, as a claim (not a denial) ${pct(negatives.flaggedAsClaim, negatives.negatives)}; keywords ${pct(theirNegatives.flagged, theirNegatives.negatives)}`,
  );
  out();
}

/** The README's tables: F1 by category alone / with polarity, both splits, engine and keywords. */
function markdownTables(): void {
  const splits: Split[] = ['tuning', 'held-out'];
  const f1 = (f: Figures | undefined): string => (f ? num(f.f1) : '');
  type Pick = (results: readonly PassageResult[], mode: Mode) => ReadonlyMap<string, Figures>;
  const cell = (results: readonly PassageResult[], pick: Pick, key: string): string =>
    `${f1(pick(results, 'category').get(key))} / ${f1(pick(results, 'polarity').get(key))}`;
  const table = (title: string, rows: readonly string[], pick: Pick): void => {
    out(
      `| ${title} | labels | ClaimLens, tuning | keywords, tuning | ClaimLens, held-out | keywords, held-out |`,
    );
    out('| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) {
      const labels = engine.reduce(
        (n, r) =>
          n +
          r.expected.filter(
            (l) => l.category === row || r.passage.language === row || row === 'all',
          ).length,
        0,
      );
      const cells = splits.flatMap((split) => [
        cell(
          engine.filter((r) => r.split === split),
          pick,
          row,
        ),
        cell(
          baseline.filter((r) => r.split === split),
          pick,
          row,
        ),
      ]);
      out(`| ${row} | ${labels} | ${cells.join(' | ')} |`);
    }
    out();
  };
  table('category', Object.keys(CATEGORY_DEFAULTS), byCategory);
  table('language', ['en', 'de', 'fr', 'es', 'zh-Hans', 'zh-Hant', 'all'], byLanguage);
  for (const split of splits) {
    const ours = onNegatives(engine.filter((r) => r.split === split));
    const theirs = onNegatives(baseline.filter((r) => r.split === split));
    out(
      `${split}: hard negatives flagged by ClaimLens ${pct(ours.flagged, ours.negatives)}, by keywords ${pct(theirs.flagged, theirs.negatives)}`,
    );
  }
}

if (markdown) markdownTables();
else {
  report('tuning');
  report('held-out');
  report('all');
}

if (writeFloors) {
  const floors = measuredFloors(engine);
  writeFileSync(FLOORS_FILE, `${JSON.stringify(floors, null, 2)}\n`);
  out(`Wrote the measured figures to ${FLOORS_FILE} as the regression floors.`);
}

if (details) {
  out('== Tuning split: misses (-) and false alarms (+), category and polarity ==');
  for (const result of engine.filter((r) => r.split === 'tuning')) {
    const { misses, falseAlarms } = compare(result, 'polarity');
    if (misses.length === 0 && falseAlarms.length === 0) continue;
    out(`${result.passage.id} [${result.passage.language}] ${JSON.stringify(result.passage.text)}`);
    for (const m of misses) out(`  - ${m}`);
    for (const f of falseAlarms) out(`  + ${f}`);
  }
}
