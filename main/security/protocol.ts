// The app's own scheme, claimlens://app/: registered as privileged before `ready`, serving the
// built renderer with the CSP on every response; and file: answering 403 to anything that asks.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import {
  APP_SCHEME,
  appFilePath,
  appResponseHeaders,
  CONTENT_SECURITY_POLICY,
  ELECTRON_ORIGIN,
} from './policy';

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

/** Serves claimlens://app/... from the renderer build in this session. */
export function serveApp(ses: Session, rendererDir: string, log: (message: string) => void): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const response = await appResponse(request, rendererDir);
    if (!response.ok) log(`answered ${response.status} to ${request.method} ${request.url}`);
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

/** The response for one request to the app's scheme: a file of the renderer build, or a refusal. */
export async function appResponse(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET') return refusal(405, 'Method not allowed.');
  const file = appFilePath(request.url, ELECTRON_ORIGIN);
  if (file === null) return refusal(404, 'Not found.');
  // appFilePath already refuses "..": this is the second lock on the same door.
  const root = resolve(rendererDir);
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
