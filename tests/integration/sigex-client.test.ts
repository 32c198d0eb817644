/**
 * SigexClient against the SIGEX simulator over real HTTP: registration + streamed upload,
 * every error mapping, e-mail outcomes, the other document calls. Assertions look at what the
 * simulator received (Content-Length, bytes, stored digests) as well as what the client returned.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { Duplex, Readable } from 'node:stream';
import { readChunks } from '../../src-main/core/files';
import { SigexClient, type RegisterRequest } from '../../src-main/core/sigex/client';
import { loadPki } from '../simulators/cms';
import { startSigexSimulator, type SigexSim } from '../simulators/sigex-sim';
import { ERROR_MESSAGES } from '../simulators/sigex-strings';
import { sign } from '../simulators/sigex-test-client';
import { failure } from '../support/test-utils';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const sourceOf = (bytes: Buffer) => ({ size: bytes.length, open: () => Readable.from([bytes]) });

const SETTINGS: RegisterRequest['settings'] = {
  private: false,
  signaturesLimit: 0,
  switchToPrivateAfterLimitReached: false,
  unique: [],
  strictSignersRequirements: false,
  signersRequirements: [],
  documentAccess: [],
};

async function registerBody(content: Buffer, o: { emails?: string[]; signer?: 'individual' | 'employee' } = {}): Promise<RegisterRequest> {
  return {
    title: 'report.pdf',
    description: 'report.pdf',
    signType: 'cms',
    signature: await sign(o.signer ?? 'individual', content),
    ...(o.emails ? { emailNotifications: { to: o.emails } } : {}),
    settings: SETTINGS,
  };
}

/**
 * An HTTP agent whose connections carry `bytesPerMs`: each write the client makes is passed on
 * (and its callback called) once its bytes would have crossed the link, as a socket's write does
 * once a slow link has taken the bytes its buffers could not hold.
 */
function slowLinkAgent(bytesPerMs: number): Agent {
  const agent = new Agent({ keepAlive: false });
  (agent as unknown as { createConnection: (o: { host: string; port: number }) => Duplex }).createConnection = (o) => {
    const tcp = connect(o.port, o.host);
    const link = new Duplex({
      write(chunk: Buffer, _encoding, done) {
        setTimeout(() => tcp.write(chunk, done), Math.ceil(chunk.length / bytesPerMs));
      },
      final(done) {
        tcp.end();
        done();
      },
      read() {
        tcp.resume();
      },
      destroy(e, done) {
        tcp.destroy();
        done(e);
      },
    });
    tcp.on('data', (c: Buffer) => {
      if (!link.push(c)) tcp.pause();
    });
    tcp.on('end', () => link.push(null));
    tcp.on('error', (e) => link.destroy(e));
    return link;
  };
  return agent;
}

let sim: SigexSim;
let client: SigexClient;
let dir: string;

beforeAll(async () => {
  sim = await startSigexSimulator();
  dir = mkdtempSync(join(tmpdir(), 'sigex-client-'));
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.reset();
  client = new SigexClient({ baseUrl: sim.url, timeoutMs: 5000, userAgent: 'SIGEX-Desktop-test' });
});

describe('register + upload', () => {
  it('streams the file from disk with an exact Content-Length and progress', async () => {
    const size = 5 * 1024 * 1024 + 7;
    const bytes = randomBytes(size);
    const path = join(dir, 'report.pdf');
    writeFileSync(path, bytes);
    const { documentId, signId } = await client.register(await registerBody(bytes));
    expect(documentId).toMatch(/^[A-Za-z0-9]+$/);
    expect(signId).toBe(1);
    const progress: Array<[number, number]> = [];
    const result = await client.uploadData(
      documentId,
      { size, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) },
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    expect(result).toMatchObject({ documentId, signedDataSize: size, digests: { [SHA256_OID]: sha256(bytes).toString('base64') } });
    expect(result.dataArchived).toBe(false);
    // progress: many steps, increasing, ending at the total
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every(([, t]) => t === size)).toBe(true);
    expect(progress.every(([s], i) => i === 0 || s > (progress[i - 1] as [number, number])[0])).toBe(true);
    expect(progress.at(-1)).toEqual([size, size]);
    // what the service saw
    const upload = sim.requests.find((r) => r.route === 'data');
    expect(upload).toMatchObject({ contentLength: size, bytes: size });
    expect(sim.document(documentId)).toMatchObject({ dataUploaded: true, dataSha256: sha256(bytes).toString('hex') });
    const reg = sim.requests.find((r) => r.route === 'register');
    expect(reg?.body).toMatchObject({ title: 'report.pdf', signType: 'cms', settings: SETTINGS });
  });

  it('chunks read into one reused buffer (readChunks) arrive intact: each is written before the next is read', async () => {
    const size = 20 * 1024 * 1024 + 7;
    const bytes = randomBytes(size);
    const path = join(dir, 'reused.pdf');
    writeFileSync(path, bytes);
    const { documentId } = await client.register(await registerBody(bytes));
    // SIGEX reads the body late: the socket fills up and writes have to wait.
    sim.fault('data', { delayMs: 300 });
    let chunks = 0;
    const buffers = new Set<ArrayBufferLike>();
    async function* counted() {
      for await (const c of readChunks(path, size)) {
        chunks++;
        buffers.add(c.buffer);
        yield c;
      }
    }
    await client.uploadData(documentId, { size, open: counted });
    expect(chunks).toBe(21);
    expect(buffers.size).toBe(1);
    expect(sim.document(documentId)).toMatchObject({ dataUploaded: true, dataSha256: sha256(bytes).toString('hex') });
  });

  it('a slow link that keeps moving: a 1 MiB chunk slower to leave than the timeout still uploads (the timeout is a pause, not a chunk)', async () => {
    // 1 MiB + 7 bytes over a link of 512 bytes/ms: the first 1 MiB chunk needs ~2 s to leave,
    // with bytes going out all the time; the timeout (1.8 s) is for a link that stopped (a 256 KiB slice takes 0.5 s).
    const size = 1024 * 1024 + 7;
    const bytes = randomBytes(size);
    const path = join(dir, 'slow-link.pdf');
    writeFileSync(path, bytes);
    const { documentId } = await client.register(await registerBody(bytes));
    const slow = new SigexClient({ baseUrl: sim.url, timeoutMs: 1800, agentFor: () => slowLinkAgent(512) });
    const result = await slow.uploadData(documentId, { size, open: () => readChunks(path, size) });
    expect(result.signedDataSize).toBe(size);
    expect(sim.document(documentId)).toMatchObject({ dataUploaded: true, dataSha256: sha256(bytes).toString('hex') });
  });

  it('an early answer ends a chunk source (its file is closed)', async () => {
    const small = await startSigexSimulator({ maxDataBytes: 1000 });
    try {
      const c = new SigexClient({ baseUrl: small.url, timeoutMs: 5000 });
      const bytes = randomBytes(20 * 1024 * 1024);
      const { documentId } = await c.register(await registerBody(bytes));
      let closed = false;
      async function* source() {
        try {
          for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
        } finally {
          closed = true;
        }
      }
      const e = await failure(c.uploadData(documentId, { size: bytes.length, open: source }));
      expect(e.info.sigexKey).toBe('Request body is too large');
      await new Promise((r) => setTimeout(r, 50));
      expect(closed).toBe(true);
    } finally {
      await small.stop();
    }
  });

  it('a file that changed size since signing fails as file-changed before SIGEX accepts it', async () => {
    const bytes = randomBytes(1000);
    const { documentId } = await client.register(await registerBody(bytes));
    const e = await failure(client.uploadData(documentId, { size: 1001, open: () => Readable.from([bytes]) }));
    expect(e.kind).toBe('file-changed');
    expect(sim.document(documentId)?.dataUploaded).toBe(false);
  });

  it('other bytes than the signed ones: sigex-error with the key and the ru text', async () => {
    const { documentId } = await client.register(await registerBody(Buffer.from('signed')));
    const e = await failure(client.uploadData(documentId, sourceOf(Buffer.from('другое'))));
    expect(e.kind).toBe('sigex-error');
    expect(e.info.sigexKey).toBe('Signature does not correspond to the document');
    expect(e.info.sigexText).toBe(ERROR_MESSAGES['Signature does not correspond to the document']?.ru);
  });

  it('an early answer while the body is still streaming (too large) is read, and the file is closed', async () => {
    const small = await startSigexSimulator({ maxDataBytes: 1000 });
    try {
      const c = new SigexClient({ baseUrl: small.url, timeoutMs: 5000 });
      const bytes = randomBytes(20 * 1024 * 1024);
      const { documentId } = await c.register(await registerBody(bytes));
      const file = Readable.from(
        (function* () {
          for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
        })(),
      );
      let sent = 0;
      const e = await failure(c.uploadData(documentId, { size: bytes.length, open: () => file }, { onProgress: (n) => (sent = n) }));
      expect(e.info.sigexKey).toBe('Request body is too large');
      expect(sent).toBeLessThan(bytes.length);
      expect(file.destroyed).toBe(true);
    } finally {
      await small.stop();
    }
  });

  it('abort during the upload is cancelled', async () => {
    const bytes = randomBytes(64 * 1024);
    const { documentId } = await client.register(await registerBody(bytes));
    const ctl = new AbortController();
    const slow = new Readable({ read() {} });
    slow.push(bytes.subarray(0, 1024));
    const p = client.uploadData(
      documentId,
      { size: bytes.length, open: () => slow },
      { signal: ctl.signal, onProgress: () => ctl.abort() },
    );
    expect((await failure(p)).kind).toBe('cancelled');
    expect(slow.destroyed).toBe(true);
  });
});

describe('e-mail outcome', () => {
  const upload = async (content: Buffer, emails?: string[], signer: 'individual' | 'employee' = 'individual') => {
    const { documentId } = await client.register(await registerBody(content, { ...(emails ? { emails } : {}), signer }));
    return client.uploadData(documentId, sourceOf(content));
  };

  it('attached / not-attached / not-sent, raw answer kept', async () => {
    const attached = await upload(randomBytes(100), ['a@b.kz']);
    expect(attached.emailOutcome).toBe('attached');
    expect(attached.emailNotifications).toEqual({ attached: true });
    sim.setEmail({ attachLimitBytes: 10 });
    expect((await upload(randomBytes(100), ['a@b.kz'])).emailOutcome).toBe('not-attached');
    sim.setEmail({ failWith: 'Failed to send email notifications' });
    const failed = await upload(randomBytes(100), ['a@b.kz']);
    expect(failed.emailOutcome).toBe('not-sent');
    expect(failed.emailNotifications).toEqual({ attached: false, message: 'Failed to send email notifications' });
    expect((await upload(randomBytes(100))).emailOutcome).toBe('not-sent');
  });

  it('the certificate e-mail is reported the first time SIGEX sees the signer', async () => {
    const first = await upload(randomBytes(10));
    expect(first.certificateEmail).toBe(loadPki().signers.individual.email);
    const second = await upload(randomBytes(10));
    expect(second.certificateEmail).toBeUndefined();
  });
});

describe('error mapping', () => {
  it('HTTP 200 + message: sigex-error with key, ru text and description', async () => {
    sim.fault('register', { sigexError: 'OCSP server problem' });
    const e = await failure(client.register(await registerBody(Buffer.from('x'))));
    expect(e.kind).toBe('sigex-error');
    expect(e.info).toMatchObject({
      sigexKey: 'OCSP server problem',
      sigexText: ERROR_MESSAGES['OCSP server problem']?.ru,
      sigexDescription: ERROR_MESSAGES['OCSP server problem']?.description,
    });
    expect(e.info.details).toMatch(/^requestID \d+$/);
    sim.fault('register', { rateLimit: true });
    expect((await failure(client.register(await registerBody(Buffer.from('x'))))).info.sigexKey).toBe('Request rate limit reached');
  });

  it.each([500, 502, 503] as const)('HTTP %i: sigex-server with the status', async (status) => {
    sim.fault('register', { status });
    const e = await failure(client.register(await registerBody(Buffer.from('x'))));
    expect(e.kind).toBe('sigex-server');
    expect(e.info.code).toBe(String(status));
  });

  it('a dropped connection is network; the register was applied (the caller decides what next)', async () => {
    sim.fault('register', { dropAfterBody: true });
    const e = await failure(client.register(await registerBody(Buffer.from('x'))));
    expect(e.kind).toBe('network');
    expect(sim.documents()).toHaveLength(1);
    // and it is not retried behind the caller's back
    expect(sim.requests.filter((r) => r.route === 'register')).toHaveLength(1);
  });

  it('a dropped upload is network', async () => {
    const bytes = randomBytes(2000);
    const { documentId } = await client.register(await registerBody(bytes));
    sim.fault('data', { dropAfterBody: true });
    expect((await failure(client.uploadData(documentId, sourceOf(bytes)))).kind).toBe('network');
  });

  it('no answer in time is timeout (JSON calls and uploads)', async () => {
    const quick = new SigexClient({ baseUrl: sim.url, timeoutMs: 200 });
    sim.fault('register', { hang: true });
    expect((await failure(quick.register(await registerBody(Buffer.from('x'))))).kind).toBe('timeout');
    const bytes = randomBytes(3 * 1024 * 1024);
    const { documentId } = await client.register(await registerBody(bytes));
    sim.fault('data', { hang: true });
    expect((await failure(quick.uploadData(documentId, sourceOf(bytes)))).kind).toBe('timeout');
  });

  it('nothing listening is network', async () => {
    const port = sim.port;
    const dead = await startSigexSimulator();
    const deadUrl = dead.url;
    await dead.stop();
    expect(port).not.toBe(dead.port);
    const e = await failure(new SigexClient({ baseUrl: deadUrl, timeoutMs: 2000 }).version());
    expect(e.kind).toBe('network');
    expect(e.info.code).toBe('ECONNREFUSED');
  });
});

describe('other calls', () => {
  it('getDocument, addSignature, buildFileName, version, strings', async () => {
    const content = randomBytes(300);
    const { documentId } = await client.register(await registerBody(content));
    await client.uploadData(documentId, sourceOf(content));
    const added = await client.addSignature(documentId, await sign('employee', content));
    expect(added).toEqual({ documentId, signId: 2 });
    const info = await client.getDocument(documentId);
    expect(info).toMatchObject({ title: 'report.pdf', signedDataSize: 300, signaturesTotal: 2 });
    expect(info.signatures.map((s) => s.signId)).toEqual([1, 2]);
    expect((await client.getDocument(documentId, { lastSignId: 1 })).signatures.map((s) => s.signId)).toEqual([2]);
    expect(await client.buildFileName(documentId, 'report.v2.pdf')).toBe(`report.v2-SigexId${documentId}.pdf`);
    expect(await client.version()).toBe('3.0.0-sim');
    const strings = await client.strings();
    expect(strings?.errorMessages['Document not found']?.ru).toBe(ERROR_MESSAGES['Document not found']?.ru);
    expect(strings?.consts).toBeDefined();
    const e = await failure(client.getDocument('NoSuchDocument1'));
    expect(e.info).toMatchObject({ sigexKey: 'Document not found', sigexText: ERROR_MESSAGES['Document not found']?.ru });
  });

  it('a failing /api/strings does not hide the error key, and is retried later', async () => {
    sim.fault('strings', { status: 502 });
    const e = await failure(client.getDocument('NoSuchDocument1'));
    expect(e.info.sigexKey).toBe('Document not found');
    expect(e.info.sigexText).toBeUndefined();
    const again = await failure(client.getDocument('NoSuchDocument1'));
    expect(again.info.sigexText).toBe(ERROR_MESSAGES['Document not found']?.ru);
    expect(sim.requests.filter((r) => r.route === 'strings')).toHaveLength(2);
  });
});
