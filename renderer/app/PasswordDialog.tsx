// The password prompt for encrypted PDFs: asked by pdf.js through the loader, answered here.
import { useCallback, useRef, useState } from 'react';
import type { PasswordPrompt } from '../pdf/load-document';

interface PromptState {
  readonly retry: boolean;
  readonly resolve: (password: string | null) => void;
}

export function usePasswordPrompt(): { ask: PasswordPrompt; state: PromptState | null } {
  const [state, setState] = useState<PromptState | null>(null);
  const ask = useCallback<PasswordPrompt>(
    (retry) =>
      new Promise((resolve) => {
        setState({
          retry,
          resolve: (password) => {
            setState(null);
            resolve(password);
          },
        });
      }),
    [],
  );
  return { ask, state };
}

export function PasswordDialog({ state }: { state: PromptState | null }) {
  const input = useRef<HTMLInputElement>(null);
  if (state === null) return null;
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="password-title"
        onSubmit={(e) => {
          e.preventDefault();
          state.resolve(input.current?.value ?? '');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') state.resolve(null);
        }}
      >
        <h2 id="password-title">This PDF is protected by a password</h2>
        <p>
          {state.retry
            ? 'That password is not correct. Try again, or cancel to leave the file unread.'
            : 'Enter the password to read it. ClaimLens does not store it.'}
        </p>
        <label>
          Password <input ref={input} type="password" autoFocus autoComplete="off" />
        </label>
        <div className="actions">
          <button type="button" className="btn" onClick={() => state.resolve(null)}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Open
          </button>
        </div>
      </form>
    </div>
  );
}
