// The `claimlens` command: parses arguments, loads rule packs, runs a subcommand, sets the exit
// code (0 done, 1 --fail-on reached, 2 usage error or unreadable input).
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { Severity } from '../../shared/model/taxonomy';
import { parseOcrLanguages, type OcrLanguage } from '../../shared/ocr/languages';
import { bundledRulesDir, loadPacks, RulePackError } from '../rules/load-packs';
import { analyseCommand, EXIT, type OutputFormat } from './analyse-command';
import { checkRulesCommand } from './check-rules-command';
import { PolicyError, readPolicies, UnknownPolicyError } from './policy';
import { DIFF_FORMATS, defaultDiffFormat, diffCommand, type DiffFormat } from './diff-command';
import { IMPORT_FORMATS, importCommand, type ImportFormat } from './import-command';
import { USAGE } from './usage';
import { DOCUMENT_OPTIONS, type DocumentSelection } from '../export/document-args';
import { EvidenceError } from '../export/evidence-source';

class UsageError extends Error {}

/** Validated rule packs, cached next to this build (out/cli-<fingerprint>/), so a new build starts afresh. */
const PACK_CACHE = fileURLToPath(new URL('./pack-cache', import.meta.url));

const FORMATS: readonly OutputFormat[] = ['json', 'jsonl', 'csv', 'table', 'html'];

/** Runs one command line; returns the exit code. Unexpected failures are thrown. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return EXIT.done;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`claimlens ${packageJson.version}\n`);
    return EXIT.done;
  }
  try {
    if (command === 'analyse' || command === 'analyze') return await analyse(rest);
    if (command === 'check-rules') return checkRules(rest);
    if (command === 'diff') return await diff(rest);
    if (command === 'import') return await importFolders(rest);
    if (command === 'bundle') return await bundle(rest);
    if (command === 'export') return await exportDocuments(rest);
    if (command === 'verify') return await verify(rest);
    if (command === 'report') return await report(rest);
    throw new UsageError(`Unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`claimlens: ${error.message}\n\n${USAGE}`);
      return EXIT.unreadable;
    }
    if (error instanceof EvidenceError) {
      const usage = error.code === 'USAGE' ? `\n${USAGE}` : '';
      process.stderr.write(`claimlens: ${error.message}\n${usage}`);
      return EXIT.unreadable;
    }
    if (error instanceof RulePackError) {
      process.stderr.write(`claimlens: a rule pack has problems:\n${error.message}\n`);
      return EXIT.unreadable;
    }
    if (error instanceof UnknownPolicyError) {
      process.stderr.write(`claimlens: ${error.message}\n`);
      return EXIT.unreadable;
    }
    if (error instanceof PolicyError) {
      process.stderr.write(`claimlens: a policy has problems:\n${error.message}\n`);
      return EXIT.unreadable;
    }
    throw error;
  }
}

async function analyse(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    rules: { type: 'string', multiple: true },
    'fail-on': { type: 'string' },
    policy: { type: 'string', multiple: true },
    out: { type: 'string' },
    jobs: { type: 'string' },
    timeout: { type: 'string' },
    'ocr-languages': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.done;
  }
  const format = (values.format ??
    (process.stdout.isTTY && !values.out ? 'table' : 'json')) as OutputFormat;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}".`);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !Severity.safeParse(failOn).success) {
    throw new UsageError(
      `--fail-on must be one of ${Severity.options.join(', ')}; got "${failOn}".`,
    );
  }
  return analyseCommand({
    paths: positionals,
    format,
    loadPacks: () => loadPacks([bundledRulesDir(), ...(values.rules ?? [])], PACK_CACHE),
    ...(failOn !== undefined ? { failOn: Severity.parse(failOn) } : {}),
    ...(values.policy !== undefined ? { policies: readPolicies(values.policy) } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    jobs: positiveInt(values.jobs, '--jobs') ?? availableParallelism(),
    timeoutSeconds: positiveInt(values.timeout, '--timeout') ?? 120,
    ...ocrLanguages(values['ocr-languages']),
    version: packageJson.version,
  });
}

/** --ocr-languages eng,deu -> the option, or a usage error in plain words. */
function ocrLanguages(list: string | undefined): { ocrLanguages?: OcrLanguage[] } {
  if (list === undefined) return {};
  const parsed = parseOcrLanguages(list);
  if (typeof parsed === 'string') throw new UsageError(`--ocr-languages: ${parsed}`);
  return { ocrLanguages: parsed };
}

async function diff(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    library: { type: 'string' },
    rules: { type: 'string', multiple: true },
    'fail-on': { type: 'string' },
    out: { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.done;
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      `diff compares two editions: claimlens diff OLD NEW (got ${positionals.length} ` +
        `path${positionals.length === 1 ? '' : 's'}).`,
    );
  }
  const format = (values.format ?? defaultDiffFormat(values.out)) as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) {
    throw new UsageError(
      `--format must be one of ${DIFF_FORMATS.join(', ')} for diff; got "${values.format}".`,
    );
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !Severity.safeParse(failOn).success) {
    throw new UsageError(
      `--fail-on must be one of ${Severity.options.join(', ')}; got "${failOn}".`,
    );
  }
  return diffCommand({
    oldRef: positionals[0]!,
    newRef: positionals[1]!,
    format,
    loadPacks: () => loadPacks([bundledRulesDir(), ...(values.rules ?? [])], PACK_CACHE),
    ...(values.library !== undefined ? { library: values.library } : {}),
    ...(failOn !== undefined ? { failOn: Severity.parse(failOn) } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    jobs: availableParallelism(),
    timeoutSeconds: positiveInt(values.timeout, '--timeout') ?? 120,
    version: packageJson.version,
  });
}

async function importFolders(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    library: { type: 'string' },
    format: { type: 'string' },
    rules: { type: 'string', multiple: true },
    out: { type: 'string' },
    jobs: { type: 'string' },
    timeout: { type: 'string' },
    'ocr-languages': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.done;
  }
  if (values.library === undefined) {
    throw new UsageError('import needs --library DIR: the library folder to import into.');
  }
  if (positionals.length === 0) {
    throw new UsageError(
      'import needs at least one folder or file: claimlens import --library DIR PATH...',
    );
  }
  const format = (values.format ?? 'table') as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) {
    throw new UsageError(
      `--format must be one of ${IMPORT_FORMATS.join(', ')} for import; got "${values.format}".`,
    );
  }
  return importCommand({
    library: values.library,
    paths: positionals,
    format,
    loadPacks: () => loadPacks([bundledRulesDir(), ...(values.rules ?? [])], PACK_CACHE),
    ...(values.out !== undefined ? { out: values.out } : {}),
    jobs: positiveInt(values.jobs, '--jobs') ?? availableParallelism(),
    timeoutSeconds: positiveInt(values.timeout, '--timeout') ?? 120,
    ...ocrLanguages(values['ocr-languages']),
  });
}

/** What bundle, export and report take: the documents and how to choose them, --format, --out. */
interface DocumentCommandOptions extends DocumentSelection {
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly packCache: string;
}

/** Parses the options the commands over documents share, then loads and runs the command. */
async function documentCommand(
  args: readonly string[],
  command: () => Promise<(options: DocumentCommandOptions) => Promise<number>>,
  { takesFormat = true } = {},
): Promise<number> {
  const { values, positionals } = parse(args, {
    ...DOCUMENT_OPTIONS,
    ...(takesFormat ? { format: { type: 'string' } } : {}),
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const);
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.done;
  }
  const run = await command();
  return run({
    documents: positionals,
    library: values.library,
    rules: values.rules,
    reviewer: values.reviewer,
    format: (values as { format?: string }).format,
    out: values.out,
    packCache: PACK_CACHE,
  });
}

// Each command loads when used: the report's fonts and PDF writer are not what `analyse` needs.
const bundle = (args: readonly string[]): Promise<number> =>
  documentCommand(args, async () => (await import('../export/bundle-command')).bundleCommand, {
    takesFormat: false,
  });
const exportDocuments = (args: readonly string[]): Promise<number> =>
  documentCommand(args, async () => (await import('../export/export-command')).exportCommand);
const report = (args: readonly string[]): Promise<number> =>
  documentCommand(args, async () => (await import('../export/report-command')).reportCommand);

async function verify(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.done;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      `verify checks one bundle: claimlens verify BUNDLE.zip (got ${positionals.length} paths).`,
    );
  }
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    throw new UsageError(`--format must be table or json for verify; got "${format}".`);
  }
  const { verifyCommand } = await import('../export/verify-command');
  return verifyCommand(positionals[0]!, format);
}

function checkRules(args: readonly string[]): number {
  const { positionals } = parse(args, {});
  const packs = loadPacks([bundledRulesDir(), ...positionals]);
  const tested = positionals.length > 0 ? loadPacks(positionals) : packs;
  return checkRulesCommand(packs, tested);
}

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends Spec>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name} must be a whole number of 1 or more; got "${value}".`);
  return n;
}
