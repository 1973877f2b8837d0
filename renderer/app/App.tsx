// The app shell: top bar, the library or an open document, the password prompt, and the first
// run that opens the bundled sample brochure.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, MenuCommand } from '../../shared/ipc/contract';
import { CompareScreen } from '../compare/CompareScreen';
import { LibraryScreen } from '../library/LibraryScreen';
import { RulesScreen } from '../rules/RulesScreen';
import { DocumentScreen } from '../viewer/DocumentScreen';
import { bridge, call } from './api';
import { PasswordDialog, usePasswordPrompt } from './PasswordDialog';
import { readableOf, useImport } from './use-import';

type View =
  | { readonly kind: 'library' }
  | { readonly kind: 'document'; readonly sha256: string }
  | { readonly kind: 'rules' }
  | { readonly kind: 'compare'; readonly oldSha256: string; readonly newSha256: string };

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [view, setView] = useState<View>({ kind: 'library' });
  const [fatal, setFatal] = useState<string | null>(null);
  const password = usePasswordPrompt();
  const importer = useImport(password.ask);
  const [menuCommand, setMenuCommand] = useState<{ command: MenuCommand; at: number } | null>(null);
  // The document open last, which the Rules screen previews a new pack on first.
  const [lastDocument, setLastDocument] = useState<string | null>(null);
  useEffect(() => {
    if (view.kind === 'document') setLastDocument(view.sha256);
  }, [view]);

  useEffect(() => {
    let cancelled = false;
    // A function, so the checks after each await are not narrowed away by the type checker.
    const isCancelled = (): boolean => cancelled;
    void (async () => {
      try {
        const appInfo = await call('app:info', {});
        if (isCancelled()) return;
        setInfo(appInfo);
        if (appInfo.openAtStart !== null) {
          setView({ kind: 'document', sha256: appInfo.openAtStart });
        } else if (appInfo.firstRun) {
          const sample = await call('library:openSample', {});
          const ready = await importer.analyse(sample);
          if (!isCancelled() && ready.state === 'analysed')
            setView({ kind: 'document', sha256: ready.sha256 });
        }
      } catch (error) {
        if (!isCancelled()) setFatal((error as Error).message);
      }
    })();
    return () => {
      cancelled = true;
    };
    // First run happens once, when the app starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const latest = useRef(importer);
  latest.current = importer;
  useEffect(() => {
    try {
      return bridge().onMenuCommand(({ command, sha256 }) => {
        if (command === 'open') latest.current.pickFiles();
        else if (command === 'open-folder') latest.current.pickFolder();
        else if (command === 'open-recent' && sha256) setView({ kind: 'document', sha256 });
        else if (command === 'close-document') setView({ kind: 'library' });
        else if (command === 'show-rules') setView({ kind: 'rules' });
        else setMenuCommand({ command, at: Date.now() });
      });
    } catch {
      return undefined;
    }
  }, []);

  // Ctrl+Shift+P (rule packs) opens the Rules screen; in Electron the View menu's accelerator
  // sends it as a menu command instead.
  const nativeMenus = info?.host === 'electron';
  useEffect(() => {
    if (nativeMenus) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        setView({ kind: 'rules' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nativeMenus]);

  // Files dropped anywhere in the window are opened; a drop never navigates away.
  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length > 0)
        latest.current.importFiles(readableOf(files).length > 0 ? readableOf(files) : files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const saveReviewer = useCallback(
    async (name: string) => {
      if (name.trim() === '' || name === info?.reviewer) return;
      setInfo(await call('settings:setReviewer', { name }));
    },
    [info],
  );

  return (
    <div className="app">
      <header className="topbar">
        <h1>ClaimLens</h1>
        <button
          type="button"
          className="btn"
          onClick={() => setView({ kind: 'library' })}
          aria-pressed={view.kind === 'library'}
        >
          Library
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setView({ kind: 'rules' })}
          aria-pressed={view.kind === 'rules'}
          aria-keyshortcuts="Control+Shift+P"
          title="Rule packs and their rules (Ctrl+Shift+P)"
        >
          Rules
        </button>
        <button
          type="button"
          className="btn primary"
          title="Open PDFs, Word files (.docx), saved web pages, PNG or JPEG images, or text files"
          onClick={importer.pickFiles}
        >
          Open…
        </button>
        <button type="button" className="btn" onClick={importer.pickFolder}>
          Open folder…
        </button>
        <span className="spacer" />
        {info && (
          <label>
            Reviewer
            <input
              type="text"
              defaultValue={info.reviewer}
              aria-label="Reviewer name, recorded with every note and status"
              onBlur={(e) => void saveReviewer(e.currentTarget.value)}
            />
          </label>
        )}
      </header>
      {fatal && (
        <div className="banner error" role="alert">
          ClaimLens could not start: {fatal}
        </div>
      )}
      {importer.element}
      {view.kind === 'library' ? (
        <LibraryScreen
          documents={importer.documents}
          progress={importer.progress}
          onCancel={importer.cancel}
          onOpen={(sha256) => setView({ kind: 'document', sha256 })}
          onRetry={(meta) => void importer.analyse(meta)}
          onCompare={(oldSha256, newSha256) => setView({ kind: 'compare', oldSha256, newSha256 })}
        />
      ) : view.kind === 'compare' ? (
        <CompareScreen
          oldSha256={view.oldSha256}
          newSha256={view.newSha256}
          askPassword={password.ask}
          onSwap={() =>
            setView({ kind: 'compare', oldSha256: view.newSha256, newSha256: view.oldSha256 })
          }
          onClose={() => setView({ kind: 'library' })}
        />
      ) : view.kind === 'rules' ? (
        <RulesScreen
          documents={importer.documents}
          currentSha256={lastDocument}
          askPassword={password.ask}
          onReanalyse={async (meta) => {
            const read = await importer.analyse(meta);
            if (read.state === 'analysed') setView({ kind: 'document', sha256: read.sha256 });
          }}
        />
      ) : (
        <DocumentScreen
          key={view.sha256}
          sha256={view.sha256}
          menuCommand={menuCommand}
          askPassword={password.ask}
          onClose={() => setView({ kind: 'library' })}
          nativeMenus={info?.host === 'electron'}
        />
      )}
      <PasswordDialog state={password.state} />
    </div>
  );
}
