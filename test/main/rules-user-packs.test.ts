// Users' rule packs through the contract, as the Rules screen uses them: the real handler table,
// store and library folder. A broken pack is reported with file, line and reason and never
// stored; a valid one is stored only when enabled, audited, kept across a restart, used by the
// engine (vendor aliases included), and can be disabled and removed.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseDocument } from '../../shared/analysis/analyse';
import type { Channel, Request, Response, Result } from '../../shared/ipc/contract';
import { compileRules } from '../../shared/rules/compile';
import { pagesFromPlainText } from '../../shared/text/page-text';
import { dispatch } from '../../main/ipc/dispatch';
import { startServices, type HostServices } from '../../main/hosts/services';
import { BROKEN_PACK, OEM_PACK } from './rules-packs';

const running: HostServices[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(dir: string): Promise<HostServices> {
  const services = await startServices({
    libraryDir: dir,
    host: 'chromium',
    openExternal: () => Promise.resolve(false),
  });
  running.push(services);
  return services;
}

async function call<C extends Channel>(
  services: HostServices,
  channel: C,
  req: Request<C>,
): Promise<Result<Response<C>>> {
  return (await dispatch(services.handlers, channel, req)) as Result<Response<C>>;
}

async function value<C extends Channel>(
  services: HostServices,
  channel: C,
  req: Request<C>,
): Promise<Response<C>> {
  const result = await call(services, channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.code} ${result.message}`);
  return result.value;
}

const library = () => mkdtemp(join(tmpdir(), 'claimlens-rules-'));

describe('rules channels', () => {
  it('lists every bundled pack with its rules, explanations and hash', async () => {
    const services = await start(await library());
    const { packs, problems } = await value(services, 'rules:list', {});
    expect(problems).toStrictEqual([]);
    const core = packs.find((p) => p.id === 'claimlens.core');
    expect(core).toMatchObject({ source: 'bundled', enabled: true, file: 'core.yaml' });
    expect(core?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const ethnicity = core?.rules.find((r) => r.id === 'ethnicity.inference');
    expect(ethnicity).toMatchObject({ category: 'ethnicity_race', severity: 'prohibited' });
    expect(ethnicity?.explanation.length).toBeGreaterThan(40);
    expect(ethnicity?.references.length).toBeGreaterThan(0);
    expect(packs.every((p) => p.source === 'bundled')).toBe(true);
  });

  it('reports a broken pack with file, line, column and reason, and stores nothing', async () => {
    const dir = await library();
    const services = await start(dir);
    const result = await value(services, 'rules:validate', {
      fileName: '/home/me/broken.yaml',
      text: BROKEN_PACK,
    });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(lines).toContain(
      'broken.yaml:2: pack > id: must be lower-case letters, digits, dots or dashes',
    );
    expect(lines.some((l) => l.startsWith('broken.yaml:8: rules[0] (acme.faces) > category'))).toBe(
      true,
    );
    expect(
      lines.some((l) => l.startsWith('broken.yaml:9: rules[0] (acme.faces) > explanation')),
    ).toBe(true);
    const syntax = await value(services, 'rules:validate', {
      fileName: 'syntax.yaml',
      text: 'pack:\n  id: x\n  name: [unclosed\n',
    });
    expect(syntax.ok ? [] : syntax.problems.map((p) => p.line)).toContain(4);

    const enable = await call(services, 'rules:enable', {
      fileName: 'broken.yaml',
      text: BROKEN_PACK,
    });
    expect(enable).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(enable.ok ? '' : enable.message).toContain('broken.yaml:2:7: pack > id');
    expect(existsSync(join(dir, 'rules'))).toBe(false);
    expect(services.store.audit().some((r) => r.action.startsWith('rules.'))).toBe(false);
  });

  it('refuses a pack whose rule ids or pack id another pack already has, at their line', async () => {
    const services = await start(await library());
    const clash = OEM_PACK.replace('id: acme-audit.sentinel-oem', 'id: ethnicity.inference');
    const result = await value(services, 'rules:validate', { fileName: 'oem.yaml', text: clash });
    expect(result.ok ? [] : result.problems).toStrictEqual([
      {
        file: 'oem.yaml',
        line: 6,
        column: 9,
        message:
          'rules[0] (ethnicity.inference) > id: the bundled pack "claimlens.core" already has a rule with this id; rename yours',
      },
    ]);
    const bundledId = OEM_PACK.replace('id: acme-audit.oem', 'id: claimlens.core');
    const second = await value(services, 'rules:validate', {
      fileName: 'oem.yaml',
      text: bundledId,
    });
    expect(second.ok ? '' : second.problems[0]?.message).toMatch(
      /^pack > id: "claimlens.core" is the id of a bundled pack/,
    );
  });

  it('validates a good pack without storing it, with its own failing tests as warnings', async () => {
    const dir = await library();
    const services = await start(dir);
    const result = await value(services, 'rules:validate', {
      fileName: 'oem.yaml',
      text: OEM_PACK.replace('A sentinel stood at the gate.', 'Sentinel Vision cameras.'),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack).toMatchObject({ id: 'acme-audit.oem', source: 'user', enabled: false });
    expect(result.pack.rules[0]).toMatchObject({
      severity: 'high',
      vendor: { name: 'HIKVISION' },
      patterns: 2,
    });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ file: 'oem.yaml', line: 17 });
    expect(result.warnings[0]?.message).toContain('no_match: "Sentinel Vision cameras." matched');
    expect(existsSync(join(dir, 'rules'))).toBe(false);
  });

  it('enables, keeps across a restart, disables, re-enables and removes a pack, audited', async () => {
    const dir = await library();
    let services = await start(dir);
    const enabled = await value(services, 'rules:enable', { fileName: 'oem.yaml', text: OEM_PACK });
    expect(enabled).toMatchObject({ id: 'acme-audit.oem', enabled: true, source: 'user' });
    expect(await readdir(join(dir, 'rules'))).toStrictEqual(['acme-audit.oem.yaml']);
    await services.close();
    running.splice(0);

    services = await start(dir);
    const { packs } = await value(services, 'rules:list', {});
    expect(packs.find((p) => p.id === 'acme-audit.oem')).toMatchObject({
      enabled: true,
      sha256: enabled.sha256,
    });
    const forEngine = await value(services, 'rules:packs', {});
    expect(forEngine.map((p) => p.data.pack.id)).toContain('acme-audit.oem');

    // The user's alias for a covered vendor reports the vendor under the bundled spelling.
    const { findings, summary } = analyseDocument(
      pagesFromPlainText('The Sentinel Vision SV-9040 bullet camera records every visitor.'),
      compileRules(forEngine),
    );
    const alias = findings.filter((f) => f.rulePack === 'acme-audit.oem');
    expect(alias.map((f) => [f.quote, f.vendor?.name])).toStrictEqual([
      ['Sentinel Vision', 'Hikvision'],
      ['SV-9040', 'Hikvision'],
    ]);
    expect(summary.vendors).toStrictEqual(['Hikvision']);

    const disabled = await value(services, 'rules:disable', { packId: 'acme-audit.oem' });
    expect(disabled.enabled).toBe(false);
    expect(existsSync(join(dir, 'rules', 'acme-audit.oem.yaml'))).toBe(false);
    expect((await value(services, 'rules:packs', {})).map((p) => p.data.pack.id)).not.toContain(
      'acme-audit.oem',
    );
    expect(await value(services, 'rules:enable', { packId: 'acme-audit.oem' })).toMatchObject({
      enabled: true,
    });
    expect(await value(services, 'rules:remove', { packId: 'acme-audit.oem' })).toBe(true);
    expect((await value(services, 'rules:list', {})).packs.some((p) => p.source === 'user')).toBe(
      false,
    );
    expect(await call(services, 'rules:remove', { packId: 'acme-audit.oem' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });

    const audit = services.store.audit().filter((r) => r.action.startsWith('rules.'));
    expect(audit.map((r) => r.action)).toStrictEqual([
      'rules.enabled',
      'rules.disabled',
      'rules.enabled',
      'rules.removed',
    ]);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      packId: 'acme-audit.oem',
      version: '1.2.0',
      sha256: enabled.sha256,
      fileName: 'oem.yaml',
    });
    expect(services.store.verifyAudit()).toMatchObject({ ok: true });
  });

  it('lists a broken file put in the rules folder by hand, and analyses without it', async () => {
    const dir = await library();
    await mkdir(join(dir, 'rules'));
    await writeFile(join(dir, 'rules', 'by-hand.yaml'), BROKEN_PACK);
    const services = await start(dir);
    const { problems } = await value(services, 'rules:list', {});
    expect(problems[0]).toMatchObject({ file: join(dir, 'rules', 'by-hand.yaml'), line: 2 });
    const packs = await value(services, 'rules:packs', {});
    expect(packs.length).toBeGreaterThan(0);
    expect(packs.every((p) => !p.source.startsWith(dir))).toBe(true);
  });

  it('refuses requests outside the schema', async () => {
    const services = await start(await library());
    expect(await dispatch(services.handlers, 'rules:validate', { fileName: '' })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    });
    expect(await call(services, 'document:pages', { sha256: 'a'.repeat(64) })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await dispatch(services.handlers, 'rules:disable', { packId: 7 })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
    });
  });
});
