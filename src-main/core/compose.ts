/**
 * The composition root shared by the Electron app, the web host and the CLI: settings from
 * the data directory (env overrides applied), file handles, the connection probe and the
 * signing service wired to the real NCALayer and SIGEX clients.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Language, SettingsView } from '../../src-shared/model';
import { createConnectionProbe, ncaLayerClientFor, type ConnectionProbe } from './connection';
import { FileRegistry } from './files';
import { envOverrides, SettingsStore } from './settings';
import { SigexClient } from './sigex/client';
import type { SigexPort } from './signing/ports';
import { SigningService } from './signing/service';

export interface CoreServices {
  settings: SettingsStore;
  files: FileRegistry;
  signing: SigningService;
  connection: ConnectionProbe;
}

export interface CoreOptions {
  /** Settings live here. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  systemLanguage: Language;
  retryDelaysMs?: number[];
  /** Applied on top of the settings in effect for this process only (CLI flags). */
  runOverrides?: Partial<SettingsView>;
}

/** SIGEX_DESKTOP_DATA_DIR, else the given default (Electron's userData / the OS config dir). */
export function resolveDataDir(env: NodeJS.ProcessEnv, fallback?: string): string {
  if (env.SIGEX_DESKTOP_DATA_DIR) return path.resolve(env.SIGEX_DESKTOP_DATA_DIR);
  if (fallback) return fallback;
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'))
      : (env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'));
  return path.join(base, 'SIGEX Desktop');
}

/** ru / kk / en from a locale tag like "kk-KZ"; anything else falls back to ru. */
export function languageFromLocale(tag: string | undefined): Language {
  const l = (tag ?? '').toLowerCase().slice(0, 2);
  return l === 'kk' || l === 'en' ? l : 'ru';
}

export async function createCore(o: CoreOptions): Promise<CoreServices> {
  const settings = new SettingsStore(o.dataDir, envOverrides(o.env ?? process.env));
  await settings.load();
  const files = new FileRegistry();
  const effective = (): SettingsView => ({ ...settings.effective(), ...o.runOverrides });
  const connection = createConnectionProbe(effective);
  const signing = new SigningService({
    files,
    settings: effective,
    locale: () => effective().language ?? o.systemLanguage,
    ncalayer: (s) => ncaLayerClientFor(s),
    sigex: (s): SigexPort => new SigexClient({ baseUrl: s.sigexUrl }),
    ...(o.retryDelaysMs ? { retryDelaysMs: o.retryDelaysMs } : {}),
  });
  return { settings, files, signing, connection };
}
