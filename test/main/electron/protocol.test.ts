// The app's scheme: registered as privileged (standard, secure, nothing more), serving the
// renderer build with the CSP on every response and nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/policy';
import { appResponse, registerAppScheme, serveApp } from '../../../main/security/protocol';
import { FakeSession, protocol } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const root = mkdtempSync(join(tmpdir(), 'claimlens-protocol-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ClaimLens</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => appResponse(new Request(url, { method }), rendererDir);

describe('the claimlens: scheme', () => {
  it('is registered as standard and secure, without CORS, CSP bypass or service workers', () => {
    registerAppScheme();
    expect(protocol.privileged).toStrictEqual([
      [
        {
          scheme: 'claimlens',
          privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
        },
      ],
    ]);
  });

  it('serves index.html for the root, with the CSP and no sniffing', async () => {
    const response = await get('claimlens://app/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>ClaimLens</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts with their type and the CSP', async () => {
    const response = await get('claimlens://app/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers anything else with a refusal that still carries the CSP', async () => {
    for (const url of [
      'claimlens://app/missing.js',
      'claimlens://app/%2e%2e/secret.txt',
      'claimlens://app/..%2fsecret.txt',
      'claimlens://other/index.html',
      'claimlens://app/assets',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer');
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('serves reads only', async () => {
    expect((await get('claimlens://app/', 'POST')).status).toBe(405);
  });

  it('is handled in the session it is served in', async () => {
    const ses = new FakeSession();
    const log = vi.fn();
    serveApp(ses as unknown as Session, rendererDir, log);
    const handler = ses.protocolHandlers.get('claimlens')!;
    expect((await handler(new Request('claimlens://app/'))).status).toBe(200);
    expect((await handler(new Request('claimlens://app/nope'))).status).toBe(404);
    expect(log).toHaveBeenCalledWith('answered 404 to GET claimlens://app/nope');
  });
});
