/**
 * NcaLayerClient against the NCALayer simulator: real wss + TLS with the test PKI, real CMS.
 * What is asserted is what the simulator received (requests, documents per request, bytes'
 * SHA-256) and what the client returned (DER CMS whose messageDigest matches the document).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { NcaLayerClient, type NcaLayerClientOptions, type SignDocument } from '../../src-main/core/ncalayer/client';
import { inspectCms } from '../simulators/cms';
import { startNcaLayerSimulator, type NcaLayerSim, type NcaLayerSimOptions } from '../simulators/ncalayer-sim';
import { failure } from '../support/test-utils';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const docOf = (bytes: Buffer): SignDocument => ({ size: bytes.length, open: () => Readable.from([bytes]) });

const started: NcaLayerSim[] = [];
const clients: NcaLayerClient[] = [];

async function sim(o: NcaLayerSimOptions = {}): Promise<NcaLayerSim> {
  const s = await startNcaLayerSimulator(o);
  started.push(s);
  return s;
}

function clientFor(s: { url: string; caPem: string }, o: Partial<NcaLayerClientOptions> = {}): NcaLayerClient {
  const c = new NcaLayerClient({ url: s.url, caPems: [s.caPem], ...o });
  clients.push(c);
  return c;
}

const signRequests = (s: NcaLayerSim) => s.requests.filter((r) => r.method === 'sign' || r.method.startsWith('createCAdES'));

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

describe('connecting', () => {
  it('reads the greeting; the KAZTOKEN probe tells NCALayer and KAZTOKEN desktop apart', async () => {
    const nca = await sim();
    expect(await clientFor(nca).connect()).toEqual({ service: 'NCALayer', version: '1.4', protocolVersion: '1.4' });
    const kaz = await sim({ kaztoken: true });
    expect(await clientFor(kaz).connect()).toMatchObject({ service: 'KAZTOKEN desktop', version: '2.3.1' });
    expect(await clientFor(kaz).probeKaztoken()).toEqual({ name: 'KAZTOKENdesktop', version: '2.3.1' });
  });

  it('a closed port is ncalayer-not-running', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const e = await failure(clientFor({ url: `wss://127.0.0.1:${port}/`, caPem: '' }, { caPems: [] }).connect());
    expect(e.kind).toBe('ncalayer-not-running');
    expect(e.info.code).toBe('ECONNREFUSED');
  });

  it('a certificate from an unknown CA is ncalayer-untrusted with the TLS code, not "not running"', async () => {
    const trusted = await sim();
    const untrusted = await sim({ tls: 'untrusted' });
    // the client trusts the test root (as an extra CA file would), not the CA that issued this one
    const e = await failure(clientFor({ url: untrusted.url, caPem: trusted.caPem }).connect());
    expect(e.kind).toBe('ncalayer-untrusted');
    expect(e.info.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(untrusted.stats.connections).toBe(0);
    // without the extra CA even the "trusted" simulator is untrusted: verification is never off
    const e2 = await failure(new NcaLayerClient({ url: trusted.url }).connect());
    expect(e2.kind).toBe('ncalayer-untrusted');
  });

  it('a silent server is ncalayer-timeout; a wrong greeting is ncalayer-protocol', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
    try {
      const silent = new NcaLayerClient({ url, greetingTimeoutMs: 150 });
      expect((await failure(silent.connect())).kind).toBe('ncalayer-timeout');
      wss.on('connection', (ws) => ws.send('{"hello":"world"}'));
      expect((await failure(new NcaLayerClient({ url }).connect())).kind).toBe('ncalayer-protocol');
    } finally {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((r) => wss.close(r));
    }
  });

  it('heartbeats flow while idle and their echoes are ignored', async () => {
    const s = await sim();
    const c = clientFor(s, { heartbeatMs: 30 });
    await c.connect();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.stats.heartbeats).toBeGreaterThanOrEqual(2);
    const data = randomBytes(100);
    const [cms] = await c.sign({ documents: [docOf(data)], locale: 'ru' });
    expect((await inspectCms(cms as Buffer)).messageDigest).toEqual(sha256(data));
  });
});

describe('signing', () => {
  it('one document: one basics.sign request with the documented args; DER CMS back', async () => {
    const s = await sim();
    const data = randomBytes(5000);
    const result = await clientFor(s).sign({ documents: [docOf(data)], locale: 'kk' });
    expect(result).toHaveLength(1);
    const info = await inspectCms(result[0] as Buffer);
    expect(info.messageDigest).toEqual(sha256(data));
    expect(info.signatureValid).toBe(true);
    expect(info.encapsulatedContent).toBeUndefined();
    const [req] = signRequests(s);
    expect(req).toMatchObject({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      documentCount: 1,
      documents: [{ size: 5000, sha256: sha256(data).toString('hex') }],
      args: {
        allowedStorages: null,
        format: 'cms',
        signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
        signerParams: { extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'] },
        locale: 'kk',
      },
    });
  });

  it('bare base64 results are accepted too; test keys send chain: []', async () => {
    const s = await sim({ resultFormat: 'base64' });
    const data = randomBytes(10);
    const [cms] = await clientFor(s).sign({ documents: [docOf(data)], locale: 'en', allowTestKeys: true });
    expect((await inspectCms(cms as Buffer)).messageDigest).toEqual(sha256(data));
    expect(signRequests(s)[0]?.args).toMatchObject({ signerParams: { chain: [] } });
  });

  it('several documents go in ONE request (one dialog); results come back in order', async () => {
    const s = await sim();
    const docs = [randomBytes(1), randomBytes(3000), randomBytes(0)];
    const result = await clientFor(s).sign({ documents: docs.map(docOf), locale: 'ru' });
    expect(signRequests(s)).toHaveLength(1);
    expect(signRequests(s)[0]?.documentCount).toBe(3);
    const digests = await Promise.all(result.map(async (der) => (await inspectCms(der)).messageDigest));
    expect(digests).toEqual(docs.map(sha256));
  });

  it('cancel in the dialog is cancelled; an NCALayer error keeps code, message and details', async () => {
    const s = await sim();
    const c = clientFor(s);
    s.script('cancel', { kind: 'error', code: 'SIGNING_FAILURE', message: 'Token removed', details: 'slot 0' });
    expect((await failure(c.sign({ documents: [docOf(randomBytes(8))], locale: 'ru' }))).kind).toBe('cancelled');
    const e = await failure(c.sign({ documents: [docOf(randomBytes(8))], locale: 'ru' }));
    expect(e.kind).toBe('ncalayer-error');
    expect(e.info).toMatchObject({ code: 'SIGNING_FAILURE', details: 'slot 0' });
    expect(e.message).toBe('Token removed');
  });

  it('a socket dropped mid-request is ncalayer-closed and the request is NOT re-sent', async () => {
    const s = await sim();
    const c = clientFor(s);
    s.script('drop');
    const e = await failure(c.sign({ documents: [docOf(randomBytes(64))], locale: 'ru' }));
    expect(e.kind).toBe('ncalayer-closed');
    await new Promise((r) => setTimeout(r, 200));
    expect(signRequests(s)).toHaveLength(1);
    // the next call (the user's decision) reconnects and works
    await c.sign({ documents: [docOf(randomBytes(64))], locale: 'ru' });
    expect(signRequests(s)).toHaveLength(2);
    expect(s.stats.connections).toBe(2);
  });

  it('a hung dialog is ended by the caller: abort -> cancelled; a reply timeout -> ncalayer-timeout', async () => {
    const s = await sim();
    const c = clientFor(s);
    s.script('hang');
    const ctl = new AbortController();
    const p = c.sign({ documents: [docOf(randomBytes(16))], locale: 'ru', signal: ctl.signal });
    await waitFor(() => signRequests(s).length === 1);
    ctl.abort();
    expect((await failure(p)).kind).toBe('cancelled');
    const quick = clientFor(s, { replyTimeoutMs: 150 });
    s.script('hang');
    expect((await failure(quick.sign({ documents: [docOf(randomBytes(16))], locale: 'ru' }))).kind).toBe('ncalayer-timeout');
    expect(signRequests(s)).toHaveLength(2);
  });

  it('an abort while queued never sends', async () => {
    const s = await sim();
    const c = clientFor(s);
    s.script({ kind: 'delay', ms: 300 });
    const first = c.sign({ documents: [docOf(randomBytes(4))], locale: 'ru' });
    const ctl = new AbortController();
    const second = c.sign({ documents: [docOf(randomBytes(4))], locale: 'ru', signal: ctl.signal });
    ctl.abort();
    expect((await failure(second)).kind).toBe('cancelled');
    await first;
    expect(signRequests(s)).toHaveLength(1);
  });

  it('concurrent calls queue on one socket: one request in flight, each gets its own result', async () => {
    const s = await sim();
    const c = clientFor(s);
    s.script({ kind: 'delay', ms: 200 }, 'sign');
    const a = randomBytes(100);
    const b = randomBytes(200);
    const [ra, rb] = await Promise.all([c.sign({ documents: [docOf(a)], locale: 'ru' }), c.sign({ documents: [docOf(b)], locale: 'ru' })]);
    expect((await inspectCms(ra[0] as Buffer)).messageDigest).toEqual(sha256(a));
    expect((await inspectCms(rb[0] as Buffer)).messageDigest).toEqual(sha256(b));
    const reqs = signRequests(s);
    expect(reqs.map((r) => r.documents[0]?.size)).toEqual([100, 200]);
    // the second request arrived only after the first (delayed 200 ms) was answered
    expect((reqs[1] as { at: Date }).at.getTime() - (reqs[0] as { at: Date }).at.getTime()).toBeGreaterThanOrEqual(190);
    expect(s.stats.connections).toBe(1);
  });
});

describe('large files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ncalayer-big-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('32 MiB from a file stream goes as a fragmented text message; messageDigest = file SHA-256', async () => {
    const size = 32 * 1024 * 1024;
    const path = join(dir, 'big.bin');
    const bytes = randomBytes(size);
    writeFileSync(path, bytes);
    const expected = sha256(bytes);
    const s = await sim();
    const c = clientFor(s);
    await c.connect();
    const send = jest.spyOn(WebSocket.prototype, 'send');
    try {
      const [cms] = await c.sign({ documents: [{ size, open: () => createReadStream(path) }], locale: 'ru' });
      expect((await inspectCms(cms as Buffer)).messageDigest).toEqual(expected);
      // the client always passes options ({ fin }); the in-process simulator's replies pass none
      const frames = send.mock.calls
        .filter(([, opts]) => typeof opts === 'object' && opts !== null)
        .map(([data, opts]) => ({
          len: typeof data === 'string' || Buffer.isBuffer(data) ? data.length : -1,
          fin: (opts as { fin?: boolean }).fin,
        }));
      // many text fragments, none near the size of the file, exactly one final frame
      expect(frames.length).toBeGreaterThan(100);
      expect(frames.every((f) => f.len > 0 && f.len < 1024 * 1024)).toBe(true);
      expect(frames.filter((f) => f.fin !== false)).toHaveLength(1);
      expect(frames[frames.length - 1]?.fin).toBe(true);
    } finally {
      send.mockRestore();
    }
    expect(signRequests(s)[0]?.documents[0]).toEqual({ size, sha256: expected.toString('hex') });
  }, 60_000);

  it('a file that shrinks while it is read is file-changed, and the half-sent request is abandoned', async () => {
    const s = await sim();
    const c = clientFor(s);
    const e = await failure(c.sign({ documents: [{ size: 10, open: () => Readable.from([Buffer.alloc(5)]) }], locale: 'ru' }));
    expect(e.kind).toBe('file-changed');
    await c.sign({ documents: [docOf(randomBytes(10))], locale: 'ru' });
    expect(signRequests(s)).toHaveLength(1);
  });

  it('abort while a document is still being read closes the file and abandons the half-sent request', async () => {
    const s = await sim();
    const c = clientFor(s);
    const stalled = new Readable({ read() {} });
    stalled.push(randomBytes(300 * 1024)); // more than one fragment goes out, then the source stalls
    const ctl = new AbortController();
    const p = c.sign({ documents: [{ size: 10 * 1024 * 1024, open: () => stalled }], locale: 'ru', signal: ctl.signal });
    await waitFor(() => stalled.readableLength === 0); // everything pushed was read and sent
    ctl.abort();
    expect((await failure(p)).kind).toBe('cancelled');
    expect(stalled.destroyed).toBe(true);
    await c.sign({ documents: [docOf(randomBytes(10))], locale: 'ru' });
    expect(signRequests(s)).toHaveLength(1);
  });
});

describe('legacy commonUtils fallback', () => {
  it('when basics is missing: getActiveTokens, then one createCAdESFromBase64 per document', async () => {
    const s = await sim();
    const c = clientFor(s);
    s.script({ kind: 'error', code: 'MODULE_NOT_FOUND', message: 'module kz.gov.pki.knca.basics not found' });
    const docs = [randomBytes(50), randomBytes(70)];
    const result = await c.sign({ documents: docs.map(docOf), locale: 'ru' });
    const digests = await Promise.all(result.map(async (der) => (await inspectCms(der)).messageDigest));
    expect(digests).toEqual(docs.map(sha256));
    expect(s.requests.map((r) => r.method)).toEqual([
      'getVersion',
      'sign',
      'getActiveTokens',
      'createCAdESFromBase64',
      'createCAdESFromBase64',
    ]);
    expect(s.requests[3]?.args).toEqual(['AKKaztokenStore', 'SIGNATURE', '[data omitted]', false]);
    // remembered: the next call goes straight to the legacy module
    await c.sign({ documents: [docOf(randomBytes(5))], locale: 'ru' });
    expect(s.requests.slice(5).map((r) => r.method)).toEqual(['getActiveTokens', 'createCAdESFromBase64']);
  });

  it('no token plugged in: the key file storage; action.canceled is cancelled', async () => {
    const s = await sim({ activeTokens: [] });
    const c = clientFor(s);
    s.script({ kind: 'error', code: 'MODULE_NOT_FOUND' }, 'sign', 'cancel');
    expect((await failure(c.sign({ documents: [docOf(randomBytes(5))], locale: 'ru' }))).kind).toBe('cancelled');
    expect(s.requests.at(-1)?.args).toEqual(['PKCS12', 'SIGNATURE', '[data omitted]', false]);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
