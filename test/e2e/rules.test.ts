// The Rules screen end to end, in the Chromium host: the packs and their rules are listed, a
// broken pack shows its problems with file and line and is not stored, a valid pack is
// previewed on the sample brochure (a match shown on its page) and enabled; after a restart it
// is still enabled, its findings are on the sample, and a document imported afterwards is read
// with it (its vendor alias reported under the bundled spelling). Screenshots land in
// test/.output/screenshots/.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN_PACK, OEM_PACK } from '../main/rules-packs';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const SAMPLE = 'sentinel-vision-brochure.pdf';
const RULE_TITLE = 'Sentinel Vision (reported Hikvision OEM)';
const running: RunningApp[] = [];

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

async function start(libraryDir: string): Promise<RunningApp> {
  const app = await startApp(libraryDir);
  running.push(app);
  return app;
}

function yamlFile(name: string, text: string) {
  return { name, mimeType: 'text/yaml', buffer: Buffer.from(text, 'utf8') };
}

/** A one-page datasheet naming the relabelled brand, made for this test. */
async function datasheet(): Promise<string> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('Datasheet: the Sentinel Vision SV-9040 bullet camera', {
    x: 60,
    y: 760,
    font,
    size: 14,
  });
  page.drawText('for car parks and logistics warehouses.', { x: 60, y: 740, font, size: 14 });
  const path = join(mkdtempSync(join(tmpdir(), 'claimlens-rules-e2e-')), 'sv-9040-datasheet.pdf');
  writeFileSync(path, await pdf.save());
  return path;
}

describe('the Rules screen', () => {
  const libraryDir = newLibraryDir();

  it('lists the bundled packs and their rules with explanations, searchable', async () => {
    const { page } = await start(libraryDir);
    await page
      .getByRole('toolbar', { name: 'Document' })
      .getByText(SAMPLE)
      .waitFor({ timeout: 60_000 });
    // The keyboard shortcut opens the screen (the Chromium host has no native menus).
    await page.keyboard.press('Control+Shift+P');
    const rules = page.getByRole('main', { name: 'Rules' });
    const core = rules.getByRole('region', { name: /^Rule pack ClaimLens core/ });
    await core.waitFor();
    await expect(core.getByText('Enabled', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(core.getByText(/^SHA-256 [0-9a-f]{12}…$/).isVisible()).resolves.toBe(true);
    await rules.getByLabel('Search rules').fill('ethnicity.inference');
    const row = core.getByRole('row', { name: /ethnicity\.inference/ }).first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/prohibited.*Article 5/s);
    await screenshot(page, 'rules');
    await rules.getByLabel('Search rules').fill('');
  });

  it('shows every problem of a broken pack with file, line and column, and stores nothing', async () => {
    const { page } = running[0]!;
    await page
      .getByLabel('Rule pack file (YAML)')
      .setInputFiles(yamlFile('broken.yaml', BROKEN_PACK));
    const problems = page.getByRole('alert').filter({ has: page.getByText(/broken\.yaml:2:7/) });
    await problems.waitFor();
    const text = (await problems.textContent()) ?? '';
    expect(text).toContain('broken.yaml:2:7');
    expect(text).toContain('pack > id: must be lower-case letters');
    expect(text).toMatch(/broken\.yaml:8:\d+.*rules\[0\] \(acme\.faces\) > category/);
    expect(text).toMatch(/broken\.yaml:9:\d+.*explanation/);
    await page.getByText('broken.yaml cannot be used: ').waitFor();
    await screenshot(page, 'rules-broken-pack');
    expect(existsSync(join(libraryDir, 'rules'))).toBe(false);
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('previews a valid pack on the sample, shows a match on its page, and enables it', async () => {
    const { page } = running[0]!;
    await page.getByLabel('Rule pack file (YAML)').setInputFiles(yamlFile('oem.yaml', OEM_PACK));
    const panel = page.getByRole('region', { name: 'Loaded rule pack oem.yaml' });
    await panel.getByText('The pack is valid.').waitFor();
    await expect(panel.getByLabel('Document to preview on').inputValue()).resolves.toMatch(
      /^[0-9a-f]{64}$/,
    );
    await panel.getByRole('button', { name: 'Preview matches' }).click();
    await panel
      .getByText(/^\d+ matches this pack would add to sentinel-vision-brochure\.pdf$/)
      .waitFor({
        timeout: 60_000,
      });
    const matches = panel.getByRole('list', { name: 'Preview matches' }).getByRole('button');
    expect(await matches.count()).toBeGreaterThan(10);
    const onPage2 = matches.filter({ hasText: /SV-9080.*p\.2 · high/s }).first();
    await onPage2.click();
    const shown = panel.getByRole('region', { name: 'Page 2 with the preview matches' });
    await shown.locator('.hl.high.selected').first().waitFor();
    await screenshot(page, 'rules-preview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'rules-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await panel.getByRole('button', { name: 'Enable' }).click();
    await page.getByText(/Acme audit OEM aliases is enabled/).waitFor();
    const card = page.getByRole('region', { name: 'Rule pack Acme audit OEM aliases' });
    await card.getByText('Enabled', { exact: true }).waitFor();
    expect(existsSync(join(libraryDir, 'rules', 'acme-audit.oem.yaml'))).toBe(true);

    // Re-analyse the document that was open, with the pack: its findings appear on the pages.
    await page.getByRole('button', { name: `Re-analyse ${SAMPLE} now` }).click();
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    await page.locator(`.hl[aria-label*="${RULE_TITLE}"]`).first().waitFor({ timeout: 60_000 });
  });

  it('keeps the pack enabled after a restart, with its findings, and reads new documents with it', async () => {
    await running[0]!.stop();
    running.length = 0;
    const { page } = await start(libraryDir);
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const card = page.getByRole('region', { name: 'Rule pack Acme audit OEM aliases' });
    await card.getByText('Enabled', { exact: true }).waitFor();
    await expect(card.getByText('yours').isVisible()).resolves.toBe(true);
    await screenshot(page, 'rules-after-restart');

    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).click();
    await page.locator(`.hl[aria-label*="${RULE_TITLE}"]`).first().waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.locator('input[type=file][accept]').setInputFiles(await datasheet());
    await page
      .getByRole('row', { name: 'Open sv-9040-datasheet.pdf' })
      .waitFor({ timeout: 60_000 });
    const row = page.getByRole('row', { name: 'Open sv-9040-datasheet.pdf' });
    await row.getByText('Hikvision').waitFor({ timeout: 60_000 });
    await row.click();
    await page.locator(`.hl[aria-label*="${RULE_TITLE}"]`).first().waitFor({ timeout: 60_000 });
  });

  it('disables and removes the pack, and the document re-analysed without it loses its findings', async () => {
    const { page } = running[0]!;
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const card = page.getByRole('region', { name: 'Rule pack Acme audit OEM aliases' });
    await card.getByRole('button', { name: 'Disable' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    expect(existsSync(join(libraryDir, 'rules-disabled', 'acme-audit.oem.yaml'))).toBe(true);
    await card.getByRole('button', { name: 'Remove Acme audit OEM aliases' }).click();
    await card.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText('Acme audit OEM aliases is removed.').waitFor();
    expect(await card.count()).toBe(0);
    const actions = running[0]!.services.store
      .audit()
      .map((r) => r.action)
      .filter((a) => a.startsWith('rules.'));
    expect(actions).toStrictEqual(['rules.enabled', 'rules.disabled', 'rules.removed']);

    // Re-analysing the sample without the pack drops its findings and keeps the bundled ones.
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).click();
    const alias = page.locator(`.hl[aria-label*="${RULE_TITLE}"]`).first();
    await alias.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Re-analyse', exact: true }).click();
    await alias.waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('[data-page="1"] .hl[aria-label*="Face matching"]').first().waitFor();
  });
});
