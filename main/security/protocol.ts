// The app's own scheme, claimlens://app/: registered as privileged before `ready`, serving the
// built renderer and the library's stored originals with the CSP on every response; and file:
// answering 403 to anything that asks.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { originalResponse, type ReadOriginal } from '../ipc/originals';
import {
  APP_SCHEME,
  appFilePath,
  appResponseHeaders,
  CONTENT_SECURITY_POLICY,
  ELECTRON_ORIGIN,
  originalOf,
} from './policy';

/** What the scheme serves: the renderer build, and the originals the store verifies. */
export interface ServedApp {
  readonly rendererDir: string;
  readonly readOriginal: ReadOriginal;
  readonly log: (message: string) => void;
}

/**
 * Standard (relative URLs, its own origin, storage) and secure (a secure context, like https)
 * so the renderer need not be served from file:. `supportFetchAPI` because pdf.js fetches its
 * CMaps and fonts. No `corsEnabled` (it would let other origins read the app's files), no
 * `bypassCSP`, no service workers, no streaming. Must run before `app` is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves claimlens://app/... in this session. */
export function serveApp(ses: Session, served: ServedApp): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const response = await appResponse(request, served);
    if (!response.ok) served.log(`answered ${response.status} to ${request.method} ${request.url}`);
    return response;
  });
}

/** file: is never a way into the app: the renderer lives on its own scheme. */
export function refuseFileScheme(ses: Session, log: (message: string) => void): void {
  ses.protocol.handle('file', (request) => {
    log(`refused ${request.url}`);
    return refusal(403, 'ClaimLens does not load file: URLs.');
  });
}

/**
 * The response for one request to the app's scheme: a stored original (only fetch() reaches
 * these: security/session.ts cancels any other kind of request for them), a file of the renderer
 * build, or a refusal.
 */
export async function appResponse(request: Request, served: ServedApp): Promise<Response> {
  if (request.method !== 'GET') return refusal(405, 'Method not allowed.');
  const sha256 = originalOf(request.url, ELECTRON_ORIGIN);
  if (sha256 !== null) {
    const original = await originalResponse(sha256, served.readOriginal, served.log);
    return new Response(original.body, { status: original.status, headers: original.headers });
  }
  const file = appFilePath(request.url, ELECTRON_ORIGIN);
  if (file === null) return refusal(404, 'Not found.');
  // appFilePath already refuses "..": this is the second lock on the same door.
  const root = resolve(served.rendererDir);
  const path = resolve(root, file);
  if (!path.startsWith(root + sep)) return refusal(404, 'Not found.');
  try {
    const body = await readFile(path);
    return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(file) });
  } catch {
    return refusal(404, 'Not found.');
  }
}

function refusal(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    },
  });
}
