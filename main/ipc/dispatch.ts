// One call across the boundary: channel known, request parsed with the contract's schema, handler
// run, and the result returned as { ok, value } or { ok: false, code, message }, never a thrown
// Error. Both hosts (Electron's ipcMain, the Chromium host's binding) go through here.
import type { z } from 'zod';
import {
  contract,
  ERROR_CODES,
  type Channel,
  type Contract,
  type ErrorCode,
  type Response,
  type Result,
} from '../../shared/ipc/contract';

/** One handler per channel; a channel without a handler does not compile. */
export type Handlers = {
  readonly [C in Channel]: (req: z.output<Contract[C]['req']>) => Promise<Response<C>>;
};

/** An error a handler throws on purpose, with the code and the words the user will see. */
export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(contract, channel);
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  raw: unknown,
  log: (message: string) => void = () => undefined,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      code: 'UNKNOWN_CHANNEL',
      message: 'This request is not part of ClaimLens.',
    };
  }
  const parsed = contract[channel].req.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
    return {
      ok: false,
      code: 'INVALID_REQUEST',
      message: `The request was not valid${where}: ${first?.message ?? ''}`,
    };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    const code = errorCodeOf(error);
    if (code !== null) return { ok: false, code, message: (error as Error).message };
    log(
      `${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return {
      ok: false,
      code: 'INTERNAL',
      message: 'Something went wrong inside ClaimLens; the details are in its log.',
    };
  }
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** The code of an error meant for the user (HandlerError, the store's StoreError), else null. */
export function errorCodeOf(error: unknown): ErrorCode | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  // The store says INVALID for a request that names something impossible.
  if (code === 'INVALID') return 'INVALID_REQUEST';
  return typeof code === 'string' && CODES.has(code) ? (code as ErrorCode) : null;
}
