// A note that saves itself: a short pause after typing (or leaving the field) saves it, and the
// state beside it says whether it is saved; a failed save keeps the text and says so.
import { useEffect, useRef, useState } from 'react';
import type { Note } from '../../shared/model/library';
import { call } from '../app/api';

interface Props {
  readonly sha256: string;
  readonly targetId: string;
  readonly note: Note | undefined;
  readonly onSaved: () => Promise<void>;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; message: string };

const PAUSE_MS = 600;

export function NoteEditor({ sha256, targetId, note, onSaved }: Props) {
  const [text, setText] = useState(note?.text ?? '');
  const [state, setState] = useState<SaveState>(
    note ? { kind: 'saved', at: note.updatedAt } : { kind: 'idle' },
  );
  const noteId = useRef(note?.id);
  const timer = useRef<number | null>(null);
  const latest = useRef(text);
  const saving = useRef<Promise<void>>(Promise.resolve());

  const save = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const value = latest.current;
    // Saves run one after another, so an older text never lands after a newer one.
    saving.current = saving.current.then(async () => {
      setState({ kind: 'saving' });
      try {
        const saved = await call('notes:save', {
          sha256,
          targetId,
          text: value,
          ...(noteId.current ? { noteId: noteId.current } : {}),
        });
        noteId.current = saved.id;
        if (latest.current === value) setState({ kind: 'saved', at: saved.updatedAt });
        await onSaved();
      } catch (error) {
        setState({ kind: 'error', message: (error as Error).message });
      }
    });
  };

  useEffect(
    () => () => {
      // Leaving the finding with unsaved text saves it.
      if (timer.current !== null) save();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  return (
    <div>
      <label htmlFor={`note-${targetId}`}>Note</label>
      <textarea
        id={`note-${targetId}`}
        value={text}
        placeholder="What you saw, why it matters, what to check next"
        onChange={(e) => {
          setText(e.currentTarget.value);
          latest.current = e.currentTarget.value;
          setState({ kind: 'dirty' });
          if (timer.current !== null) window.clearTimeout(timer.current);
          timer.current = window.setTimeout(save, PAUSE_MS);
        }}
        onBlur={() => {
          if (timer.current !== null) save();
        }}
      />
      <div
        className={`save-state ${state.kind === 'saved' ? 'saved' : state.kind === 'error' ? 'error' : ''}`}
        role="status"
        aria-live="polite"
      >
        {state.kind === 'saved' && `Saved ${new Date(state.at).toLocaleTimeString()}`}
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'dirty' && 'Not saved yet'}
        {state.kind === 'error' &&
          `Not saved: ${state.message}. Your text is still here; it will be saved with your next change.`}
      </div>
    </div>
  );
}
