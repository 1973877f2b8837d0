// Session-wide refusals: no permission is ever granted, no request leaves the app's own scheme,
// nothing is downloaded, no device chooser picks anything, and file: answers 403.
import type { OnBeforeRequestListenerDetails, Session } from 'electron';
import { appFilePath, ELECTRON_ORIGIN, originalOf } from './policy';
import { refuseFileScheme } from './protocol';

export interface SessionPolicyOptions {
  /** Unpackaged runs may open DevTools, which load from devtools://. */
  readonly development: boolean;
  readonly log: (message: string) => void;
}

type RequestDetails = Pick<OnBeforeRequestListenerDetails, 'url' | 'resourceType'>;

/**
 * Whether a request may proceed: the app's own files; its stored originals for fetch() only
 * (never as a page, frame, image or anything else; the app's page is the only one that can ask,
 * since nothing off the app's scheme ever loads); data: and the app's own blob: URLs for
 * subresources (pdf.js's images, fonts and worker), never as a page or frame; devtools:// only
 * in development. Everything else, http(s), ws, file, ftp, chrome:, is cancelled.
 */
export function isAllowedRequest(details: RequestDetails, development: boolean): boolean {
  const url = URL.parse(details.url);
  if (url === null) return false;
  if (originalOf(details.url, ELECTRON_ORIGIN) !== null) return details.resourceType === 'xhr';
  if (url.protocol === 'claimlens:') return appFilePath(details.url, ELECTRON_ORIGIN) !== null;
  const frame = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
  if (!frame && url.protocol === 'data:') return true;
  if (!frame && url.protocol === 'blob:') return details.url.startsWith(`blob:${ELECTRON_ORIGIN}/`);
  return development && url.protocol === 'devtools:';
}

export function applySessionPolicy(ses: Session, options: SessionPolicyOptions): void {
  const { log, development } = options;
  // The app needs no camera, microphone, notifications, clipboard reads, geolocation, MIDI,
  // fullscreen or anything else Chromium would ask for; "no" is the whole policy.
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`refused the permission "${permission}"`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('will-download', (event, item) => {
    log(`refused a download of ${item.getURL()}`);
    event.preventDefault();
  });
  // Offline means offline: even Chromium's spelling dictionaries are not fetched.
  ses.setSpellCheckerEnabled(false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details, development);
    if (!allowed) log(`refused a request for ${details.url}`);
    callback({ cancel: !allowed });
  });
  refuseFileScheme(ses, log);
}
