/** What the co-signing integration tests share: a received `-SigexId` file and the co-sign context. */
import { NcaLayerClient } from '../../src-main/core/ncalayer/client';
import type { SigexClient } from '../../src-main/core/sigex/client';
import { loadPki } from '../simulators/fixtures';
import { registered } from '../simulators/sigex-test-client';
import { writeWorkFile, type Harness } from './harness';

/**
 * A document a counterparty registered directly in the SIGEX simulator (`name`.pdf, with
 * `settings` when given), and the file as it arrived: <name>-SigexId<id>.pdf in the work folder.
 */
export async function receivedFile(
  h: Harness,
  content: string | Buffer,
  name: string,
  settings?: unknown,
): Promise<{ id: string; file: string }> {
  const id = await registered(h.sigex, {
    content: Buffer.isBuffer(content) ? content : Buffer.from(content),
    title: `${name}.pdf`,
    ...(settings ? { settings } : {}),
  });
  return { id, file: await writeWorkFile(h, `${name}-SigexId${id}.pdf`, content) };
}

/**
 * What checkFile / cosignFiles take, on the harness's simulators, in English. Without an NCALayer
 * simulator the client points at a port nothing listens on.
 */
export function cosignContext(h: Harness, sigex: SigexClient) {
  return {
    sigex,
    ncalayer: new NcaLayerClient({ url: h.ncalayer?.url ?? 'wss://127.0.0.1:1/', caPems: [loadPki().caCertPem], detectKaztoken: false }),
    sigexUrl: h.sigex.url,
    lang: 'en' as const,
  };
}
