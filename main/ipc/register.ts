// Electron's side of the IPC contract: one ipcMain.handle per contract channel, registered by
// looping over CHANNELS. Each checks the sending frame before the request is parsed and
// dispatched; a channel not in the contract has no handler, so it never reaches one.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNELS, type Channel, type Result } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from './dispatch';

export interface RegisterOptions {
  readonly handlers: Handlers;
  /** Whether a frame may call ClaimLens: the main frame of the app's window, showing the app. */
  readonly isTrustedSender: (frame: WebFrameMain | null) => boolean;
  readonly log: (message: string) => void;
  /** Told after each call that succeeded (the menu's Recent list follows library changes). */
  readonly onSuccess?: (channel: Channel) => void;
}

export const FORBIDDEN: Result<never> = {
  ok: false,
  code: 'FORBIDDEN',
  message: 'Only the ClaimLens window may call ClaimLens.',
};

export function registerIpc(ipc: Pick<IpcMain, 'handle'>, options: RegisterOptions): void {
  const { handlers, isTrustedSender, log, onSuccess } = options;
  for (const channel of CHANNELS) {
    // Only the first argument is the request; anything more a caller sends is ignored.
    ipc.handle(channel, async (event: IpcMainInvokeEvent, req: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame)) {
        log(`refused ${channel} from ${frame?.url ?? 'a frame that is gone'}`);
        return FORBIDDEN;
      }
      const result = await dispatch(handlers, channel, req, log);
      if (result.ok) onSuccess?.(channel);
      return result;
    });
  }
}
