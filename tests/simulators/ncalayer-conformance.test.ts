/**
 * Conformance: the official SIGEX browser client `ncalayer-js-client` (1.5.6) drives the simulator.
 * It is written for browsers and captures the global WebSocket when loaded, so it gets one from
 * `ws` that trusts the test CA (never a disabled verification).
 */
import WebSocket from 'ws';
import { cmsFromBase64OrPem, inspectCms, loadPki, sha256 } from './cms';
import { startNcaLayerSimulator, type NcaLayerSim } from './ncalayer-sim';

interface NCALayerClientLike {
  connect(): Promise<string>;
  basicsSignCMS(
    storages: unknown,
    data: string | string[],
    signingParams: unknown,
    signerParams: unknown,
    locale?: string,
  ): Promise<string | string[]>;
  getActiveTokens(): Promise<string[]>;
  createCAdESFromBase64(storage: string, data: string, keyType?: string, attach?: boolean): Promise<string>;
  isKmd: boolean;
  wsConnection: WebSocket | null;
}
interface NCALayerClientClass {
  new (url: string, allowKmdHttpApi?: boolean): NCALayerClientLike;
  basicsStorageAll: unknown;
  basicsCMSParamsDetached: unknown;
  basicsSignerTestAny: unknown;
}

const pki = loadPki();
let sim: NcaLayerSim;
let NCALayerClient: NCALayerClientClass;
const g = globalThis as { WebSocket?: unknown };
const savedWebSocket = g.WebSocket;

beforeAll(async () => {
  sim = await startNcaLayerSimulator();
  const caPem = sim.caPem;
  class TrustingTestCa extends WebSocket {
    constructor(url: string) {
      super(url, { ca: caPem });
    }
  }
  g.WebSocket = TrustingTestCa;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    NCALayerClient = (require('ncalayer-js-client') as { NCALayerClient: NCALayerClientClass }).NCALayerClient;
  });
});
afterAll(async () => {
  g.WebSocket = savedWebSocket;
  await sim.stop();
});

async function connected(kmd = false): Promise<{ client: NCALayerClientLike; version: string }> {
  const client = new NCALayerClient(sim.url, kmd);
  const version = await client.connect();
  return { client, version };
}

const docs = [Buffer.from('official client document 1\n'), Buffer.from('official client document 2 — два\n')];

test('connect: greeting version, KAZTOKEN probe answered MODULE_NOT_FOUND (plain NCALayer)', async () => {
  const { client, version } = await connected();
  expect(version).toBe('1.4');
  expect(client.isKmd).toBe(false);
  expect(sim.requests.at(-1)).toMatchObject({ module: 'kz.digiflow.mobile.extensions', method: 'getVersion' });
  client.wsConnection?.close();
});

test('connect in KAZTOKEN mode: the client detects KAZTOKEN', async () => {
  sim.setMode({ kaztoken: true });
  try {
    const { client } = await connected();
    expect(client.isKmd).toBe(true);
    client.wsConnection?.close();
  } finally {
    sim.setMode({ kaztoken: false });
  }
});

test('sign one document (detached): the client returns a CMS over the document', async () => {
  const { client } = await connected();
  const cms = await client.basicsSignCMS(
    NCALayerClient.basicsStorageAll,
    docs[0]!.toString('base64'),
    NCALayerClient.basicsCMSParamsDetached,
    NCALayerClient.basicsSignerTestAny,
    'ru',
  );
  expect(typeof cms).toBe('string');
  const info = await inspectCms(cmsFromBase64OrPem(cms as string));
  expect(info.signatureValid).toBe(true);
  expect(info.messageDigest.equals(sha256(docs[0]!))).toBe(true);
  expect(info.encapsulatedContent).toBeUndefined();
  expect(info.signer.iin).toBe(pki.signers.individual.iin);
  expect(sim.stats.lastRequest?.args).toMatchObject({
    signingParams: { decode: true, encapsulate: false, digested: false },
    signerParams: { chain: [] },
  });
  client.wsConnection?.close();
});

test('array sign: one request, signatures in order', async () => {
  const { client } = await connected();
  const before = sim.stats.requests;
  const cms = await client.basicsSignCMS(
    NCALayerClient.basicsStorageAll,
    docs.map((d) => d.toString('base64')),
    NCALayerClient.basicsCMSParamsDetached,
    NCALayerClient.basicsSignerTestAny,
  );
  expect(Array.isArray(cms)).toBe(true);
  for (const [i, text] of (cms as string[]).entries()) {
    expect((await inspectCms(cmsFromBase64OrPem(text))).messageDigest.equals(sha256(docs[i]!))).toBe(true);
  }
  expect(sim.stats.requests - before).toBe(1);
  client.wsConnection?.close();
});

test('cancel: the client rejects with canceledByUser', async () => {
  const { client } = await connected();
  sim.script('cancel');
  const err = (await client
    .basicsSignCMS(
      NCALayerClient.basicsStorageAll,
      docs[0]!.toString('base64'),
      NCALayerClient.basicsCMSParamsDetached,
      NCALayerClient.basicsSignerTestAny,
    )
    .catch((e: unknown) => e)) as { name: string; canceledByUser?: boolean };
  expect(err.name).toBe('NCALayerError');
  expect(err.canceledByUser).toBe(true);
  client.wsConnection?.close();
});

test('error outcome and legacy calls through the client', async () => {
  const { client } = await connected();
  sim.script({ kind: 'error', code: 'SIGNING_FAILURE', message: 'token removed', details: 'd' });
  const err = (await client
    .basicsSignCMS(
      NCALayerClient.basicsStorageAll,
      docs[0]!.toString('base64'),
      NCALayerClient.basicsCMSParamsDetached,
      NCALayerClient.basicsSignerTestAny,
    )
    .catch((e: unknown) => e)) as Error;
  expect(err.message).toBe('SIGNING_FAILURE: token removed (d)');
  await expect(client.getActiveTokens()).resolves.toEqual(['AKKaztokenStore']);
  const legacy = await client.createCAdESFromBase64('PKCS12', docs[1]!.toString('base64'));
  expect((await inspectCms(cmsFromBase64OrPem(legacy))).messageDigest.equals(sha256(docs[1]!))).toBe(true);
  client.wsConnection?.close();
});
