// The renderer's security policy, shared by both hosts: where the app is served from, its
// Content-Security-Policy, and which URLs are the app's own (everything else is refused).
import { sha256OfOriginalPath } from '../../shared/ipc/originals';

/** The app's own origin. Electron serves it through a custom protocol; the Chromium host
 * through request interception on a name under .invalid, which never resolves to a network. */
export const APP_SCHEME = 'claimlens';
export const ELECTRON_ORIGIN = `${APP_SCHEME}://app`;
export const CHROMIUM_ORIGIN = 'https://app.claimlens.invalid';

/** pdf.js's own policy without remote connections (DESIGN.md, "Security baseline"). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.icc': 'application/octet-stream',
  '.map': 'application/json',
};

/** Headers on every response that serves the app: its type, the CSP, no sniffing, no opener. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': mimeType(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

export function mimeType(path: string): string {
  const dot = path.lastIndexOf('.');
  return MIME[dot >= 0 ? path.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}

/** Whether a URL is on `origin`: compared by scheme and host, since URL gives no origin for a
 * custom scheme such as claimlens:. */
function onOrigin(parsed: URL, origin: string): boolean {
  return `${parsed.protocol}//${parsed.host}` === origin;
}

/** The SHA-256 of the stored original an app URL asks for, or null when it asks for none. */
export function originalOf(url: string, origin: string): string | null {
  const parsed = URL.parse(url);
  if (parsed === null || !onOrigin(parsed, origin) || parsed.search !== '') return null;
  return sha256OfOriginalPath(parsed.pathname);
}

/**
 * The file under the renderer folder that an app URL names, or null when the URL is not the
 * app's or tries to leave the folder. "/" is index.html.
 */
export function appFilePath(url: string, origin: string): string | null {
  const parsed = URL.parse(url);
  if (parsed === null || !onOrigin(parsed, origin)) return null;
  const path = decodeURIComponent(parsed.pathname);
  if (path.includes('\0') || path.split('/').some((part) => part === '..')) return null;
  return path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
}
