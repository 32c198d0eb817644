/**
 * eGov mobile / eGov Business QR signing through the SIGEX simulator's scripted phone.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fsp } from 'node:fs';
import { QR_MAX_FILE_BYTES } from '../../src-main/core/signing/qr';
import type { JobView } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { inspectCms } from '../simulators/cms';
import { startHarness, writeWorkFile, type Harness, type HarnessOptions } from '../support/harness';
import { noOptions, startCore } from '../support/core';

jest.setTimeout(30_000);

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let h: Harness;
let core: CoreServices;

async function setup(o: HarnessOptions = {}): Promise<void> {
  // NCALayer is absent: the QR path is the fallback.
  h = await startHarness({ ncalayer: false, ...o });
  core = await startCore(h, { systemLanguage: 'ru' });
}
afterEach(() => h?.stop());

async function signQr(files: string[], onUpdate?: (v: JobView, cancel: () => void) => void) {
  const handles: string[] = [];
  for (const f of files) handles.push((await core.files.add(f)).handle);
  const updates: JobView[] = [];
  const started = core.signing.start({ handles, method: 'qr', options: noOptions }, (v) => {
    updates.push(v);
    onUpdate?.(v, () => core.signing.cancel(started.jobId));
  });
  const job = await started.done;
  return { view: job.view(), updates };
}

describe('QR signing with eGov mobile', () => {
  test('success: QR shown, spent after the phone fetched, registered like NCALayer, copy saved', async () => {
    await setup({ sigex: { phone: { action: 'sign', fetchDelayMs: 100, signDelayMs: 100 } } });
    const file = await writeWorkFile(h, 'Приказ.pdf', '%PDF qr document');
    const { view, updates } = await signQr([file]);
    expect(view.phase).toBe('done');
    const shown = updates.find((u) => u.phase === 'qr-scan' && u.qr);
    expect(shown?.qr).toMatchObject({ spent: false, image: expect.stringMatching(/^data:image\/(gif|png);base64,/) });
    expect(shown!.qr!.eGovMobileLaunchLink).toMatch(/^https:\/\//);
    expect(shown!.qr!.expireAt).toBeGreaterThan(Date.now());
    expect(updates.some((u) => u.phase === 'qr-waiting' && u.qr?.spent)).toBe(true);
    const f = view.files[0]!;
    expect(f.status).toBe('registered');
    const doc = h.sigex.document(f.documentId!)!;
    expect(doc.dataSha256).toBe(sha('%PDF qr document'));
    const info = await inspectCms(doc.signatures[0]!.cms);
    expect(info.signatureValid).toBe(true);
    expect(info.messageDigest.toString('hex')).toBe(sha('%PDF qr document'));
    expect(f.copy?.saved).toBe(true);
    // PDFs go with the PDF mime type
    const dataReq = h.sigex.requests.find((r) => r.route === 'qrData');
    expect(JSON.stringify(dataReq?.body)).toContain('@file/pdf');
  });

  test('the phone declines: a clear error, nothing registered', async () => {
    await setup({ sigex: { phone: { action: 'decline', fetchDelayMs: 50, signDelayMs: 50 } } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await signQr([file]);
    expect(view.phase).toBe('failed');
    expect(view.error).toMatchObject({ kind: 'qr-declined', sigexKey: 'eGov mobile data exchange failed' });
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('nobody scans before expiry: qr-expired, nothing registered', async () => {
    await setup({ sigex: { qrTtlMs: 400, phone: { action: 'noScan' } } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await signQr([file]);
    expect(view.error?.kind).toBe('qr-expired');
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('the phone never signs: the wait ends as expired', async () => {
    await setup({ sigex: { qrTtlMs: 500, phone: { action: 'ignore', fetchDelayMs: 20 } } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await signQr([file]);
    expect(view.error?.kind).toBe('qr-expired');
  });

  test('a dropped connection while waiting for the signature is retried and recovers', async () => {
    await setup({ sigex: { phone: { action: 'sign', fetchDelayMs: 20, signDelayMs: 300 } } });
    h.sigex.fault('qrSign', { dropAfterBody: true });
    const file = await writeWorkFile(h, 'a.pdf', 'recover');
    const { view } = await signQr([file]);
    expect(view.files[0]!.status).toBe('registered');
    expect(h.sigex.requests.filter((r) => r.route === 'qrSign').length).toBeGreaterThanOrEqual(2);
  });

  test('cancel while the QR is shown: nothing registered', async () => {
    await setup({ sigex: { phone: { action: 'noScan' } } });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await signQr([file], (v, cancel) => {
      if (v.phase === 'qr-scan' && v.qr) cancel();
    });
    expect(view.phase).toBe('cancelled');
    expect(h.sigex.documents()).toHaveLength(0);
  });

  test('SIGEX busy: "Too much users use QR signing" comes back readable', async () => {
    await setup();
    h.sigex.fault('egovQr', { sigexError: 'Too much users use QR signing' });
    const file = await writeWorkFile(h, 'a.pdf', 'x');
    const { view } = await signQr([file]);
    expect(view.error).toMatchObject({ kind: 'sigex-error', sigexKey: 'Too much users use QR signing' });
  });

  test('a QR answer pointing at another server: the file is never posted there, nothing registered', async () => {
    await setup();
    const seen: string[] = [];
    const evil = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      res.end('{}');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    try {
      const evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
      h.sigex.fault('egovQr', { foreignOrigin: evilOrigin });
      const file = await writeWorkFile(h, 'contract.pdf', '%PDF secret contents');
      const { view } = await signQr([file]);
      expect(view.phase).toBe('failed');
      expect(view.error).toMatchObject({ kind: 'sigex-server', details: evilOrigin });
      expect(seen).toEqual([]);
      expect(h.sigex.requests.filter((r) => r.route === 'qrData' || r.route === 'register')).toEqual([]);
    } finally {
      await new Promise((r) => evil.close(r));
    }
  });

  test('a file too large for the QR path is refused before anything is sent', async () => {
    await setup();
    const file = await writeWorkFile(h, 'huge.pdf', Buffer.alloc(QR_MAX_FILE_BYTES + 1));
    const { view } = await signQr([file]);
    expect(view.files[0]!.error).toMatchObject({ kind: 'file-too-large' });
    expect(h.sigex.requests.filter((r) => r.route === 'egovQr')).toHaveLength(0);
    await fsp.rm(file);
  });
});
