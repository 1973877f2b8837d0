// "Open with ClaimLens": a PDF or a Word file named on the host's command line (a file manager's
// Open with, or `npm start -- brochure.pdf`) is copied into the library and shown at once, read
// in the sandbox like any document, instead of the first-run sample; a file of another kind is
// refused with the reason.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
const running: RunningApp[] = [];

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

describe('a PDF given on the command line', () => {
  it('opens on a new library instead of the sample, analysed, and stays in the library', async () => {
    const app = await startApp(newLibraryDir(), {
      open: [join(FIXTURES, 'no-such-file.pdf'), join(FIXTURES, 'brochure-3p.pdf')],
    });
    running.push(app);
    const { page } = app;
    await page
      .getByRole('toolbar', { name: 'Document' })
      .getByText('brochure-3p.pdf')
      .waitFor({ timeout: 60_000 });
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('button').first().waitFor();
    await screenshot(page, 'open-with');

    const list = app.services.store.list();
    expect(list.map((d) => d.fileName)).toEqual(['brochure-3p.pdf']);
    expect(list[0]?.state).toBe('analysed');
    expect(Object.values(list[0]?.counts ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('opens a Word file the same way, and leaves out a file ClaimLens does not read', async () => {
    const gif = join(mkdtempSync(join(tmpdir(), 'claimlens-open-with-')), 'logo.gif');
    writeFileSync(gif, 'GIF89a');
    const app = await startApp(newLibraryDir(), { open: [join(FIXTURES, 'datasheet.docx'), gif] });
    running.push(app);
    const { page } = app;
    await page
      .getByRole('toolbar', { name: 'Document' })
      .getByText('datasheet.docx')
      .waitFor({ timeout: 60_000 });
    await page.locator('.text-view mark.hl-text[data-mark]').first().waitFor({ timeout: 60_000 });
    expect(app.services.store.list().map((d) => d.fileName)).toEqual(['datasheet.docx']);
    expect(app.services.openRefused).toEqual([
      'logo.gif: ClaimLens reads PDF, Word (.docx), saved web pages (.html), PNG and JPEG ' +
        'images and plain text; this is a GIF image.',
    ]);
  });
});
