// The desktop app end to end, in the Chromium host: the sample opens on first run with its
// highlights on the right pages, a note and a status survive a restart, and hostile input
// (including a page load of a stored original) is refused. Screenshots of both screens land in
// test/.output/screenshots/.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_URL } from '../../main/hosts/chromium-host';
import { newLibraryDir, screenshot, startApp, type RunningApp } from './harness';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');

const SAMPLE = 'sentinel-vision-brochure.pdf';
const NOTE = 'Checked against the 2023 edition: same wording on page 2.';
const running: RunningApp[] = [];

/** The page's globals these tests touch (test/ has no DOM types: it runs in Node). */
interface Browser {
  open(url: string, target: string): unknown;
  location: { href: string };
  __claimlensInvoke(channel: string, payload: unknown): Promise<unknown>;
  claimlens: Record<string, ((req: unknown) => Promise<unknown>) | undefined>;
}

afterAll(async () => {
  await Promise.all(running.map((app) => app.stop().catch(() => undefined)));
});

async function start(libraryDir: string): Promise<RunningApp> {
  const app = await startApp(libraryDir);
  running.push(app);
  return app;
}

describe('reviewing a brochure', () => {
  const libraryDir = newLibraryDir();

  it('opens the sample on first run with highlights on the expected pages', async () => {
    const { page } = await start(libraryDir);
    await page
      .getByRole('toolbar', { name: 'Document' })
      .getByText(SAMPLE)
      .waitFor({ timeout: 60_000 });
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('button', { name: /classify race and ethnicity/ }).waitFor();

    // Page 2 carries the prohibited ethnicity claim and its denial, drawn in their colours.
    await page.locator('[data-page="2"]').scrollIntoViewIfNeeded();
    await page.locator('[data-page="2"] .hl.prohibited').first().waitFor();
    await page.locator('[data-page="2"] .hl.prohibited.negated').first().waitFor();
    // Page 4 names the covered vendors.
    await page.locator('[data-page="4"]').scrollIntoViewIfNeeded();
    await page.locator('[data-page="4"] .hl.high').first().waitFor();
    expect(
      await page.locator('[data-page="4"] .hl[aria-label*="Hikvision"]').count(),
    ).toBeGreaterThan(0);
  });

  it('saves a note and a status on a finding, visibly', async () => {
    const { page } = running[0]!;
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('button', { name: /classify race and ethnicity/ }).click();
    const detail = page.getByRole('region', { name: 'Selected finding' });
    await detail.getByRole('radio', { name: 'Confirmed' }).click();
    await detail.getByText(/Confirmed by /).waitFor();
    await detail.getByLabel('Note').fill(NOTE);
    await detail.getByText(/^Saved /).waitFor();
    await screenshot(page, 'document');
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).waitFor();
    await screenshot(page, 'library');
  });

  it("turns a text selection into the reviewer's own highlight, with a note", async () => {
    const { page } = running[0]!;
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).click();
    const span = page.locator('[data-page="1"] .textLayer span', { hasText: 'One firmware image' });
    await span.waitFor();
    // Select the span's text as a mouse drag would, then release the mouse on the text layer.
    await span.evaluate((el: { ownerDocument: unknown }) => {
      const doc = el.ownerDocument as {
        createRange(): { selectNodeContents(n: unknown): void };
        getSelection(): { removeAllRanges(): void; addRange(r: unknown): void };
      };
      const range = doc.createRange();
      range.selectNodeContents(el);
      doc.getSelection().removeAllRanges();
      doc.getSelection().addRange(range);
    });
    await span.dispatchEvent('mouseup');
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('region', { name: 'Your highlights, 1' }).waitFor();
    const detail = page.getByRole('region', { name: 'Selected finding' });
    await detail.getByText(/Your highlight, page 1/).waitFor();
    await detail.getByLabel('Note').fill('Firmware claim to check with the vendor.');
    await detail.getByText(/^Saved /).waitFor();
    await page.locator('[data-page="1"] .hl.user').first().waitFor();
  });

  it('has the note and the status back after a restart', async () => {
    await running[0]!.stop();
    running.length = 0;
    const { page } = await start(libraryDir);
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).click();
    const findings = page.getByRole('complementary', { name: 'Findings' });
    await findings.getByRole('button', { name: /classify race and ethnicity/ }).click();
    const detail = page.getByRole('region', { name: 'Selected finding' });
    await expect.poll(() => detail.getByLabel('Note').inputValue()).toBe(NOTE);
    expect(
      await detail.getByRole('radio', { name: 'Confirmed' }).getAttribute('aria-checked'),
    ).toBe('true');
  });
});

describe('files that cannot simply be read', () => {
  it('asks for the password of an encrypted PDF, and marks a corrupt one without losing the library', async () => {
    const { page } = await start(newLibraryDir());
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Library', exact: true }).click();

    await page.locator('input[type=file][accept]').setInputFiles(join(FIXTURES, 'encrypted.pdf'));
    const dialog = page.getByRole('dialog', { name: 'This PDF is protected by a password' });
    await dialog.getByLabel('Password').fill('wrong');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await dialog.getByText('That password is not correct.').waitFor();
    await dialog.getByLabel('Password').fill('secret');
    await dialog.getByRole('button', { name: 'Open' }).click();
    const encrypted = page.getByRole('row', { name: 'Open encrypted.pdf' });
    // Read once the password is right: its page count appears in the Pages column.
    await expect.poll(() => encrypted.locator('td').nth(2).textContent()).toBe('1');
    expect(await encrypted.textContent()).not.toContain('could not be read');

    await page.locator('input[type=file][accept]').setInputFiles(join(FIXTURES, 'corrupt.pdf'));
    const corrupt = page.getByRole('row', { name: 'Open corrupt.pdf' });
    await corrupt.getByText(/cannot be read/).waitFor();
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).click();
    await page.getByRole('toolbar', { name: 'Document' }).getByText(SAMPLE).waitFor();
  });
});

describe('evidence on disk', () => {
  it('shows a persistent "verification failed" when a stored original was altered', async () => {
    const libraryDir = newLibraryDir();
    const first = await start(libraryDir);
    await first.page
      .getByRole('toolbar', { name: 'Document' })
      .getByText(SAMPLE)
      .waitFor({ timeout: 60_000 });
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const originals = join(libraryDir, 'originals');
    const [stored] = readdirSync(originals);
    const path = join(originals, stored!);
    chmodSync(path, 0o644);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256;
    writeFileSync(path, bytes);

    const { page } = await start(libraryDir);
    await page.getByRole('row', { name: `Open ${SAMPLE}` }).click();
    await page
      .getByRole('alert')
      .getByText(/Verification failed/)
      .waitFor();
    expect(await page.locator('.page-slot canvas').count()).toBe(0);
  });
});

describe('themes', () => {
  it('follows the system in dark mode', async () => {
    const { page } = await start(newLibraryDir());
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    await page.locator('[data-page="1"] .hl').first().waitFor();
    await page.locator('[data-page="1"] .textLayer span').first().waitFor();
    const background = await page
      .locator('body')
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(el).backgroundColor,
      );
    expect(background).toBe('rgb(20, 23, 28)');
    await screenshot(page, 'document-dark');
  });
});

describe('hostile input', () => {
  it('refuses new windows, navigation away, file: loads and channels outside the contract', async () => {
    const { page, host, refused } = await start(newLibraryDir());
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });

    await page.evaluate(() =>
      (globalThis as unknown as Browser).open('https://example.com/', '_blank'),
    );
    await expect.poll(() => host.context.pages().length).toBe(1);
    await expect.poll(() => refused.some((r) => r.startsWith('closed a new window'))).toBe(true);

    await page.evaluate(() => {
      (globalThis as unknown as Browser).location.href = 'https://example.com/';
    });
    await expect.poll(() => refused.some((r) => r.includes('https://example.com/'))).toBe(true);
    await page.waitForURL((url) => url.href.startsWith(APP_URL));
    await page.getByRole('button', { name: 'Library', exact: true }).waitFor();

    const fileLoad = await page.evaluate(async () => {
      try {
        await fetch('file:///etc/passwd');
        return 'loaded';
      } catch {
        return 'refused';
      }
    });
    expect(fileLoad).toBe('refused');

    const unknown = await page.evaluate(
      async () =>
        JSON.parse(
          (await (globalThis as unknown as Browser).__claimlensInvoke(
            'fs:readFile',
            JSON.stringify({ path: '/etc/passwd' }),
          )) as string,
        ) as unknown,
    );
    expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    const malformed = await page.evaluate(() =>
      (globalThis as unknown as Browser).claimlens['document:get']!({
        sha256: '../../etc/passwd',
      }),
    );
    expect(malformed).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });

  it("serves a stored original to the app's own fetch() only, never as a page", async () => {
    const { page, services, refused } = await start(newLibraryDir());
    await page.getByRole('toolbar', { name: 'Document' }).waitFor({ timeout: 60_000 });
    const [sample] = services.store.list();
    const read = (path: string) =>
      page.evaluate(async (url) => {
        const response = await fetch(url);
        return {
          status: response.status,
          cache: response.headers.get('cache-control'),
          bytes: (await response.arrayBuffer()).byteLength,
        };
      }, path);
    expect(await read(`/originals/${sample!.sha256}`)).toStrictEqual({
      status: 200,
      cache: 'no-store',
      bytes: sample!.bytes,
    });
    expect((await read(`/originals/${'f'.repeat(64)}`)).status).toBe(404);

    await page.evaluate((url) => {
      (globalThis as unknown as Browser).location.href = url;
    }, `/originals/${sample!.sha256}`);
    await expect
      .poll(() => refused.some((r) => r.startsWith('refused a document request for')))
      .toBe(true);
    await page.waitForURL((url) => url.href === APP_URL);
    await page.getByRole('button', { name: 'Library', exact: true }).waitFor();
  });
});
