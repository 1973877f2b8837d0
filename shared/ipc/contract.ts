// THE IPC contract: the only place a channel name is written. Main registers one handler per
// channel by looping over it; the preload and the Chromium host build `window.claimlens` from the
// same keys; the renderer's types come from here, so a channel on one side only cannot compile.
// A stored original's bytes are not a channel: the renderer fetches them from the app's own
// origin (./originals.ts).
import { z } from 'zod';
import { EditionDiff } from '../diff/diff';
import { RulePackFile } from '../rules/schema';
import { MAX_CROPS } from '../export/report-crops';
import {
  AnalysisUpload,
  DocumentView,
  DocumentMeta,
  Note,
  Sha256,
  StoredFinding,
  TriageStatus,
  UserHighlight,
} from '../model/library';
import { Quad, Reference } from '../model/finding';
import { Category, Severity } from '../model/taxonomy';

const Empty = z.strictObject({});
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');

export const AppInfo = z.strictObject({
  version: z.string(),
  engine: z.string(),
  reviewer: z.string(),
  /** True until the first document has been opened: the app then opens the bundled sample. */
  firstRun: z.boolean(),
  /** A document the operating system asked the app to open as it started ("Open with"). */
  openAtStart: Sha256.nullable(),
  /** Which host runs the renderer: the Electron app or the Chromium host. */
  host: z.enum(['electron', 'chromium']),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A validated rule pack for the renderer's engine, with where it came from and its hash. */
export const PackForRenderer = z.strictObject({
  data: RulePackFile,
  sha256: z.string(),
  source: z.string(),
});

/** A rule as the Rules screen shows it: what it finds and why it matters. */
export const RuleOverview = z.strictObject({
  id: z.string(),
  title: z.string(),
  category: Category,
  /** The rule's own severity, or its category's default. */
  severity: Severity,
  languages: z.array(z.string()),
  explanation: z.string(),
  references: z.array(Reference),
  /** The covered vendor a vendor rule names, with the evidence for the mapping. */
  vendor: z.strictObject({ name: z.string(), evidence: z.string() }).optional(),
  patterns: z.number().int(),
});
export type RuleOverview = z.infer<typeof RuleOverview>;

/** A rule pack on the Rules screen: bundled, or the user's (enabled, disabled or just loaded). */
export const PackOverview = z.strictObject({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string().optional(),
  sha256: z.string(),
  source: z.enum(['bundled', 'user']),
  /** The file it was read from (a user's pack: as stored in the library's rules folder). */
  file: z.string(),
  enabled: z.boolean(),
  rules: z.array(RuleOverview),
});
export type PackOverview = z.infer<typeof PackOverview>;

/** One problem in a pack: file, line and column (1-based) and the reason in plain words. */
export const PackProblem = z.strictObject({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
});
export type PackProblem = z.infer<typeof PackProblem>;

/** A pack the user picked: its file name and YAML text (read in the renderer, parsed in main). */
export const PackUpload = z.strictObject({
  fileName: z.string().trim().min(1).max(1000),
  text: z.string().max(5_000_000),
});

/**
 * A loaded pack checked against the rules in use: its overview and data for a preview, and
 * warnings for its own test sentences that fail; or every problem that keeps it out.
 */
export const PackValidation = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    pack: PackOverview,
    data: RulePackFile,
    warnings: z.array(PackProblem),
  }),
  z.strictObject({ ok: z.literal(false), problems: z.array(PackProblem) }),
]);
export type PackValidation = z.infer<typeof PackValidation>;

const PackId = z.strictObject({ packId: z.string().min(1).max(200) });

/** What the app exports of a document (the CLI's `claimlens export --format`). */
export const EXPORT_FORMATS = [
  'annotated-pdf',
  'w3c',
  'csv',
  'json',
  /** The evidence report (main/export/report-*.ts), as one HTML file or as PDF. */
  'report-html',
  'report-pdf',
  /**
   * The evidence bundle (main/export/bundle*.ts): a .zip of the original, the annotated copy,
   * the reports (with the renderer's crops), annotations, findings, the library's audit chain
   * and a manifest of SHA-256 hashes; `claimlens verify` checks it.
   */
  'bundle',
] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * A page crop the renderer drew for a report (renderer/export/crops.ts): main parses no PDF, so
 * the images of the highlighted regions come with the request, as PNGs.
 */
export const ReportCropUpload = z.strictObject({
  id: z.string().max(500),
  png: Bytes.refine((b) => b.length <= 8_000_000, 'a crop of at most 8 MB'),
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
});
export type ReportCropUpload = z.infer<typeof ReportCropUpload>;

/**
 * Pages whose report images the renderer could not draw (pdf.js failed on them): their findings
 * go into the report without an image, and the report and the export's warnings say which pages.
 * Each has at least one crop target, so there are at most MAX_CROPS of them.
 */
export const UndrawnPages = z.array(z.number().int().min(1).max(1_000_000)).max(MAX_CROPS);

/**
 * Largest annotated copy a request may carry: 1 GiB. The copy is the original (which main
 * already holds) plus the annotations appended to it, and travels in one message that main
 * hashes in memory; a bound keeps a runaway renderer from making main allocate without end,
 * while no brochure, datasheet or scanned catalogue a reviewer annotates comes near it.
 */
export const MAX_ANNOTATED_COPY_BYTES = 1024 ** 3;

/**
 * The annotated PDF copy the renderer built in its sandbox (shared/export/annotated-pdf.ts), for
 * 'annotated-pdf' and 'bundle': main parses no untrusted file, so it only checks that the copy
 * begins with the original's exact bytes before saving it. `error` says why none could be made
 * (an encrypted PDF, a damaged one).
 */
export const AnnotatedCopyUpload = z.union([
  z.strictObject({
    pdf: Bytes.refine((b) => b.length <= MAX_ANNOTATED_COPY_BYTES, 'a copy of at most 1 GiB'),
    /** Annotations appended, for the summary. */
    annotations: z.number().int().min(0).max(10_000_000),
    /** What could not be drawn, one line each (a finding without a position, say). */
    skipped: z.array(z.string().max(1000)).max(100_000),
  }),
  z.strictObject({ error: z.string().max(2000) }),
]);
export type AnnotatedCopyUpload = z.infer<typeof AnnotatedCopyUpload>;

/** Where an export went: saved at `path`, or not saved because the user cancelled the dialog. */
export const ExportOutcome = z.strictObject({
  saved: z.boolean(),
  path: z.string().nullable(),
  fileName: z.string(),
  /** What was written, in one line ("65 annotations appended to brochure.pdf ..."). */
  summary: z.string(),
  /** What the user should know (items that could not be placed on a page). */
  warnings: z.array(z.string()),
});
export type ExportOutcome = z.infer<typeof ExportOutcome>;

export const contract = {
  'app:info': { req: Empty, res: AppInfo },
  'app:openExternal': { req: z.strictObject({ url: z.string().max(2000) }), res: z.boolean() },
  'settings:setReviewer': {
    req: z.strictObject({ name: z.string().trim().min(1).max(200) }),
    res: AppInfo,
  },
  'rules:packs': { req: Empty, res: z.array(PackForRenderer) },
  'rules:list': {
    req: Empty,
    res: z.strictObject({ packs: z.array(PackOverview), problems: z.array(PackProblem) }),
  },
  'rules:validate': { req: PackUpload, res: PackValidation },
  /** Stores and enables a pack the user loaded, or enables a stored one they disabled. */
  'rules:enable': { req: z.union([PackUpload, PackId]), res: PackOverview },
  'rules:disable': { req: PackId, res: PackOverview },
  'rules:remove': { req: PackId, res: z.boolean() },
  'library:list': { req: Empty, res: z.array(DocumentMeta) },
  'library:import': {
    req: z.strictObject({ fileName: z.string().min(1).max(1000), data: Bytes }),
    res: z.strictObject({ meta: DocumentMeta, created: z.boolean() }),
  },
  'library:openSample': { req: Empty, res: DocumentMeta },
  /** Two analysed documents compared as editions (shared/diff): added, removed, changed. */
  'library:diff': {
    req: z.strictObject({ old: Sha256, new: Sha256 }),
    res: EditionDiff,
  },
  /**
   * The comparison saved as JSON or CSV, or as the comparison report (HTML or PDF: main/export/
   * diff-report*.ts), through the same saver as document:export. A report's page images are
   * drawn by the renderer (shared/export/diff-report-model.ts diffCroppable), one list an edition.
   */
  'library:exportDiff': {
    req: z.strictObject({
      old: Sha256,
      new: Sha256,
      format: z.enum(['json', 'csv', 'html', 'pdf']),
      oldCrops: z.array(ReportCropUpload).max(MAX_CROPS).optional(),
      newCrops: z.array(ReportCropUpload).max(MAX_CROPS).optional(),
      oldUndrawnPages: UndrawnPages.optional(),
      newUndrawnPages: UndrawnPages.optional(),
    }),
    res: ExportOutcome,
  },
  'document:get': { req: z.strictObject({ sha256: Sha256 }), res: DocumentView },
  'document:saveAnalysis': { req: AnalysisUpload, res: DocumentMeta },
  /** Each page's text as the analysis stored it: a rule pack is previewed on it. */
  'document:pages': {
    req: z.strictObject({ sha256: Sha256 }),
    res: z.array(z.strictObject({ page: z.number().int().min(1), text: z.string() })),
  },
  'document:markFailed': {
    req: z.strictObject({ sha256: Sha256, error: z.string().max(2000) }),
    res: DocumentMeta,
  },
  'finding:get': {
    req: z.strictObject({ sha256: Sha256, findingId: z.string().max(500) }),
    res: StoredFinding,
  },
  'finding:setStatus': {
    req: z.strictObject({ sha256: Sha256, findingId: z.string().max(500), status: TriageStatus }),
    res: StoredFinding,
  },
  'notes:save': {
    req: z.strictObject({
      sha256: Sha256,
      targetId: z.string().max(500),
      text: z.string().max(100_000),
      noteId: z.string().max(100).optional(),
    }),
    res: Note,
  },
  'notes:delete': {
    req: z.strictObject({ sha256: Sha256, noteId: z.string().max(100) }),
    res: z.boolean(),
  },
  'highlights:add': {
    req: z.strictObject({
      sha256: Sha256,
      page: z.number().int().min(1),
      quote: z.string().max(10_000),
      quads: z.array(Quad).min(1).max(500),
    }),
    res: UserHighlight,
  },
  /** Builds the export in main and saves it (Electron: a save dialog; Chromium host: Downloads). */
  'document:export': {
    req: z.strictObject({
      sha256: Sha256,
      format: ExportFormat,
      /** For the report formats: the crops the renderer drew (shared/export/report-crops.ts). */
      crops: z.array(ReportCropUpload).max(MAX_CROPS).optional(),
      /** Pages whose crops the renderer could not draw, named in the report's warnings. */
      undrawnPages: UndrawnPages.optional(),
      /** For 'annotated-pdf' and 'bundle': the copy the renderer built (AnnotatedCopyUpload). */
      annotated: AnnotatedCopyUpload.optional(),
    }),
    res: ExportOutcome,
  },
  'highlights:remove': {
    req: z.strictObject({ sha256: Sha256, highlightId: z.string().max(100) }),
    res: z.boolean(),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type Request<C extends Channel> = z.input<Contract[C]['req']>;
export type Response<C extends Channel> = z.output<Contract[C]['res']>;

/** Commands main sends to the renderer (from native menus); the Chromium host has a toolbar instead. */
export const MENU_COMMANDS = [
  'open',
  /** Open every PDF in a folder the user picks (the renderer's folder chooser, then import). */
  'open-folder',
  'open-recent',
  'close-document',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'find',
  'next-finding',
  'previous-finding',
  /** The Rules screen: rule packs, their rules, and loading a pack of the user's. */
  'show-rules',
  /** Export the open document: annotated PDF copy, W3C annotations, CSV or JSON. */
  'export',
  /** Export the open document's evidence report (the export dialog, on the PDF report). */
  'export-report',
  /** Export the open document's evidence bundle (the export dialog, on the bundle). */
  'export-bundle',
] as const;
export const MenuCommand = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommand>;

/** What main sends on the menu channel: a command, and for 'open-recent' the document. */
export const MenuEvent = z.strictObject({ command: MenuCommand, sha256: Sha256.optional() });
export type MenuEvent = z.infer<typeof MenuEvent>;

/** The one main-to-renderer channel. */
export const MENU_CHANNEL = 'menu:command';

/** The fixed set of error codes that cross the boundary, never a thrown Error. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'NOT_FOUND',
  'VERIFICATION_FAILED',
  'STORE_FAILED',
  /** An export that cannot be made of this document (an encrypted PDF, say), with why. */
  'EXPORT_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** `window.claimlens`: one method per channel, plus menu commands from main. */
export type ClaimLensApi = {
  readonly [C in Channel]: (req: Request<C>) => Promise<Result<Response<C>>>;
} & {
  readonly onMenuCommand: (listener: (event: MenuEvent) => void) => () => void;
};
