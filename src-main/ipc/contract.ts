/**
 * The IPC contract: every channel between the renderer and main, with its runtime argument
 * schema (zod) and its result type. Nothing else names a channel string. The renderer imports
 * TYPES from here only (`import type`); main validates every argument with these schemas
 * before any handler runs (see guard.ts).
 *
 * Pure TypeScript + zod: no Node or DOM types, so both sides can type-check it.
 */
import { z } from 'zod';
import { apiMethods } from '../../src-shared/api-methods';

// ---------------------------------------------------------------- the domain model

// The model lives in src-shared/model (the core and the renderer share it); the contract
// builds its channels from it and re-exports it so each side has one place to import from.
export * from '../../src-shared/model';
import {
  FileHandleSchema,
  HistoryQuerySchema,
  JobIdSchema,
  OutboxIdSchema,
  MAX_FILES_PER_BATCH,
  SettingsPatchSchema,
  SigexUrlSchema,
  NcaLayerUrlSchema,
  StartSigningSchema,
  type ConnectionStatus,
  type FileEntry,
  type FileJobView,
  type HistoryEntry,
  type HistoryPage,
  type JobView,
  type OutboxItemView,
  type Language,
  type SettingsView,
  type SigexConsts,
  type ErrorView,
  type CosignOutcome,
  type CosignQrState,
  CosignQrIdSchema,
  type DocumentCard,
  type SavedCard,
} from '../../src-shared/model';

export const FileInJobSchema = z.strictObject({ jobId: JobIdSchema, handle: FileHandleSchema });

/** A renderer log line: one line (no line breaks), at most 2000 characters. */
export const LogSchema = z.tuple([
  z.enum(['info', 'warn', 'error']),
  z
    .string()
    .max(2000)
    .regex(/^[^\r\n\u2028\u2029]*$/),
]);

// ---------------------------------------------------------------- result types

export interface AppInfo {
  version: string;
  /** In effect: environment variables override settings. */
  sigexUrl: string;
  ncalayerUrl: string;
  overriddenByEnv: Array<'sigexUrl' | 'ncalayerUrl' | 'extraCaFile'>;
  /** 'electron' or 'web' (the web host used by tests and `npm run demo:web`). */
  host: 'electron' | 'web';
  systemLanguage: Language;
  notices: Array<'settings-reset'>;
}

/** Files given on the command line or by Explorer, waiting for the window (see opened-files.ts). */
export interface OpenedFiles {
  files: FileEntry[];
  errors: ErrorView[];
}

// ---------------------------------------------------------------- the channel table

interface Channel<A extends z.ZodTuple, R> {
  args: A;
  /** Phantom: carries the result type only. */
  result?: R;
}

function channel<R>() {
  return <A extends z.ZodTuple>(args: A): Channel<A, R> => ({ args });
}

const none = z.tuple([]);

export const invokeChannels = {
  'app:info': channel<AppInfo>()(none),
  'settings:get': channel<SettingsView>()(none),
  'settings:update': channel<SettingsView>()(z.tuple([SettingsPatchSchema])),
  'settings:chooseCopyFolder': channel<SettingsView>()(none),
  'settings:chooseCaFile': channel<SettingsView>()(none),
  'files:choose': channel<FileEntry[]>()(none),
  /** Paths resolved by the PRELOAD from dropped File objects (webUtils.getPathForFile). */
  'files:addDropped': channel<FileEntry[]>()(z.tuple([z.array(z.string().min(1).max(32767)).min(1).max(MAX_FILES_PER_BATCH)])),
  /** Files from the command line / Explorer that arrived since the last call. */
  'files:takeOpened': channel<OpenedFiles>()(none),
  'files:release': channel<void>()(z.tuple([z.array(FileHandleSchema).max(MAX_FILES_PER_BATCH)])),
  'connection:check': channel<ConnectionStatus>()(none),
  /**
   * Settings' "Test connection" with the addresses as typed, before Save. Only probes them
   * (NCALayer's greeting, SIGEX's version); nothing is saved, and an address still changes
   * only through settings:update and main's confirmation.
   */
  'connection:test': channel<ConnectionStatus>()(z.tuple([z.strictObject({ sigexUrl: SigexUrlSchema, ncalayerUrl: NcaLayerUrlSchema })])),
  'sigex:consts': channel<SigexConsts>()(none),
  'sign:start': channel<{ jobId: string }>()(z.tuple([StartSigningSchema])),
  'sign:cancel': channel<void>()(z.tuple([JobIdSchema])),
  'sign:saveCopy': channel<FileJobView>()(z.tuple([FileInJobSchema])),
  'shell:showCopy': channel<void>()(z.tuple([FileInJobSchema])),
  'shell:openExternal': channel<boolean>()(z.tuple([z.string().max(4096)])),
  'log:write': channel<void>()(LogSchema),
  /** Settings > "Copy diagnostics": versions, OS, settings without personal data, last log lines. */
  'app:diagnostics': channel<string>()(none),
  /** "Try again" for a signed file: its stored signature is delivered again (no new PIN). */
  'sign:retryFile': channel<void>()(z.tuple([FileInJobSchema])),
  'outbox:list': channel<OutboxItemView[]>()(none),
  'outbox:retry': channel<void>()(z.tuple([OutboxIdSchema])),
  'outbox:discard': channel<void>()(z.tuple([OutboxIdSchema])),
  'history:query': channel<HistoryPage>()(z.tuple([HistoryQuerySchema])),
  /** The whole history as CSV text (UTF-8 with BOM); the renderer offers it as a download. */
  'history:exportCsv': channel<string>()(none),
  'history:showCopy': channel<void>()(z.tuple([OutboxIdSchema])),
  /** Saves the copy again from the original, if it is still there and unchanged. */
  'history:saveCopy': channel<HistoryEntry>()(z.tuple([OutboxIdSchema])),
  /** The document card of a file whose name carries a SIGEX id (GET /api/{id} + SHA-256 of the file). */
  'cosign:check': channel<DocumentCard>()(z.tuple([FileHandleSchema])),
  /** Adds my signature to each file's document: one NCALayer dialog for all of them. */
  'cosign:sign': channel<CosignOutcome[]>()(z.tuple([z.array(FileHandleSchema).min(1).max(MAX_FILES_PER_BATCH)])),
  /** Adds my signature to each file's document with ONE eGov QR: answers once the QR is there. */
  'cosign:qrStart': channel<CosignQrState>()(z.tuple([z.array(FileHandleSchema).min(1).max(MAX_FILES_PER_BATCH)])),
  /** The QR co-signature's state after `version` (the QR spent, then the outcomes). */
  'cosign:qrNext': channel<CosignQrState>()(z.tuple([CosignQrIdSchema, z.number().int().min(0).max(1_000_000)])),
  'cosign:qrCancel': channel<void>()(z.tuple([CosignQrIdSchema])),
  /** Saves the document card (PDF) beside the file as <name>-SigexId<id>.card.pdf (never overwrites). */
  'cosign:saveCard': channel<SavedCard>()(z.tuple([FileHandleSchema])),
  /** The document card of a file registered by a job, beside its signed copy (or the original). */
  'sign:saveCard': channel<SavedCard>()(z.tuple([FileInJobSchema])),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type ChannelArgs<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['args']>;
export type ChannelResult<C extends InvokeChannel> = (typeof invokeChannels)[C] extends Channel<z.ZodTuple, infer R> ? R : never;

/** Events main -> renderer. */
export interface EventPayloads {
  'job:update': JobView;
  'outbox:update': OutboxItemView[];
  /** Files arrived from the command line / Explorer: take them with `files:takeOpened`. */
  'files:opened': null;
}
export type EventChannel = keyof EventPayloads;
export const EVENT_CHANNELS: readonly EventChannel[] = ['job:update', 'outbox:update', 'files:opened'];

// ---------------------------------------------------------------- the renderer's API (window.sigex)

/** API method -> channel (plain data in src-shared so the preload and web shim can use it). */
export { apiMethods };
const _apiMethodsMatchChannels: Record<string, InvokeChannel> = apiMethods;
void _apiMethodsMatchChannels;

export type ApiMethod = keyof typeof apiMethods;

type InvokeMethods = {
  [M in ApiMethod]: (...args: ChannelArgs<(typeof apiMethods)[M]>) => Promise<ChannelResult<(typeof apiMethods)[M]>>;
};

/** A dropped file as both DOM and Node know it (only what we need). */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/**
 * window.sigex. Every method returns a promise that, on failure, REJECTS WITH AN `ErrorView`
 * object (`{ kind, message, sigexKey?, ... }`), not an Error: format it with formatError().
 */
export type SigexApi = InvokeMethods & {
  /** Dropped files: the preload resolves their paths; the web shim uploads them. */
  addDroppedFiles(files: readonly DroppedFile[]): Promise<FileEntry[]>;
  onJobUpdate(listener: (job: JobView) => void): () => void;
  onOutboxUpdate(listener: (items: OutboxItemView[]) => void): () => void;
  onFilesOpened(listener: () => void): () => void;
};
