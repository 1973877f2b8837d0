// Compare editions on two editions without pages of their own (plain-text datasheets, as Word
// files and web pages are shown): each pane shows the claim's page as text, the claim marked by
// its place in the page text, and the comparison report exports without page images.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveIntoFolder } from '../../main/export/app-export';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const root = join(import.meta.dirname, '..', '..');
let app: RunningApp | null = null;

afterAll(async () => {
  await app?.stop();
});

describe('compare editions of text documents', () => {
  it('shows both editions as text with the claim marked, and exports the report', async () => {
    mkdirSync(join(root, 'test', '.output'), { recursive: true });
    const work = mkdtempSync(join(root, 'test', '.output', 'compare-text-'));
    const older = join(work, 'argus-2023.txt');
    const newer = join(work, 'argus-2024.txt');
    writeFileSync(
      older,
      'Argus 4 datasheet\n\nThe Argus 4 camera offers ethnicity detection for every visitor.\n' +
        'Face recognition against a watchlist is included.\n',
    );
    writeFileSync(
      newer,
      'Argus 4 datasheet\n\nThe Argus 4 camera does not offer ethnicity detection.\n' +
        'Face recognition against a watchlist is included.\nGait recognition is planned for 2027.\n',
    );
    app = await startApp(newLibraryDir(), { saveExport: saveIntoFolder(join(work, 'exports')) });
    const { page } = app;
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.locator('input[type=file][accept]').setInputFiles([older, newer]);
    for (const name of ['argus-2023.txt', 'argus-2024.txt']) {
      await page.getByRole('row', { name: `Open ${name}` }).waitFor({ timeout: 60_000 });
      await page.getByRole('checkbox', { name: `Compare ${name}` }).check();
    }
    await page.getByRole('button', { name: 'Compare editions' }).click();
    const view = page.getByRole('main', { name: 'Compare editions' });
    const changes = view.getByRole('list', { name: 'Changes' }).getByRole('button');
    await changes.first().waitFor({ timeout: 30_000 });
    expect(await view.locator('.compare-summary').textContent()).toContain('1 added');

    // The claim now denied: both panes show its sentence as text, each with the claim marked.
    await changes.filter({ hasText: 'Ethnicity' }).click();
    const oldPane = view.getByRole('figure', { name: 'Old edition' });
    const newPane = view.getByRole('figure', { name: 'New edition' });
    const oldMark = oldPane.locator('.text-view .hl-text.selected');
    const newMark = newPane.locator('.text-view .hl-text.selected');
    await oldMark.first().waitFor();
    await newMark.first().waitFor();
    expect((await oldMark.allTextContents()).join('')).toBe('ethnicity detection');
    expect((await newMark.allTextContents()).join('')).toBe('ethnicity detection');
    expect(await newPane.locator('.text-view').textContent()).toContain('does not offer');
    expect(await view.getByText(/could not|cannot be compared/).count()).toBe(0);
    await screenshot(page, 'compare-text');

    // The comparison report: made without page images, since neither edition has a page.
    await view.getByRole('button', { name: 'Export HTML report' }).click();
    await page.getByText(/^Saved the comparison .+\.html/).waitFor({ timeout: 60_000 });
    const report = join(work, 'exports', 'argus-2023 vs argus-2024.comparison.html');
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    // The new quote is marked in its sentence (tags left out to read the words).
    expect(html.replace(/<[^>]+>/g, '')).toContain('does not offer ethnicity detection');
    expect(html).not.toContain('data:image/png');
    expect(app.refused).toEqual([]);
  });
});
