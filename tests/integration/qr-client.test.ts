/**
 * The QR (eGov mobile) part of SigexClient against the SIGEX simulator's scripted phone:
 * create -> send data -> wait for signatures, declines and expiry as sigex-error, and the
 * bounded retries with backoff on dropped connections.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SigexClient, type QrDocument } from '../../src-main/core/sigex/client';
import { inspectCms } from '../simulators/cms';
import { startSigexSimulator, type SigexSim } from '../simulators/sigex-sim';
import { closedPort, failure } from '../support/test-utils';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const qrDoc = (name: string, bytes: Buffer, mime = 'application/pdf'): QrDocument => ({ name, mime, base64: bytes.toString('base64') });
const FAST = { retries: 3, backoffMs: 20 };

let sim: SigexSim;
let client: SigexClient;

beforeAll(async () => {
  sim = await startSigexSimulator({ qrTtlMs: 3000 });
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.reset();
  client = new SigexClient({ baseUrl: sim.url, timeoutMs: 5000 });
});

describe('QR signing', () => {
  it('create -> send -> wait: one detached CMS per document, in order', async () => {
    const before = Date.now();
    const op = await client.createQr('a.pdf, b.txt');
    expect(op.qrCode.length).toBeGreaterThan(100);
    expect(Buffer.from(op.qrCode, 'base64').length).toBeGreaterThan(50);
    expect(op.dataURL.startsWith(`${sim.url}/api/egovQr/`)).toBe(true);
    expect(op.signURL.startsWith(`${sim.url}/api/egovQr/`)).toBe(true);
    expect(op.eGovMobileLaunchLink).toMatch(/^https:\/\//);
    expect(op.eGovBusinessLaunchLink).toMatch(/^https:\/\//);
    expect(op.expireAt).toBeGreaterThan(before);

    const a = randomBytes(2000);
    const b = randomBytes(10);
    await client.sendQrData(op.dataURL, [qrDoc('a.pdf', a), qrDoc('b.txt', b, 'text/plain')]);
    const sent = sim.requests.find((r) => r.route === 'qrData')?.body as { signMethod: string; documentsToSign: unknown[] };
    expect(sent.signMethod).toBe('CMS_SIGN_ONLY');
    expect(sent.documentsToSign[0]).toMatchObject({
      id: 1,
      nameRu: 'a.pdf',
      nameKz: 'a.pdf',
      nameEn: 'a.pdf',
      meta: [{ value: 'a.pdf' }],
      document: { file: { mime: '@file/pdf' } },
    });
    expect(sent.documentsToSign[1]).toMatchObject({ id: 2, document: { file: { mime: '' } } });

    const signatures = await client.waitQrSignatures(op.signURL);
    expect(signatures).toHaveLength(2);
    const infos = await Promise.all(signatures.map((s) => inspectCms(Buffer.from(s, 'base64'))));
    expect(infos.map((i) => i.messageDigest)).toEqual([sha256(a), sha256(b)]);
    expect(infos.every((i) => i.signatureValid && i.encapsulatedContent === undefined)).toBe(true);
  });

  it('the phone declines: the wait ends with sigex-error and the decline key', async () => {
    sim.setPhone({ action: 'decline' });
    const op = await client.createQr('a.pdf');
    await client.sendQrData(op.dataURL, [qrDoc('a.pdf', randomBytes(5))]);
    const e = await failure(client.waitQrSignatures(op.signURL));
    expect(e.kind).toBe('sigex-error');
    expect(e.info.sigexKey).toBe('eGov mobile data exchange failed');
  });

  it('nobody scans before expiry: sending ends with QR signing operation timeout', async () => {
    const short = await startSigexSimulator({ qrTtlMs: 1000, phone: { action: 'noScan' } });
    try {
      const c = new SigexClient({ baseUrl: short.url });
      const op = await c.createQr('a.pdf');
      const e = await failure(c.sendQrData(op.dataURL, [qrDoc('a.pdf', randomBytes(5))]));
      expect(e.kind).toBe('sigex-error');
      // on a loaded machine the data may arrive after expiry: "not active" is the same story
      expect(['QR signing operation timeout', 'QR signing operation is not active']).toContain(e.info.sigexKey);
      // SIGEX held the request until the operation expired (its clock, not ours)
      if (e.info.sigexKey === 'QR signing operation timeout') expect(Date.now()).toBeGreaterThanOrEqual(op.expireAt - 50);
    } finally {
      await short.stop();
    }
  });

  it('SIGEX refusing the operation is sigex-error (not retried)', async () => {
    sim.fault('egovQr', { sigexError: 'Too much users use QR signing' });
    const e = await failure(client.createQr('a.pdf'));
    expect(e.info.sigexKey).toBe('Too much users use QR signing');
    expect(sim.requests.filter((r) => r.route === 'egovQr')).toHaveLength(1);
  });
});

describe('retries', () => {
  it('a dropped connection on both long calls is retried with backoff and the flow completes', async () => {
    const op = await client.createQr('a.pdf');
    const content = randomBytes(300);
    sim.fault('qrData', { dropAfterBody: true });
    const retries: number[] = [];
    await client.sendQrData(op.dataURL, [qrDoc('a.pdf', content)], { ...FAST, onRetry: (n) => retries.push(n) });
    expect(retries).toEqual([1]);
    sim.fault('qrSign', { dropAfterBody: true });
    const signatures = await client.waitQrSignatures(op.signURL, { ...FAST, onRetry: (n) => retries.push(n) });
    expect(retries).toEqual([1, 1]);
    expect((await inspectCms(Buffer.from(signatures[0] as string, 'base64'))).messageDigest).toEqual(sha256(content));
    expect(sim.requests.filter((r) => r.route === 'qrData')).toHaveLength(2);
    expect(sim.requests.filter((r) => r.route === 'qrSign')).toHaveLength(2);
  });

  it('retries are bounded: after retries + 1 attempts the network error surfaces', async () => {
    const port = await closedPort();
    const down = new SigexClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000 });
    const attempts: number[] = [];
    const started = Date.now();
    const e = await failure(
      down.waitQrSignatures(`http://127.0.0.1:${port}/api/egovQr/x`, { retries: 2, backoffMs: 50, onRetry: (n) => attempts.push(n) }),
    );
    expect(e.kind).toBe('network');
    expect(attempts).toEqual([1, 2]);
    // 50, then doubled; the shared policy's jitter takes up to 20 % off each pause
    expect(Date.now() - started).toBeGreaterThanOrEqual((50 + 100) * 0.8);
  });

  it('SIGEX errors are final: no retry', async () => {
    const op = await client.createQr('a.pdf');
    sim.fault('qrData', { sigexError: 'eGov mobile data exchange failed' });
    const retries: number[] = [];
    const e = await failure(client.sendQrData(op.dataURL, [qrDoc('a.pdf', randomBytes(5))], { ...FAST, onRetry: (n) => retries.push(n) }));
    expect(e.info.sigexKey).toBe('eGov mobile data exchange failed');
    expect(retries).toEqual([]);
  });

  it('abort during the backoff is cancelled at once', async () => {
    const ctl = new AbortController();
    const port = await closedPort();
    const down = new SigexClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000 });
    const p = down.waitQrSignatures(`http://127.0.0.1:${port}/x`, {
      retries: 5,
      backoffMs: 10_000,
      signal: ctl.signal,
      onRetry: () => ctl.abort(),
    });
    const started = Date.now();
    expect((await failure(p)).kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('addresses on another server are refused before any request', async () => {
    const port = await closedPort();
    const before = sim.requests.length;
    for (const call of [
      () => client.waitQrSignatures(`http://127.0.0.1:${port}/api/egovQr/x`, { retries: 0 }),
      () => client.sendQrData(`https://evil.example/api/egovQr/x`, [qrDoc('a.pdf', randomBytes(5))]),
    ]) {
      expect(await failure(call())).toMatchObject({ kind: 'sigex-server' });
    }
    expect(sim.requests.length).toBe(before);
  });

  it('abort during the long wait is cancelled', async () => {
    sim.setPhone({ action: 'ignore' });
    const op = await client.createQr('a.pdf');
    await client.sendQrData(op.dataURL, [qrDoc('a.pdf', randomBytes(5))]);
    const ctl = new AbortController();
    const p = client.waitQrSignatures(op.signURL, { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 100);
    expect((await failure(p)).kind).toBe('cancelled');
  });
});
