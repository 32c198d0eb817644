/**
 * The composition root shared by the Electron app, the web host and the CLI: settings from
 * the data directory (env overrides applied), file handles, the connection probe and the
 * signing service wired to the real NCALayer and SIGEX clients.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Language, SettingsView } from '../../src-shared/model';
import { createConnectionProbe, ncaLayerClientFor, PROBE_TIMEOUT_MS, type ConnectionProbe, type SigexHttp } from './connection';
import { envProxyHttp } from './net/proxy';
import { HistoryJournal } from './history/journal';
import { OutboxStore } from './outbox/store';
import { OutboxWorker } from './outbox/worker';
import type { RetryPolicy } from './retry';
import { Deliveries } from './signing/deliveries';
import { FileRegistry } from './files';
import type { NamePlatform } from './file-names';
import { envOverrides, SettingsStore } from './settings';
import { SigexClient } from './sigex/client';
import type { SigexPort } from './signing/ports';
import { SigningService } from './signing/service';

export interface CoreServices {
  settings: SettingsStore;
  files: FileRegistry;
  signing: SigningService;
  deliveries: Deliveries;
  history: HistoryJournal;
  connection: ConnectionProbe;
  /** The app's background retries (not in the CLI, which works the outbox on request). */
  worker?: OutboxWorker;
  /** Stops the worker and every delivery in flight (they stay queued for next time). */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Settings live here. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  systemLanguage: Language;
  /** Retry policies (tests shorten them). */
  retry?: { call?: RetryPolicy; queue?: RetryPolicy };
  /** Run the outbox worker (the app and the web host; not the CLI). */
  worker?: { pingMs?: number };
  /**
   * How SIGEX is reached (Electron: net.fetch and the system proxy). Default: Node's fetch,
   * through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says otherwise.
   */
  sigexHttp?: SigexHttp;
  /** Name rules for copies (file-names.ts); the current system's by default. */
  namePlatform?: NamePlatform;
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
  const locale = () => effective().language ?? o.systemLanguage;
  const sigexHttp = o.sigexHttp ?? envProxyHttp(o.env ?? process.env);
  const connection = createConnectionProbe(effective, sigexHttp);
  const outbox = new OutboxStore(o.dataDir);
  const history = new HistoryJournal(o.dataDir);
  const deliveries = new Deliveries({
    outbox,
    history,
    settings: effective,
    locale,
    sigex: (s): SigexPort => new SigexClient({ baseUrl: s.sigexUrl, ...sigexHttp }),
    ...(o.retry?.call ? { callPolicy: o.retry.call } : {}),
    ...(o.retry?.queue ? { queuePolicy: o.retry.queue } : {}),
  });
  const signing = new SigningService({
    files,
    settings: effective,
    locale,
    ncalayer: (s) => ncaLayerClientFor(s),
    deliveries,
    ...(o.namePlatform ? { namePlatform: o.namePlatform } : {}),
  });
  const core: CoreServices = {
    settings,
    files,
    signing,
    deliveries,
    history,
    connection,
    async close() {
      core.worker?.stop();
      await deliveries.shutdown();
    },
  };
  if (o.worker) {
    const worker = new OutboxWorker(deliveries, {
      ping: () => checkSigexOnline(connection.sigexClient()),
      ...(o.worker.pingMs ? { pingMs: o.worker.pingMs } : {}),
    });
    // A signature queued by this process (or any other) is picked up by the schedule.
    deliveries.onChange(() => worker.nudge());
    core.worker = worker;
    worker.start();
  }
  return core;
}

async function checkSigexOnline(client: SigexClient): Promise<boolean> {
  try {
    await client.version({ timeoutMs: PROBE_TIMEOUT_MS });
    return true;
  } catch {
    return false; // any failure means "not yet": the next probe asks again
  }
}
