// The security baseline, in the order Electron requires: the sandbox for every renderer and the
// app's scheme before `ready`; each webContents and each session hardened as it appears.
// Resolves once `ready`; app.ts then serves the scheme (security/protocol.ts) with the library
// open, since the scheme serves its stored originals too.
import { app, session, type Session } from 'electron';
import { hardenContents } from './contents';
import { registerAppScheme } from './protocol';
import { applySessionPolicy } from './session';

export interface SecurityOptions {
  readonly development: boolean;
  readonly log: (message: string) => void;
}

export async function installSecurity(options: SecurityOptions): Promise<void> {
  // Every renderer sandboxed, whatever a webPreferences object might say.
  app.enableSandbox();
  registerAppScheme();
  const secured = new WeakSet<Session>();
  const secure = (ses: Session): void => {
    if (secured.has(ses)) return;
    secured.add(ses);
    applySessionPolicy(ses, options);
  };
  // Also reaches webContents the app never meant to create, and any session they bring.
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, options);
    secure(contents.session);
  });
  await app.whenReady();
  secure(session.defaultSession);
}
