// The packaged desktop app, as `npm run dist:check` builds it with electron-builder.yml (Linux
// `dir` target, stand-in Electron runtime, no network): what app.asar may hold and how big it may
// be, that what the app reads at run time is in it, that its main bundle loads with nothing but
// 'electron' beside it, and that the fuses and the associations with every kind of file the app
// reads are set.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, FuseState, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FONT_FILES } from '../../main/export/report-font';
import { READABLE_ACCEPT, READABLE_NAME } from '../../shared/input/sniff';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** The budget for app.asar stated in the README ("Packaging"). */
const ASAR_BUDGET_BYTES = 64 * 1024 * 1024;

/** Everything app.asar may hold: the staged app and nothing else (paths as asar lists them). */
const ALLOWED = [
  /^\/package\.json$/,
  /^\/main$/,
  /^\/main\/(electron-main\.mjs|preload\.cjs)$/,
  // The files main reads by path (stage-app.mjs, RUNTIME_FILES), with their package.json and licences.
  /^\/main\/node_modules(\/(@expo-google-fonts(\/noto-sans-sc)?|sql\.js|harfbuzzjs|pdfjs-dist)(\/.*)?)?$/,
  /^\/renderer(\/.+)?$/,
];

/** What must never ship, wherever it sits (the renderer's folders included). */
const FORBIDDEN = [
  /\.map$/,
  /\.(ts|tsx|mts|cts)$/,
  /(^|\/)(test|tests|__tests__|shared|src|fixtures)(\/|$)/,
  /wordnet|wndb/i,
  /(^|\/)natural(\/|$)/,
  /(^|\/)(pg|redis|@redis|mongoose|mongodb|memjs|dotenv|pdf-lib|electron|typescript|vitest|esbuild|vite|playwright-core)(\/|$)/,
  /(^|\/)\.env$/,
  /tsconfig|eslint|prettier/,
  // Code from packages belongs in the bundle, not beside it.
  /^\/main\/node_modules\/.+\/[^/]+\.(js|mjs|cjs)$/,
];

/**
 * The MIME type each extension's association names (on Linux, the desktop entry's MimeType),
 * or undefined where another extension of the same kind names it already.
 */
const OWN_MIME_TYPE: Record<string, string | undefined> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  htm: undefined,
  xhtml: 'application/xhtml+xml',
  txt: 'text/plain',
  text: undefined,
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: undefined,
};

interface DistCheck {
  unpacked: string;
  executable: string;
  asar: string;
  size: number;
  defaultWire: string;
  desktopEntry: string;
}

let dist: DistCheck;
let entries: string[];
let extracted = '';

beforeAll(async () => {
  const { stdout } = await run(
    join(root, 'node_modules', '.bin', 'node'),
    [join(root, 'main', 'toolchain', 'dist-check.mjs'), '--json'],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`dist:check printed no summary:\n${stdout}`);
  dist = JSON.parse(line) as DistCheck;
  entries = listPackage(dist.asar, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
  // Outside the checkout, so nothing can be found in the project's own node_modules by accident.
  extracted = mkdtempSync(join(tmpdir(), 'claimlens-packaged-'));
  extractAll(dist.asar, join(extracted, 'resources', 'app.asar'));
  cpSync(join(dist.unpacked, 'resources', 'resources'), join(extracted, 'resources', 'resources'), {
    recursive: true,
  });
}, 600_000);

afterAll(() => {
  if (extracted !== '') rmSync(extracted, { recursive: true, force: true });
});

describe('app.asar', () => {
  it('holds only the bundled app: no sources, tests, source maps or unused packages', () => {
    expect(entries.length).toBeGreaterThan(10);
    const notAllowed = entries.filter((p) => !ALLOWED.some((re) => re.test(p)));
    const forbidden = entries.filter((p) => FORBIDDEN.some((re) => re.test(p)));
    expect(notAllowed).toStrictEqual([]);
    expect(forbidden).toStrictEqual([]);
  });

  it(`stays within its size budget (${ASAR_BUDGET_BYTES / 1024 / 1024} MiB)`, () => {
    const size = statSync(dist.asar).size;
    expect(size).toBe(dist.size);
    expect(size).toBeLessThanOrEqual(ASAR_BUDGET_BYTES);
  });

  it('holds what the app reads at run time', () => {
    const app = join(extracted, 'resources', 'app.asar');
    const html = readFileSync(join(app, 'renderer', 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\/?([^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    for (const file of referenced) expect(existsSync(join(app, 'renderer', file)), file).toBe(true);
    // pdf.js: CJK brochures need the CMaps; fonts and image decoders are served locally too.
    const pdfjs = join(app, 'renderer', 'pdfjs');
    expect(readdirSync(join(pdfjs, 'cmaps')).filter((f) => f.endsWith('.bcmap')).length).toBe(
      readdirSync(join(root, 'node_modules', 'pdfjs-dist', 'cmaps')).filter((f) =>
        f.endsWith('.bcmap'),
      ).length,
    );
    expect(readdirSync(join(pdfjs, 'standard_fonts')).length).toBeGreaterThan(5);
    expect(readdirSync(join(pdfjs, 'wasm')).some((f) => f.endsWith('.wasm'))).toBe(true);
    // The same WebAssembly as the sql.js the tests run against.
    const sqlWasm = readFileSync(
      join(app, 'main', 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'),
    );
    const sqlPackage = join(root, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm');
    expect(sqlWasm.subarray(0, 4).toString('latin1')).toBe('\0asm');
    expect(sqlWasm.equals(readFileSync(sqlPackage))).toBe(true);
    // Rule packs and the sample brochure sit beside app.asar, where main/resources.ts looks.
    const rules = (dir: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
    expect(rules(join(extracted, 'resources', 'resources', 'rules'))).toStrictEqual(
      rules(join(root, 'resources', 'rules')),
    );
    expect(readdirSync(join(extracted, 'resources', 'resources', 'samples'))).toContain(
      'sentinel-vision-brochure.pdf',
    );
  });

  it("has a main bundle that imports only 'electron' and Node's built-ins, and loads with them", async () => {
    const bundle = join(extracted, 'resources', 'app.asar', 'main', 'electron-main.mjs');
    const code = readFileSync(bundle, 'utf8');
    const specifiers = new Set(
      [
        ...code.matchAll(
          /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{},\s$]+from\s*)?["']([^"']+)["']/g,
        ),
      ].map((m) => m[1]!),
    );
    const external = [...specifiers].filter((s) => s !== 'electron' && !isBuiltin(s));
    expect(external).toStrictEqual([]);

    // Files main reads through Node's resolver: literal require.resolve() calls, and the fonts.
    const byPath = [
      ...new Set([
        ...[...code.matchAll(/\.resolve\("([^"]+)"\)/g)].map((m) => m[1]!),
        ...Object.values(FONT_FILES),
      ]),
    ];
    expect(byPath).toContain('sql.js/dist/sql-wasm.wasm');

    // A stand-in 'electron' that records calls: the second-instance path (no lock) ends at quit.
    const names = new Set<string>();
    for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']electron["']/g)) {
      for (const part of m[1]!.split(',')) names.add(part.trim().split(/\s+as\s+/)[0]!);
    }
    names.delete('');
    const stub = join(extracted, 'node_modules', 'electron');
    await mkdir(stub, { recursive: true });
    await writeFile(
      join(stub, 'package.json'),
      '{"name":"electron","type":"module","main":"index.js"}',
    );
    await writeFile(
      join(stub, 'index.js'),
      [
        'export const calls = [];',
        'const record = (name) => new Proxy(function () {}, {',
        '  get: (_t, key) => (key === "then" ? undefined : record(`${name}.${String(key)}`)),',
        '  apply: () => { calls.push(name); return record(`${name}()`); },',
        '});',
        'export const app = new Proxy({}, { get: (_t, key) => {',
        '  if (key === "isPackaged") return true;',
        '  if (key === "requestSingleInstanceLock") return () => { calls.push("app.requestSingleInstanceLock"); return false; };',
        '  if (key === "whenReady") return () => new Promise(() => {});',
        '  if (key === "getPath") return () => process.env.CLAIMLENS_TEST_HOME;',
        '  return record(`app.${String(key)}`);',
        '} });',
        ...[...names]
          .filter((n) => n !== 'app')
          .map((n) => `export const ${n} = record(${JSON.stringify(n)});`),
        'process.on("exit", () => process.stdout.write(JSON.stringify(calls)));',
      ].join('\n'),
    );
    const check = [
      `await import(${JSON.stringify(bundle)});`,
      `const { createRequire } = await import('node:module');`,
      `const resolve = createRequire(${JSON.stringify(bundle)}).resolve;`,
      `console.error('FILES ' + JSON.stringify(${JSON.stringify(byPath)}.map((f) => resolve(f))));`,
    ].join('\n');
    const home = join(extracted, 'home');
    const { stdout, stderr } = await run(
      join(root, 'node_modules', '.bin', 'node'),
      ['--input-type=module', '-e', check],
      {
        cwd: extracted,
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, CLAIMLENS_TEST_HOME: home },
      },
    );
    const calls = JSON.parse(stdout) as string[];
    expect(calls).toContain('app.enableSandbox');
    expect(calls).toContain('app.requestSingleInstanceLock');
    expect(calls).toContain('app.quit');
    // Every file it names for Node's resolver is found inside the copy.
    const found = JSON.parse(/FILES (.+)/.exec(stderr)?.[1] ?? '[]') as string[];
    expect(found).toStrictEqual(byPath.map((f) => join(dirname(bundle), 'node_modules', f)));
  });
});

describe('the packaged runtime', () => {
  it('has its fuses flipped as electron-builder.yml says', async () => {
    expect(dist.defaultWire).toBe('101100011');
    const wire = await getCurrentFuseWire(dist.executable);
    const on = FuseState.ENABLE;
    const off = FuseState.DISABLE;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
  });

  it('is configured for every platform, with icons and the file associations', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
      string,
      Record<string, unknown> & { target?: string[]; icon?: string }
    > & { fileAssociations: Record<string, string>[] };
    expect(config.linux!.target).toStrictEqual(['AppImage', 'deb']);
    expect(config.win!.target).toStrictEqual(['nsis']);
    expect(config.mac!.target).toStrictEqual(['dmg']);
    for (const os of ['linux', 'win', 'mac']) {
      expect(existsSync(join(root, config[os]!.icon!)), `${os} icon`).toBe(true);
    }
    expect(config.fileAssociations).toContainEqual(
      expect.objectContaining({ ext: 'pdf', mimeType: 'application/pdf', role: 'Viewer' }),
    );
    // Every extension the app's Open dialog takes is associated, one an entry, as a viewer that
    // is offered, not made the default.
    const readable = READABLE_ACCEPT.split(',')
      .filter((item) => item.startsWith('.'))
      .map((item) => item.slice(1));
    expect(config.fileAssociations.map((a) => a.ext).sort()).toStrictEqual(readable.sort());
    for (const association of config.fileAssociations) {
      expect(READABLE_NAME.test(`brochure.${association.ext}`), association.ext).toBe(true);
      expect(association, association.ext).toMatchObject({ role: 'Viewer', rank: 'Alternate' });
      expect(association.name, association.ext).toBeTruthy();
    }
    const mime = (ext: string) => config.fileAssociations.find((a) => a.ext === ext)?.mimeType;
    expect(readable.map(mime)).toStrictEqual(readable.map((ext) => OWN_MIME_TYPE[ext]));
  });

  it('offers itself for every input in the Linux desktop entry the installers would write', () => {
    const entry = Object.fromEntries(
      readFileSync(dist.desktopEntry, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const types = entry.MimeType!.split(';').filter((type) => type !== '');
    expect(types.sort()).toStrictEqual(
      [...new Set(Object.values(OWN_MIME_TYPE).filter((t) => t !== undefined))].sort(),
    );
    // %U: the file manager passes the chosen file (a path or a file: URL) to the app.
    expect(entry.Exec).toBe('/opt/ClaimLens/claimlens %U');
    expect(entry.Icon).toBe('claimlens');
    expect(entry.Name).toBe('ClaimLens');
    // Electron takes the window's app id from package.json's desktopName: they must match.
    const staged = JSON.parse(
      readFileSync(join(extracted, 'resources', 'app.asar', 'package.json'), 'utf8'),
    ) as {
      desktopName: string;
    };
    expect(`${entry.StartupWMClass}.desktop`).toBe(staged.desktopName);
  });
});

describe('dist:check', () => {
  it('fails any attempt to reach the network instead of letting it pass quietly', async () => {
    const attempt = [
      `const { forbidNetwork } = await import(${JSON.stringify(join(root, 'main', 'toolchain', 'dist-check.mjs'))});`,
      'forbidNetwork();',
      "const net = await import('node:net');",
      'const seen = [];',
      // What https and every download library call underneath.
      "try { net.connect({ host: 'registry.npmjs.org', port: 443 }); } catch (e) { seen.push(e.message); }",
      "try { await fetch('http://127.0.0.1:8080/'); } catch (e) { seen.push(e.cause.message); }",
      "const dns = await import('node:dns');",
      "try { dns.lookup('github.com', () => {}); } catch (e) { seen.push(e.message); }",
      'console.log(JSON.stringify(seen));',
    ].join('\n');
    const { stdout } = await run(join(root, 'node_modules', '.bin', 'node'), [
      '--input-type=module',
      '-e',
      attempt,
    ]);
    expect(JSON.parse(stdout)).toStrictEqual([
      'dist:check must not use the network, but electron-builder tried to connect to registry.npmjs.org:443.',
      'dist:check must not use the network, but electron-builder tried to connect to 127.0.0.1:8080.',
      'dist:check must not use the network, but electron-builder tried to look up github.com.',
    ]);
  });
});
