// A rule's legal and policy references: a link opens only through the app's one guarded way out
// (main asks the user first); a reference without a link is plain text.
import type { Reference } from '../../shared/model/finding';
import { call } from './api';

export function References({
  references,
  buttonClass = 'btn',
}: {
  readonly references: readonly Reference[];
  readonly buttonClass?: string;
}) {
  if (references.length === 0) return null;
  return (
    <ul className="references">
      {references.map((r) => (
        <li key={r.title}>
          {r.url ? (
            <button
              type="button"
              className={buttonClass}
              onClick={() => void call('app:openExternal', { url: r.url! })}
            >
              {r.title}
            </button>
          ) : (
            r.title
          )}
        </li>
      ))}
    </ul>
  );
}
