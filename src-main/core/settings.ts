/**
 * Persisted settings: schema-validated JSON in the data directory, written atomically
 * (temp file + fsync + rename). A corrupt file is moved aside and defaults are used, with a
 * notice for the UI. Environment variables override what is stored (DESIGN.md contract).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  DEFAULT_DOCUMENT_SETTINGS,
  EmailSchema,
  LanguageSchema,
  NcaLayerUrlSchema,
  PresetSchema,
  SigexUrlSchema,
  SignOptionsSchema,
  type SettingsPatch,
  type SettingsView,
} from '../../src-shared/model';
import { AppError } from './errors';
import { realFs, retryLocked, type LockedFs } from './locked-fs';

export const DEFAULT_SIGEX_URL = 'https://sigex.kz';
export const DEFAULT_NCALAYER_URL = 'wss://127.0.0.1:13579/';
export const SETTINGS_FILE = 'settings.json';
/** How many confirmed e-mail recipients are remembered (the oldest go first). */
export const MAX_CONFIRMED_EMAILS = 1000;

/**
 * The form in which e-mail recipients are compared and remembered: ASCII letters in lower case,
 * nothing else changed. Full Unicode lower-casing made another address equal to a confirmed one
 * (KELVIN SIGN U+212A lower-cases to 'k': '\u212Aim@x.kz' passed as the confirmed 'kim@x.kz').
 */
export function normalEmail(email: string): string {
  return email.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

const StoredSchema = z.object({
  version: z.literal(1),
  language: LanguageSchema.nullable(),
  sigexUrl: SigexUrlSchema,
  ncalayerUrl: NcaLayerUrlSchema,
  extraCaFile: z.string().min(1).max(32767).nullable(),
  autoSaveCopy: z.boolean(),
  autoSaveCard: z.boolean(),
  copyLocation: z.enum(['next-to-original', 'folder']),
  copyFolder: z.string().min(1).max(32767).nullable(),
  defaultOptions: SignOptionsSchema,
  presets: z.array(PresetSchema).max(50),
  recentEmails: z.array(EmailSchema).max(30),
  /**
   * E-mail recipients the user confirmed in main's native dialog (lower case). Written only by
   * `confirmEmails` (main's confirmation), never by a settings patch; not in the renderer's view.
   */
  confirmedEmails: z.array(EmailSchema).max(MAX_CONFIRMED_EMAILS),
});
type Stored = z.infer<typeof StoredSchema>;

export function defaultSettings(): Stored {
  return {
    version: 1,
    language: null,
    sigexUrl: DEFAULT_SIGEX_URL,
    ncalayerUrl: DEFAULT_NCALAYER_URL,
    extraCaFile: null,
    autoSaveCopy: true,
    autoSaveCard: false,
    copyLocation: 'next-to-original',
    copyFolder: null,
    defaultOptions: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } },
    presets: [],
    recentEmails: [],
    confirmedEmails: [],
  };
}

export type EnvOverrides = Partial<Record<'sigexUrl' | 'ncalayerUrl' | 'extraCaFile', string>>;

/**
 * Reads SIGEX_URL, NCALAYER_URL, NCALAYER_CA_FILE (empty values are ignored). Each is checked
 * by the same rule as the setting it overrides (SIGEX over https, or http on this computer;
 * NCALayer on this computer over wss; an absolute CA file path); an invalid value stops the
 * start with a message naming the variable, rather than being used or silently dropped.
 */
export function envOverrides(env: NodeJS.ProcessEnv = process.env): EnvOverrides {
  const o: EnvOverrides = {};
  const bad = (name: string, value: string, rule: string) =>
    new AppError('invalid-input', `${name}=${value.slice(0, 200)} is not valid: ${rule}`, { params: { name } });
  if (env.SIGEX_URL) {
    const v = env.SIGEX_URL.replace(/\/+$/, '');
    if (!SigexUrlSchema.safeParse(v).success) throw bad('SIGEX_URL', v, 'https://host, or http://127.0.0.1:port for a local simulator');
    o.sigexUrl = v;
  }
  if (env.NCALAYER_URL) {
    if (!NcaLayerUrlSchema.safeParse(env.NCALAYER_URL).success)
      throw bad('NCALAYER_URL', env.NCALAYER_URL, 'wss://127.0.0.1:port (NCALayer runs on this computer)');
    o.ncalayerUrl = env.NCALAYER_URL;
  }
  if (env.NCALAYER_CA_FILE) {
    const v = env.NCALAYER_CA_FILE;
    if (!(path.isAbsolute(v) || path.win32.isAbsolute(v)) || v.includes('\0'))
      throw bad('NCALAYER_CA_FILE', v, 'an absolute path to a PEM file');
    o.extraCaFile = v;
  }
  return o;
}

export type SettingsNotice = 'settings-reset';

export class SettingsStore {
  private current: Stored = defaultSettings();
  private readonly file: string;
  private writes: Promise<void> = Promise.resolve();
  readonly notices: SettingsNotice[] = [];

  constructor(
    readonly dataDir: string,
    readonly overrides: EnvOverrides = {},
    /** The rename of the atomic write (tests inject EBUSY / EPERM). */
    private readonly io: AtomicWriteIo = {},
  ) {
    this.file = path.join(dataDir, SETTINGS_FILE);
  }

  /** Loads the file; missing -> defaults; unreadable JSON or wrong shape -> moved aside. */
  async load(): Promise<SettingsView> {
    await fsp.mkdir(this.dataDir, { recursive: true });
    let text: string | null = null;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text !== null) {
      const parsed = parseStored(text);
      if (parsed) {
        this.current = parsed;
      } else {
        const aside = `${this.file}.corrupt-${Date.now()}`;
        await fsp.rename(this.file, aside);
        this.current = defaultSettings();
        this.notices.push('settings-reset');
      }
    }
    return this.view();
  }

  /** What is stored (for the settings screen). */
  view(): SettingsView {
    const { version: _version, confirmedEmails: _confirmed, ...rest } = this.current;
    return structuredClone(rest);
  }

  /** E-mail recipients the user confirmed in main's dialog (normalised, see normalEmail). */
  confirmedEmails(): readonly string[] {
    return [...this.current.confirmedEmails];
  }

  /** Remembers recipients the user confirmed; only main's confirmation calls this, never the renderer. */
  async confirmEmails(emails: readonly string[]): Promise<void> {
    await this.replace((current) => {
      const added = emails.map(normalEmail);
      const kept = current.confirmedEmails.filter((e) => !added.includes(e));
      return { ...current, confirmedEmails: [...kept, ...new Set(added)].slice(-MAX_CONFIRMED_EMAILS) };
    });
  }

  /** What is in effect: stored values with environment overrides applied. */
  effective(): SettingsView {
    return { ...this.view(), ...this.overrides };
  }

  async update(patch: SettingsPatch): Promise<SettingsView> {
    const { clearExtraCaFile, ...fields } = patch;
    return this.replace((current) => {
      // A patch never carries the confirmed recipients (the schema has no such field; kept anyway).
      const next: Stored = { ...current, ...fields, confirmedEmails: current.confirmedEmails };
      if (clearExtraCaFile) next.extraCaFile = null;
      return next;
    });
  }

  /** Sets path-valued settings; only main's own dialogs call this, never the renderer. */
  async setPath(field: 'extraCaFile' | 'copyFolder', value: string | null): Promise<SettingsView> {
    return this.replace((current) => {
      const next: Stored = { ...current, [field]: value };
      if (field === 'copyFolder' && value) next.copyLocation = 'folder';
      return next;
    });
  }

  /**
   * Changes are serialised (each one starts from the previous one's result) and take effect in
   * memory only once the file was written: a failed write leaves the settings as they were.
   */
  private replace(change: (current: Stored) => Stored): Promise<SettingsView> {
    const run = this.writes.then(async () => {
      const checked = StoredSchema.safeParse(change(this.current));
      if (!checked.success) {
        throw new AppError('invalid-input', `invalid settings: ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      }
      await writeFileAtomic(this.file, JSON.stringify(checked.data, null, 2) + '\n', this.io);
      this.current = checked.data;
      return this.view();
    });
    this.writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

function parseStored(text: string): Stored | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null; // corrupt JSON is expected input here: the caller moves the file aside
  }
  if (typeof raw !== 'object' || raw === null) return null;
  // Missing fields (older files) take defaults; wrong types make the whole file invalid,
  // except in the lists: one invalid preset or address is dropped alone.
  const merged: Record<string, unknown> = { ...defaultSettings(), ...(raw as Record<string, unknown>) };
  merged.presets = validItems(merged.presets, PresetSchema);
  merged.recentEmails = validItems(merged.recentEmails, EmailSchema);
  const confirmed = validItems(merged.confirmedEmails, EmailSchema);
  merged.confirmedEmails = Array.isArray(confirmed) ? confirmed.slice(-MAX_CONFIRMED_EMAILS) : confirmed;
  const r = StoredSchema.safeParse(merged);
  return r.success ? r.data : null;
}

/** The valid elements of a stored list (anything else than an array stays as it is, to fail the schema). */
function validItems<T>(list: unknown, schema: z.ZodType<T>): unknown {
  if (!Array.isArray(list)) return list;
  return list.filter((item) => schema.safeParse(item).success);
}

export interface AtomicWriteIo {
  fs?: LockedFs;
  /** Waits between attempts on a locked file (tests pass zeros). */
  lockedBackoffMs?: readonly number[];
}

/**
 * Write to a temp file in the same directory, fsync, then rename over the target. The rename
 * is retried while a scanner holds either file (EBUSY / EPERM); on failure the temp file goes.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, io: AtomicWriteIo = {}): Promise<void> {
  const fs = io.fs ?? realFs;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await retryLocked(() => fs.rename(tmp, file), io.lockedBackoffMs);
  } catch (e) {
    await retryLocked(() => fs.rm(tmp, { force: true }), io.lockedBackoffMs).catch((cleanup: unknown) => void cleanup);
    throw e;
  }
}
