// The app's scheme: registered as privileged (standard, secure, nothing more), serving the
// renderer build and the verified stored originals with the CSP on every response, and nothing
// outside them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/policy';
import { appResponse, registerAppScheme, serveApp } from '../../../main/security/protocol';
import { StoreError } from '../../../main/store/errors';
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

const SHA256 = 'a'.repeat(64);
const CHANGED = 'c'.repeat(64);
const PDF = new TextEncoder().encode('%PDF-1.7 stored original');
/** The store's verified read, for one intact original and one that no longer matches. */
const readOriginal = (sha256: string): Promise<Uint8Array> => {
  if (sha256 === SHA256) return Promise.resolve(PDF);
  if (sha256 === CHANGED) {
    return Promise.reject(
      new StoreError(
        'VERIFICATION_FAILED',
        'The stored original has changed since it was imported.',
      ),
    );
  }
  return Promise.reject(new StoreError('NOT_FOUND', 'Document is not in the library.'));
};
const log = vi.fn();
const served = { rendererDir, readOriginal, log };

const get = (url: string, method = 'GET') => appResponse(new Request(url, { method }), served);

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

  it('serves a stored original as bytes, never cached, after the store has verified it', async () => {
    const response = await get(`claimlens://app/originals/${SHA256}`);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toStrictEqual(PDF);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 409 with the reason for an original that no longer matches, 404 for none', async () => {
    const changed = await get(`claimlens://app/originals/${CHANGED}`);
    expect(changed.status).toBe(409);
    expect(await changed.text()).toContain('has changed since it was imported');
    expect((await get(`claimlens://app/originals/${'b'.repeat(64)}`)).status).toBe(404);
  });

  it('reads no original for a name that is not exactly a SHA-256', async () => {
    for (const url of [
      `claimlens://app/originals/${SHA256.toUpperCase()}`,
      `claimlens://app/originals/${SHA256}/x`,
      `claimlens://app/originals/${SHA256}?download=1`,
      'claimlens://app/originals/..%2f..%2fetc%2fpasswd',
      `claimlens://other/originals/${SHA256}`,
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('%PDF');
    }
    expect((await get(`claimlens://app/originals/${SHA256}`, 'POST')).status).toBe(405);
  });

  it('is handled in the session it is served in', async () => {
    const ses = new FakeSession();
    serveApp(ses as unknown as Session, served);
    const handler = ses.protocolHandlers.get('claimlens')!;
    expect((await handler(new Request('claimlens://app/'))).status).toBe(200);
    expect((await handler(new Request('claimlens://app/nope'))).status).toBe(404);
    expect(log).toHaveBeenCalledWith('answered 404 to GET claimlens://app/nope');
  });
});
