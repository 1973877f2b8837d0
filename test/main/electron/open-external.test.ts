// External links: https only, shown to the user, opened only if they agree.
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenExternal, externalUrl } from '../../../main/security/open-external';
import { dialog, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const log = vi.fn();
const openExternal = createOpenExternal(() => null, log);

beforeEach(() => {
  dialog.showMessageBox.mockClear();
  shell.openExternal.mockClear();
});

describe('openExternal', () => {
  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'claimlens://app/',
    'mailto:someone@example.com',
    'smb://server/share',
    'https://user:pass@example.com/',
    'https://example.com@evil.example/',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ])('refuses %s without asking', async (url) => {
    expect(await openExternal(url)).toBe(false);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('asks before an https link and opens nothing when the user cancels', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await openExternal(new URL('https://eur-lex.europa.eu/eli/reg/2024/1689/oj'))).toBe(
      false,
    );
    expect(dialog.showMessageBox).toHaveBeenCalledOnce();
    const options = dialog.showMessageBox.mock.calls[0]?.[0] as {
      detail: string;
      cancelId: number;
      defaultId: number;
    };
    expect(options.detail).toContain('https://eur-lex.europa.eu/eli/reg/2024/1689/oj');
    expect(options.detail.startsWith('eur-lex.europa.eu')).toBe(true);
    // Enter or Escape cancels: opening takes a deliberate choice.
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens the link in the system browser when the user agrees', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    expect(await openExternal('https://example.com/report?id=1')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/report?id=1');
  });

  it('attaches the question to the window when there is one', async () => {
    const window = { isDestroyed: () => false } as unknown as BrowserWindow;
    await createOpenExternal(() => window, log)('https://example.com/');
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toBe(window);
  });

  it('accepts only https URLs without credentials', () => {
    expect(externalUrl('https://example.com/x')?.href).toBe('https://example.com/x');
    expect(externalUrl('HTTP://example.com')).toBeNull();
  });
});
