/**
 * Co-signing by eGov QR when nobody scans the QR in time: the expired QR is replaced by a new
 * one automatically, a bounded number of times, and each QR says how many renewals came
 * before it (the screen shows it). Against the SIGEX simulator's QR / scripted phone flow
 * with a short QR lifetime.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { cosignFiles, QR_MAX_RENEWALS, qrExchangeRenewing } from '../../src-main/core/cosign/cosign';
import { createHandlers, type HostPorts } from '../../src-main/ipc/handlers';
import { SigexClient } from '../../src-main/core/sigex/client';
import type { QrView } from '../../src-shared/model';
import { startHarness, type Harness } from '../support/harness';
import { startCore } from '../support/core';
import { cosignContext, receivedFile } from '../support/cosign';

jest.setTimeout(30_000);

/** The QR lifetime until a test says otherwise: short, so that nobody scanning it is quick. */
const TTL_MS = 1500;

let h: Harness;
let sigex: SigexClient;
beforeAll(async () => {
  h = await startHarness({ ncalayer: false, sigex: { qrTtlMs: TTL_MS } });
  sigex = new SigexClient({ baseUrl: h.sigex.url });
});
afterAll(() => h.stop());
beforeEach(() => h.sigex.reset());

const ctx = () => cosignContext(h, sigex);

const received = (content: string, name: string) => receivedFile(h, content, name);

const qrCreated = () => h.sigex.requests.filter((q) => q.route === 'egovQr').length;

test('an unscanned QR that expires is replaced by a new one; the phone signs the new one and the signature is added', async () => {
  const { id, file } = await received('renewed qr', 'renew');
  h.sigex.setPhone({ action: 'noScan' });
  const seen: QrView[] = [];
  const qr = {
    onQr: (q: QrView) => {
      seen.push(q);
      // The first QR expires unscanned; the next ones live long enough for a loaded machine.
      if (seen.length === 1) h.sigex.setQrTtl(60_000);
      // The second QR is scanned (the phone script applies to the data sent after this).
      if (seen.length === 2) h.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 20, signDelayMs: 20 });
    },
    onSpent: () => undefined,
  };
  const [r] = await cosignFiles([file], { ...ctx(), qr });
  expect(r?.error).toBeUndefined();
  expect(r).toMatchObject({ status: 'cosigned', documentId: id });
  expect(seen.map((q) => q.renewals)).toEqual([
    { done: 0, max: QR_MAX_RENEWALS },
    { done: 1, max: QR_MAX_RENEWALS },
  ]);
  expect(seen[1]!.expireAt).toBeGreaterThan(seen[0]!.expireAt);
  expect(qrCreated()).toBe(2);
  expect(h.sigex.document(id)!.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
});

test('renewals are bounded: once the last allowed new QR expires unscanned too, the co-signature ends as qr-expired, nothing added', async () => {
  const { id, file } = await received('never scanned', 'never');
  h.sigex.setPhone({ action: 'noScan' });
  const seen: QrView[] = [];
  const documents = [{ name: path.basename(file), mime: '@file/pdf', base64: (await fsp.readFile(file)).toString('base64') }];
  const hooks = { onQr: (q: QrView) => void seen.push(q), onSpent: () => undefined };
  // One renewal allowed here (the app allows QR_MAX_RENEWALS: see the first test's QRs).
  const run = qrExchangeRenewing(sigex, 'never scanned', documents, new AbortController().signal, hooks, 1);
  await expect(run).rejects.toMatchObject({ kind: 'qr-expired' });
  expect(seen.map((q) => q.renewals)).toEqual([
    { done: 0, max: 1 },
    { done: 1, max: 1 },
  ]);
  expect(qrCreated()).toBe(2);
  expect(h.sigex.requests.filter((q) => q.route === 'addSignature')).toHaveLength(0);
  expect(h.sigex.document(id)!.signatures).toHaveLength(1);
});

test('once the phone fetched the data, an expiry is not renewed (the signing is under way in eGov)', async () => {
  const { file } = await received('fetched, never signed', 'fetched');
  h.sigex.setPhone({ action: 'ignore', fetchDelayMs: 20 });
  let spent = 0;
  const [r] = await cosignFiles([file], { ...ctx(), qr: { onQr: () => undefined, onSpent: () => void spent++ } });
  expect(spent).toBe(1);
  expect(r).toMatchObject({ status: 'failed', error: { kind: 'qr-expired' } });
  expect(qrCreated()).toBe(1);
});

test('the app handlers: qrNext answers with the renewed QR (renewal 1 of the maximum), cancel ends the run', async () => {
  const core = await startCore(h);
  const handlers = createHandlers(core, { systemLanguage: 'en', log: () => undefined } as unknown as HostPorts, () => undefined);
  const { id, file } = await received('handlers renew', 'hrenew');
  h.sigex.setPhone({ action: 'noScan' });
  const { handle } = await core.files.add(file);
  const first = await handlers['cosign:qrStart']([handle]);
  h.sigex.setQrTtl(60_000); // the renewed QR stays until the test cancels it
  expect(first.qr).toMatchObject({ spent: false, renewals: { done: 0, max: QR_MAX_RENEWALS } });
  const renewed = await handlers['cosign:qrNext'](first.sessionId, first.version);
  expect(renewed.error).toBeUndefined();
  expect(renewed.qr).toMatchObject({ spent: false, renewals: { done: 1, max: QR_MAX_RENEWALS } });
  expect(renewed.qr!.expireAt).toBeGreaterThan(first.qr!.expireAt);
  await handlers['cosign:qrCancel'](renewed.sessionId);
  let s = renewed;
  while (!s.outcomes && !s.error) s = await handlers['cosign:qrNext'](s.sessionId, s.version);
  expect(s.outcomes).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ kind: 'cancelled' }) })]);
  expect(h.sigex.document(id)!.signatures).toHaveLength(1);
  await core.close();
});
