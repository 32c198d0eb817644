/**
 * "Which signing service answers, and is SIGEX reachable?" for the status bar and the
 * settings' "Test connection". Builds clients from the settings in effect.
 */
import type { ConnectionStatus, SettingsView } from '../../src-shared/model';
import { isAppError, toErrorView } from './errors';
import { NcaLayerClient } from './ncalayer/client';
import { loadExtraCa } from './ncalayer/trust';
import { SigexClient, type SigexClientOptions } from './sigex/client';

/** How SIGEX is reached: fetch for the JSON calls, an agent for uploads (proxy, Electron's net). */
export type SigexHttp = Pick<SigexClientOptions, 'fetch' | 'agentFor'>;

/** Addresses to test instead of the saved ones (Settings' "Test connection" before Save). */
export interface ConnectionAddresses {
  sigexUrl: string;
  ncalayerUrl: string;
}

export interface ConnectionProbe {
  /** The settings in effect, or `addresses` in their place (nothing is saved or changed). */
  check(addresses?: ConnectionAddresses): Promise<ConnectionStatus>;
  sigexClient(): SigexClient;
}

export const PROBE_TIMEOUT_MS = 4000;

/**
 * A client for the settings in effect. Only the status check asks whether KAZTOKEN desktop
 * answers (`detectKaztoken`): a signing connection skips that round trip, which could cost
 * a timeout if a real NCALayer stays silent on unknown modules.
 */
export async function ncaLayerClientFor(
  s: SettingsView,
  o: { timeoutMs?: number; detectKaztoken?: boolean } = {},
): Promise<NcaLayerClient> {
  const caPems = s.extraCaFile ? await loadExtraCa(s.extraCaFile) : [];
  return new NcaLayerClient({
    url: s.ncalayerUrl,
    caPems,
    detectKaztoken: o.detectKaztoken ?? false,
    ...(o.timeoutMs ? { connectTimeoutMs: o.timeoutMs, greetingTimeoutMs: o.timeoutMs } : {}),
  });
}

export function createConnectionProbe(settings: () => SettingsView, http: SigexHttp = {}): ConnectionProbe {
  let cached: { url: string; client: SigexClient } | null = null;
  const sigexClient = () => {
    const url = settings().sigexUrl;
    if (!cached || cached.url !== url) cached = { url, client: new SigexClient({ baseUrl: url, ...http }) };
    return cached.client;
  };
  return {
    sigexClient,
    async check(addresses) {
      const s = addresses ? { ...settings(), sigexUrl: addresses.sigexUrl, ncalayerUrl: addresses.ncalayerUrl } : settings();
      // A typed address gets a client of its own: the cached one keeps serving the saved address.
      const client = addresses ? new SigexClient({ baseUrl: s.sigexUrl, ...http }) : sigexClient();
      const [ncalayer, sigex] = await Promise.all([checkNcaLayer(s), checkSigex(client)]);
      return { ncalayer, sigex };
    },
  };
}

async function checkNcaLayer(s: SettingsView): Promise<ConnectionStatus['ncalayer']> {
  let client: NcaLayerClient | null = null;
  try {
    client = await ncaLayerClientFor(s, { timeoutMs: PROBE_TIMEOUT_MS, detectKaztoken: true });
    const info = await client.connect();
    return { state: 'ok', service: info.service, version: info.version };
  } catch (e) {
    const kind = isAppError(e) ? e.kind : 'internal';
    const state = kind === 'ncalayer-not-running' ? 'not-running' : kind === 'ncalayer-untrusted' ? 'untrusted' : 'error';
    return { state, error: toErrorView(e) };
  } finally {
    client?.close();
  }
}

async function checkSigex(client: SigexClient): Promise<ConnectionStatus['sigex']> {
  try {
    const version = await client.version({ timeoutMs: PROBE_TIMEOUT_MS });
    return { state: 'ok', version };
  } catch (e) {
    const kind = isAppError(e) ? e.kind : 'internal';
    return { state: kind === 'network' || kind === 'timeout' ? 'offline' : 'error', error: toErrorView(e) };
  }
}
