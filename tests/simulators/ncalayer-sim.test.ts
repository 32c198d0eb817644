import { cmsFromBase64OrPem, inspectCms, loadPki, sha256 } from './cms';
import { ClientClosedError, ClientTimeoutError, connectError, connectSimClient, type SimClient } from './ncalayer-sim-client';
import { startNcaLayerSimulator, type NcaLayerSim } from './ncalayer-sim';
import { opensslVerify } from './openssl';

const pki = loadPki();
const doc1 = Buffer.from('first document — первый документ\n');
const doc2 = Buffer.from('second document\n'.repeat(50));
const b64 = (b: Buffer) => b.toString('base64');

function signRequest(data: string | string[], signingParams?: Record<string, unknown>): object {
  return {
    module: 'kz.gov.pki.knca.basics',
    method: 'sign',
    args: {
      allowedStorages: null,
      format: 'cms',
      data,
      ...(signingParams ? { signingParams } : {}),
      signerParams: { extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'] },
      locale: 'ru',
    },
  };
}
const DETACHED = { decode: true, encapsulate: false, digested: false, tsaProfile: {} };

type Reply = Record<string, unknown>;
const result = (r: Reply) => (r['body'] as { result?: unknown }).result;

let sim: NcaLayerSim;
let client: SimClient;
beforeEach(async () => {
  sim = await startNcaLayerSimulator();
  client = await connectSimClient(sim.url, pki.caCertPem);
});
afterEach(async () => {
  client.close();
  await sim.stop();
});

test('greeting, heartbeat echo and stats', async () => {
  expect(sim.url).toBe(`wss://127.0.0.1:${sim.port}/`);
  expect(client.greeting).toEqual({ result: { version: '1.4' } });
  client.ws.send('--heartbeat--');
  await expect(client.next()).resolves.toBe('--heartbeat--');
  expect(sim.stats).toMatchObject({ connections: 1, heartbeats: 1, requests: 0, bytesReceived: 13 });
});

test('basics.sign, one document, detached: PEM armoured CMS that openssl verifies', async () => {
  const reply = await client.request(signRequest(b64(doc1), DETACHED));
  expect(reply['status']).toBe(true);
  const text = result(reply) as string;
  expect(text).toMatch(/^-----BEGIN CMS-----\n/);
  expect(text).toMatch(/\n-----END CMS-----$/);
  expect(
    text
      .split('\n')
      .slice(1, -2)
      .every((l) => l.length === 64),
  ).toBe(true);
  const der = cmsFromBase64OrPem(text);
  const info = await inspectCms(der);
  expect(info).toMatchObject({ signatureValid: true, signerInfoCount: 1 });
  expect(info.encapsulatedContent).toBeUndefined();
  expect(info.messageDigest.equals(sha256(doc1))).toBe(true);
  expect(info.signer.iin).toBe(pki.signers.individual.iin);

  const r = opensslVerify(der, { content: doc1 });
  expect(r.status).toBe(0);

  expect(sim.stats).toMatchObject({ requests: 1, documents: 1 });
  expect(sim.stats.lastRequest).toMatchObject({ module: 'kz.gov.pki.knca.basics', method: 'sign', documentCount: 1 });
  expect(sim.stats.lastRequest?.documents[0]).toEqual({ size: doc1.length, sha256: sha256(doc1).toString('hex') });
  expect(sim.stats.lastRequest?.args).toEqual({
    allowedStorages: null,
    format: 'cms',
    signingParams: DETACHED,
    signerParams: { extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'] },
    locale: 'ru',
  });
});

test('array data: one dialog signs all, results in order; bare base64 option; employee signer', async () => {
  sim.setMode({ resultFormat: 'base64', signer: 'employee' });
  const reply = await client.request(signRequest([b64(doc1), b64(doc2)], DETACHED));
  const results = result(reply) as string[];
  expect(results).toHaveLength(2);
  for (const [i, doc] of [doc1, doc2].entries()) {
    expect(results[i]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const info = await inspectCms(cmsFromBase64OrPem(results[i] as string));
    expect(info.messageDigest.equals(sha256(doc))).toBe(true);
    expect(info.signatureValid).toBe(true);
    expect(info.signer.bin).toBe(pki.signers.employee.bin);
  }
  expect(sim.requests).toHaveLength(1);
  expect(sim.stats.documents).toBe(2);
});

test('signingParams omitted: encapsulate defaults to TRUE; string flags and digested hashes are honoured', async () => {
  const attached = await inspectCms(cmsFromBase64OrPem(result(await client.request(signRequest(b64(doc1)))) as string));
  expect(attached.encapsulatedContent?.equals(doc1)).toBe(true);

  const text = await client.request(signRequest('plain text, decode false', { decode: 'false', encapsulate: 'false' }));
  const plain = await inspectCms(cmsFromBase64OrPem(result(text) as string));
  expect(plain.messageDigest.equals(sha256(Buffer.from('plain text, decode false')))).toBe(true);
  expect(plain.encapsulatedContent).toBeUndefined();

  const hashed = await client.request(signRequest(b64(sha256(doc2)), { decode: true, encapsulate: false, digested: true }));
  expect((await inspectCms(cmsFromBase64OrPem(result(hashed) as string))).messageDigest.equals(sha256(doc2))).toBe(true);

  const badHash = await client.request(signRequest(b64(doc2), { encapsulate: false, digested: true }));
  expect(badHash).toMatchObject({ status: false, code: 'INVALID_SIGNING_PARAMS' });
  const badB64 = await client.request(signRequest('###not base64###', DETACHED));
  expect(badB64).toMatchObject({ status: false, code: 'INVOCATION_ERROR' });
});

test('scripted outcomes are consumed in order, then the mode applies', async () => {
  sim.script('cancel', { kind: 'error', code: 'SIGNING_FAILURE', message: 'token removed', details: 'slot 0' }, 'sign');
  expect(await client.request(signRequest(b64(doc1), DETACHED))).toEqual({ status: true, body: {} });
  expect(await client.request(signRequest(b64(doc1), DETACHED))).toEqual({
    status: false,
    code: 'SIGNING_FAILURE',
    message: 'token removed',
    details: 'slot 0',
  });
  expect((await client.request(signRequest(b64(doc1), DETACHED)))['status']).toBe(true);
  sim.setMode({ outcome: 'cancel' });
  expect(await client.request(signRequest(b64(doc1), DETACHED))).toEqual({ status: true, body: {} });
  expect(sim.stats.requests).toBe(4);
});

test('delay answers after the delay with a signature', async () => {
  sim.script({ kind: 'delay', ms: 300 });
  const t0 = Date.now();
  client.ws.send(JSON.stringify(signRequest(b64(doc1), DETACHED)));
  await expect(client.next(100)).rejects.toBeInstanceOf(ClientTimeoutError);
  const reply = JSON.parse(await client.next(2000)) as Reply;
  expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  expect(typeof result(reply)).toBe('string');
});

test('hang never answers (client-side timeout), heartbeats still echo, stop() is prompt', async () => {
  sim.script('hang');
  await expect(client.request(signRequest(b64(doc1), DETACHED), 300)).rejects.toBeInstanceOf(ClientTimeoutError);
  expect(sim.stats.lastRequest?.documentCount).toBe(1);
  client.ws.send('--heartbeat--');
  await expect(client.next()).resolves.toBe('--heartbeat--');
  const t0 = Date.now();
  await sim.stop();
  expect(Date.now() - t0).toBeLessThan(1000);
  await expect(client.closed).resolves.toBe(1006);
});

test('drop closes the socket after the request arrives, without a reply', async () => {
  sim.script('drop');
  const err = await client.request(signRequest(b64(doc1), DETACHED), 2000).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ClientClosedError);
  expect((err as ClientClosedError).code).toBe(1006);
  expect(sim.stats.requests).toBe(1);
});

test('unknown module -> MODULE_NOT_FOUND; KAZTOKEN probe answered only in kaztoken mode', async () => {
  expect(await client.request({ module: 'kz.example.nothing', method: 'x' })).toEqual({ success: false, errorCode: 'MODULE_NOT_FOUND' });
  const probe = { module: 'kz.digiflow.mobile.extensions', method: 'getVersion' };
  expect(await client.request(probe)).toEqual({ success: false, errorCode: 'MODULE_NOT_FOUND' });
  sim.setMode({ kaztoken: true });
  expect(await client.request(probe)).toEqual({ code: '200', responseObject: { name: 'KAZTOKENdesktop', version: '2.3.1' } });
  sim.script('cancel'); // not consumed by the probe
  expect(await client.request(probe)).toMatchObject({ code: '200' });
  expect(await client.request(signRequest(b64(doc1), DETACHED))).toEqual({ status: true, body: {} });
});

test('legacy commonUtils: getActiveTokens, getKeyInfo, createCAdESFromBase64(+Hash), uuid echo, cancel', async () => {
  const cu = (method: string, args?: unknown[], uuid?: string) => ({
    module: 'kz.gov.pki.knca.commonUtils',
    method,
    ...(args ? { args } : {}),
    ...(uuid ? { uuid } : {}),
  });
  expect(await client.request(cu('getActiveTokens', undefined, 'u-1'))).toEqual({
    code: '200',
    responseObject: ['AKKaztokenStore'],
    uuid: 'u-1',
  });
  const keyInfo = (await client.request(cu('getKeyInfo', ['PKCS12'])))['responseObject'] as Record<string, string>;
  expect(keyInfo).toMatchObject({ algorithm: 'RSA', subjectCn: 'ТЕСТОВ ТЕСТ', pem: pki.signers.individual.certPem.trim() });
  expect(Number(keyInfo['certNotAfter'])).toBeGreaterThan(Date.now());

  const detached = await client.request(cu('createCAdESFromBase64', ['PKCS12', 'SIGNATURE', b64(doc2), false], 'u-2'));
  expect(detached).toMatchObject({ code: '200', uuid: 'u-2' });
  const info = await inspectCms(cmsFromBase64OrPem(detached['responseObject'] as string));
  expect(info.messageDigest.equals(sha256(doc2))).toBe(true);
  expect(info.encapsulatedContent).toBeUndefined();
  const attached = await client.request(cu('createCAdESFromBase64', ['PKCS12', 'SIGNATURE', b64(doc2), true]));
  expect((await inspectCms(cmsFromBase64OrPem(attached['responseObject'] as string))).encapsulatedContent?.equals(doc2)).toBe(true);
  const fromHash = await client.request(cu('createCAdESFromBase64Hash', ['PKCS12', 'SIGNATURE', b64(sha256(doc1))]));
  expect((await inspectCms(cmsFromBase64OrPem(fromHash['responseObject'] as string))).messageDigest.equals(sha256(doc1))).toBe(true);
  expect(sim.stats.lastRequest?.args).toEqual(['PKCS12', 'SIGNATURE', '[data omitted]']);

  sim.script('cancel', { kind: 'error', message: 'storage.empty' });
  expect(await client.request(cu('createCAdESFromBase64', ['PKCS12', 'SIGNATURE', b64(doc1), false], 'u-3'))).toEqual({
    code: '500',
    message: 'action.canceled',
    uuid: 'u-3',
  });
  expect(await client.request(cu('getKeyInfo', ['PKCS12']))).toEqual({ code: '500', message: 'storage.empty' });
});

test('malformed requests get an error reply and the socket stays usable', async () => {
  expect(await client.request('{"module":')).toMatchObject({ status: false, code: 'GENERAL_ERROR' });
  expect(await client.request({ module: 'kz.gov.pki.knca.basics', method: 'sign', args: { data: 42 } })).toMatchObject({
    status: false,
    code: 'INVALID_SIGNING_PARAMS',
  });
  expect((await client.request(signRequest(b64(doc1), DETACHED)))['status']).toBe(true);
});

describe('TLS and reachability', () => {
  test('untrusted certificate: the client sees a TLS verification error, not ECONNREFUSED', async () => {
    const untrusted = await startNcaLayerSimulator({ tls: 'untrusted' });
    try {
      const err = await connectError(untrusted.url, pki.caCertPem);
      expect(err.code).toMatch(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/);
      expect(untrusted.caPem).toBe(pki.untrustedCaCertPem);
      // trusting the untrusted CA explicitly works: it is only "not trusted", not broken
      const ok = await connectSimClient(untrusted.url, untrusted.caPem);
      expect(ok.greeting).toEqual({ result: { version: '1.4' } });
      ok.close();
    } finally {
      await untrusted.stop();
    }
  });

  test('a stopped simulator gives ECONNREFUSED', async () => {
    const gone = await startNcaLayerSimulator();
    await gone.stop();
    expect((await connectError(gone.url, pki.caCertPem)).code).toBe('ECONNREFUSED');
  });
});
