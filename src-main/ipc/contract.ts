/**
 * The IPC contract: every channel between the renderer and main, with its runtime argument
 * schema (zod) and its result type. Nothing else names a channel string. The renderer imports
 * TYPES from here only (`import type`); main validates every argument with these schemas
 * before any handler runs (see guard.ts).
 *
 * Pure TypeScript + zod: no Node or DOM types, so both sides can type-check it.
 */
import { z } from 'zod';
import type { ErrorView } from '../core/errors';
import { apiMethods } from '../../src-shared/api-methods';

// ---------------------------------------------------------------- value schemas

export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Opaque file handle minted by main; the renderer never sees a path it could pass back. */
export const FileHandleSchema = z.string().regex(/^fh_[A-Za-z0-9_-]{22,64}$/);
export const JobIdSchema = z.string().regex(/^job_[A-Za-z0-9_-]{8,64}$/);

export const MAX_EMAIL_RECIPIENTS = 10;
export const MAX_FILES_PER_BATCH = 100;
export const MAX_SIGNATURES_LIMIT = 1000;

/** local@domain with proper DNS labels (what SIGEX accepts); checked before anything is sent. */
export const EmailSchema = z
  .string()
  .max(254)
  .regex(/^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/);
export const IinRefSchema = z.string().regex(/^IIN\d{12}$/);
export const BinRefSchema = z.string().regex(/^BIN\d{12}$/);
export const OidSchema = z.string().regex(/^\d+(\.\d+){1,30}$/);

export const SignerRequirementSchema = z.strictObject({
  iin: IinRefSchema.optional(),
  bin: BinRefSchema.optional(),
  authorities: z.array(OidSchema).max(30).optional(),
  ca: z.literal('nca').optional(),
});
export type SignerRequirement = z.infer<typeof SignerRequirementSchema>;

/** `settings` of POST /api, field for field (PROTOCOLS.md). */
export const DocumentSettingsSchema = z.strictObject({
  private: z.boolean(),
  signaturesLimit: z.number().int().min(0).max(MAX_SIGNATURES_LIMIT),
  switchToPrivateAfterLimitReached: z.boolean(),
  unique: z.array(z.enum(['iin', 'bin'])).max(2),
  strictSignersRequirements: z.boolean(),
  signersRequirements: z.array(SignerRequirementSchema).max(50),
  documentAccess: z.array(z.strictObject({ iin: IinRefSchema })).max(200),
});
export type DocumentSettings = z.infer<typeof DocumentSettingsSchema>;

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  private: false,
  signaturesLimit: 0,
  switchToPrivateAfterLimitReached: false,
  unique: [],
  strictSignersRequirements: false,
  signersRequirements: [],
  documentAccess: [],
};

export const SignOptionsSchema = z.strictObject({
  emails: z.array(EmailSchema).max(MAX_EMAIL_RECIPIENTS),
  settings: DocumentSettingsSchema,
});
export type SignOptions = z.infer<typeof SignOptionsSchema>;

export const PresetSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  options: SignOptionsSchema,
});
export type Preset = z.infer<typeof PresetSchema>;

/** https anywhere, http only on loopback (simulators, demo). */
export const SigexUrlSchema = z
  .string()
  .max(2048)
  .regex(/^(https:\/\/[^\s/?#]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)\/?$/);
/** NCALayer is always local and always TLS. */
export const NcaLayerUrlSchema = z
  .string()
  .max(2048)
  .regex(/^wss:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?\/?$/);

/** What the user can change from the renderer. Paths are NOT here: folders and CA files are
 * chosen through main's dialogs (settings:chooseCopyFolder / settings:chooseCaFile). */
export const SettingsPatchSchema = z.strictObject({
  language: LanguageSchema.optional(),
  sigexUrl: SigexUrlSchema.optional(),
  ncalayerUrl: NcaLayerUrlSchema.optional(),
  autoSaveCopy: z.boolean().optional(),
  copyLocation: z.enum(['next-to-original', 'folder']).optional(),
  clearExtraCaFile: z.literal(true).optional(),
  defaultOptions: SignOptionsSchema.optional(),
  presets: z.array(PresetSchema).max(50).optional(),
  recentEmails: z.array(EmailSchema).max(30).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export interface SettingsView {
  language: Language | null;
  sigexUrl: string;
  ncalayerUrl: string;
  extraCaFile: string | null;
  autoSaveCopy: boolean;
  copyLocation: 'next-to-original' | 'folder';
  copyFolder: string | null;
  defaultOptions: SignOptions;
  presets: Preset[];
  recentEmails: string[];
}

export const StartSigningSchema = z.strictObject({
  handles: z.array(FileHandleSchema).min(1).max(MAX_FILES_PER_BATCH),
  method: z.enum(['ncalayer', 'qr']),
  options: SignOptionsSchema,
});
export type StartSigningRequest = z.infer<typeof StartSigningSchema>;

export const FileInJobSchema = z.strictObject({ jobId: JobIdSchema, handle: FileHandleSchema });

export const LogSchema = z.tuple([z.enum(['info', 'warn', 'error']), z.string().max(4000)]);

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

export interface FileEntry {
  handle: string;
  name: string;
  size: number;
  /** Set when the name already carries "-SigexId<id>". */
  sigexIdInName?: string;
}

export type FileStatus =
  'pending' | 'already-signed' | 'signing' | 'registering' | 'uploading' | 'saving' | 'registered' | 'queued' | 'failed' | 'cancelled';

export type EmailOutcome = 'attached' | 'not-attached' | 'not-sent';

export interface SignedCopyView {
  /** File name of the copy (saved or suggested); never a path the renderer can use. */
  name: string;
  saved: boolean;
  /** Folder shown to the user ("Saved in ..."), display only. */
  folder?: string;
  error?: ErrorView;
}

export interface FileJobView {
  handle: string;
  name: string;
  size: number;
  status: FileStatus;
  progress?: { sent: number; total: number };
  sigexIdInName?: string;
  documentId?: string;
  documentUrl?: string;
  verifyUrl?: string;
  emailOutcome?: EmailOutcome;
  certificateEmail?: string;
  copy?: SignedCopyView;
  /** The seed's "rename manually as follows" names. */
  suggestedNames?: { withExtension: string; withoutExtension: string };
  error?: ErrorView;
}

export type JobPhase = 'connecting' | 'signing' | 'qr-scan' | 'qr-waiting' | 'registering' | 'saving' | 'done' | 'failed' | 'cancelled';

export interface QrView {
  /** data: URL of the QR image (PNG/GIF). */
  image: string;
  expireAt: number;
  eGovMobileLaunchLink: string;
  eGovBusinessLaunchLink: string;
  /** true once the phone fetched the data: the QR is spent and hidden. */
  spent: boolean;
}

export interface SignerView {
  subject: string;
  iin?: string;
  bin?: string;
  email?: string;
}

export interface JobView {
  jobId: string;
  method: 'ncalayer' | 'qr';
  phase: JobPhase;
  files: FileJobView[];
  qr?: QrView;
  signer?: SignerView;
  /** Job-level failure (NCALayer missing, cancelled, ...); per-file errors live on files. */
  error?: ErrorView;
  /** true while cancel is still possible (before any upload started). */
  cancellable: boolean;
}

export type ServiceState = 'ok' | 'not-running' | 'untrusted' | 'error';

export interface ConnectionStatus {
  ncalayer: { state: ServiceState; service?: 'NCALayer' | 'KAZTOKEN desktop'; version?: string; error?: ErrorView };
  sigex: { state: 'ok' | 'offline' | 'error'; version?: string; error?: ErrorView };
}

export interface AuthorityOption {
  oid: string;
  names: Record<Language, string>;
}

export interface SigexConsts {
  authorities: AuthorityOption[];
  certificationAuthorities: Array<{ id: string; names: Record<Language, string> }>;
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
  'files:release': channel<void>()(z.tuple([z.array(FileHandleSchema).max(MAX_FILES_PER_BATCH)])),
  'connection:check': channel<ConnectionStatus>()(none),
  'sigex:consts': channel<SigexConsts>()(none),
  'sign:start': channel<{ jobId: string }>()(z.tuple([StartSigningSchema])),
  'sign:cancel': channel<void>()(z.tuple([JobIdSchema])),
  'sign:saveCopy': channel<FileJobView>()(z.tuple([FileInJobSchema])),
  'shell:showCopy': channel<void>()(z.tuple([FileInJobSchema])),
  'shell:openExternal': channel<boolean>()(z.tuple([z.string().max(4096)])),
  'log:write': channel<void>()(LogSchema),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type ChannelArgs<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['args']>;
export type ChannelResult<C extends InvokeChannel> = (typeof invokeChannels)[C] extends Channel<z.ZodTuple, infer R> ? R : never;

/** Events main -> renderer. */
export interface EventPayloads {
  'job:update': JobView;
}
export type EventChannel = keyof EventPayloads;
export const EVENT_CHANNELS: readonly EventChannel[] = ['job:update'];

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
};

export type { ErrorView };
