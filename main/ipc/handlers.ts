// The handler table: what each contract channel does, on the services main owns (the library
// store, rule packs, the host's way of opening links). Main only hashes, stores and serves bytes
// (the stored originals are served by each host on the app's origin: ./originals.ts); documents
// are parsed in the renderer's sandbox and come back as text and findings.
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ENGINE_VERSION } from '../../shared/analysis/engine';
import type { AppInfo, PackOverview, PackProblem, PackValidation } from '../../shared/ipc/contract';
import type {
  AnalysisUpload,
  AuditRecord,
  DocumentDetail,
  DocumentMeta,
  DocumentView,
  Note,
  StoredFinding,
  TriageStatus,
  UserHighlight,
} from '../../shared/model/library';
import type { Quad } from '../../shared/model/finding';
import type { LoadedPack } from '../../shared/rules/compile';
import { diffEditions, editionOf, editionProblem } from '../../shared/diff/diff';
import { formatDiffCsv } from '../cli/diff-format';
import { exportDiffReport } from '../export/diff-export';
import {
  downloadsDir,
  exportDocument,
  saveIntoFolder,
  type ExportSaver,
} from '../export/app-export';
import { HandlerError, type Handlers } from './dispatch';

/** What the handlers need of the library store (main/store/library-store.ts). */
export interface LibraryService {
  importDocument(
    fileName: string,
    bytes: Uint8Array,
  ): Promise<{ meta: DocumentMeta; created: boolean }>;
  list(): DocumentMeta[];
  /** The document with its findings in full, after re-hashing its stored original. */
  detail(sha256: string): Promise<DocumentDetail>;
  /** The document as the app shows it, after re-hashing its stored original. */
  view(sha256: string): Promise<DocumentView>;
  saveAnalysis(upload: AnalysisUpload): Promise<DocumentMeta>;
  markFailed(sha256: string, error: string): Promise<DocumentMeta>;
  /** Each page's text as the analysis saved it. */
  pageTexts(sha256: string): { page: number; text: string }[];
  finding(sha256: string, findingId: string): StoredFinding;
  setStatus(sha256: string, findingId: string, status: TriageStatus): Promise<StoredFinding>;
  saveNote(input: {
    sha256: string;
    targetId: string;
    text: string;
    noteId?: string;
  }): Promise<Note>;
  deleteNote(sha256: string, noteId: string): Promise<void>;
  addHighlight(input: {
    sha256: string;
    page: number;
    quote: string;
    quads: Quad[];
  }): Promise<UserHighlight>;
  removeHighlight(sha256: string, highlightId: string): Promise<void>;
  reviewer(): string;
  setReviewer(name: string): Promise<void>;
  /** For exports: the verified original, the stored page texts and the audit log. */
  readOriginal(sha256: string): Promise<Uint8Array>;
  pageText(sha256: string, page: number): string | null;
  audit(): AuditRecord[];
}

/** Users' rule packs in the library (main/rules/user-packs.ts). */
export interface RulesService {
  list(): Promise<{ packs: PackOverview[]; problems: PackProblem[] }>;
  validate(fileName: string, text: string): Promise<PackValidation>;
  enable(req: { fileName: string; text: string } | { packId: string }): Promise<PackOverview>;
  disable(packId: string): Promise<PackOverview>;
  remove(packId: string): Promise<boolean>;
}

export interface Services {
  readonly store: LibraryService;
  readonly version: string;
  readonly host: AppInfo['host'];
  /** Rule packs for the renderer's engine: the bundled ones and the user's. */
  readonly packs: () => LoadedPack[] | Promise<LoadedPack[]>;
  /** The Rules screen: every pack, and loading, enabling, disabling and removing users' packs. */
  readonly rules: RulesService;
  /** A document the operating system asked the app to open as it started, already imported. */
  readonly openAtStart?: string | null;
  /** The folder of bundled sample brochures. */
  readonly samplesDir: string;
  /** Opens an https link after asking the user; resolves whether it was opened. */
  readonly openExternal: (url: URL) => Promise<boolean>;
  /** Where an export goes (Electron: a save dialog); by default into the Downloads folder. */
  readonly saveExport?: ExportSaver;
}

export function createHandlers(services: Services): Handlers {
  const { store } = services;
  const info = (): AppInfo => ({
    version: services.version,
    engine: ENGINE_VERSION,
    reviewer: store.reviewer(),
    firstRun: store.list().length === 0,
    openAtStart: services.openAtStart ?? null,
    host: services.host,
  });
  /** Two analysed library documents compared as editions, after re-verifying both originals. */
  const libraryDiff = async (oldSha256: string, newSha256: string) => {
    const [older, newer] = await Promise.all([store.detail(oldSha256), store.detail(newSha256)]);
    for (const detail of [older, newer]) {
      const problem = editionProblem(detail);
      if (problem) throw new HandlerError(problem.code, problem.message);
    }
    return diffEditions(editionOf(older), editionOf(newer));
  };
  return {
    'app:info': () => Promise.resolve(info()),
    'app:openExternal': async ({ url }) => {
      const parsed = URL.parse(url);
      if (parsed?.protocol !== 'https:') {
        throw new HandlerError('FORBIDDEN', 'Only https links can be opened from ClaimLens.');
      }
      return services.openExternal(parsed);
    },
    'settings:setReviewer': async ({ name }) => {
      await store.setReviewer(name);
      return info();
    },
    'rules:packs': async () =>
      (await services.packs()).map((p) => ({ data: p.data, sha256: p.sha256, source: p.source })),
    'rules:list': () => services.rules.list(),
    'rules:validate': ({ fileName, text }) => services.rules.validate(fileName, text),
    'rules:enable': (req) => services.rules.enable(req),
    'rules:disable': ({ packId }) => services.rules.disable(packId),
    'rules:remove': ({ packId }) => services.rules.remove(packId),
    'library:list': () => Promise.resolve(store.list()),
    'library:import': ({ fileName, data }) => store.importDocument(basename(fileName), data),
    'library:openSample': async () => {
      const sample = (await readdir(services.samplesDir))
        .filter((f) => f.endsWith('.pdf'))
        .sort()[0];
      if (sample === undefined)
        throw new HandlerError(
          'NOT_FOUND',
          'The sample brochure is missing from this installation.',
        );
      const bytes = await readFile(join(services.samplesDir, sample));
      return (await store.importDocument(sample, bytes)).meta;
    },
    'library:diff': (req) => libraryDiff(req.old, req.new),
    'library:exportDiff': async (req) => {
      if (req.format === 'html' || req.format === 'pdf') {
        const save = services.saveExport ?? saveIntoFolder(downloadsDir());
        return exportDiffReport(
          store,
          save,
          { ...req, format: req.format },
          {
            name: 'claimlens',
            version: services.version,
          },
        );
      }
      const diff = await libraryDiff(req.old, req.new);
      const text =
        req.format === 'json'
          ? JSON.stringify(
              {
                tool: { name: 'claimlens', version: services.version, engine: ENGINE_VERSION },
                ...diff,
              },
              null,
              2,
            ) + '\n'
          : formatDiffCsv(diff);
      const stem = (name: string): string => name.replace(/\.[^.]*$/, '') || 'document';
      const fileName = `${stem(diff.old.name)} vs ${stem(diff.new.name)}.${req.format}`;
      const s = diff.summary;
      const summary = `${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged`;
      const save = services.saveExport ?? saveIntoFolder(downloadsDir());
      const path = await save({
        bytes: new TextEncoder().encode(text),
        fileName,
        mediaType: req.format === 'json' ? 'application/json' : 'text/csv',
        warnings: [],
        summary,
      });
      return { saved: path !== null, path, fileName, summary, warnings: [] };
    },
    'document:get': ({ sha256 }) => store.view(sha256),
    'document:saveAnalysis': (upload) => store.saveAnalysis(upload),
    'document:pages': ({ sha256 }) => Promise.resolve(store.pageTexts(sha256)),
    'document:markFailed': ({ sha256, error }) => store.markFailed(sha256, error),
    'finding:get': ({ sha256, findingId }) => Promise.resolve(store.finding(sha256, findingId)),
    'finding:setStatus': ({ sha256, findingId, status }) =>
      store.setStatus(sha256, findingId, status),
    'notes:save': (input) => store.saveNote(input),
    'notes:delete': async ({ sha256, noteId }) => {
      await store.deleteNote(sha256, noteId);
      return true;
    },
    'highlights:add': (input) => store.addHighlight(input),
    'document:export': (req) =>
      exportDocument(store, services.saveExport ?? saveIntoFolder(downloadsDir()), req),
    'highlights:remove': async ({ sha256, highlightId }) => {
      await store.removeHighlight(sha256, highlightId);
      return true;
    },
  };
}
