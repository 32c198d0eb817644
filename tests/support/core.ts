/** The core as the integration tests start it: on a harness's simulators and data directory. */
import { createCore, type CoreOptions } from '../../src-main/core/compose';
import { DEFAULT_DOCUMENT_SETTINGS, type SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { FAST_RETRY } from './fast-retry';
import type { Harness } from './harness';

/** A core on `h` (English, fast retries unless `o` says otherwise). */
export function startCore(h: Harness, o: Partial<CoreOptions> = {}): Promise<CoreServices> {
  return createCore({ dataDir: h.dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY, ...o });
}

/** After each test: the core (when one was started), then the simulators. */
export async function stopCore(core: CoreServices | undefined, h: Harness | undefined): Promise<void> {
  await core?.close();
  await h?.stop();
}

/** Signing options that ask for nothing: no e-mails, the default document settings. */
export const noOptions: SignOptions = { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } };
