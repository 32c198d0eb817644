/**
 * SIGEX simulator: QR signing (eGov mobile / eGov Business) with the scripted phone.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { inspectCms } from './cms';
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { getJson, postJson, upload, type Json } from './sigex-test-client';

// Signing on the scripted phone is real RSA work; on a loaded CI machine it can take well
// over a second, so the shared simulator gives an operation a long life. Only the tests of
// expiry use a short-lived one of their own.
const TTL = 10_000;
const SHORT_TTL = 2000;
let sim: SigexSim;
let shortSim: SigexSim;
beforeAll(async () => {
  sim = await startSigexSimulator({ qrTtlMs: TTL });
  shortSim = await startSigexSimulator({ qrTtlMs: SHORT_TTL });
});
afterAll(async () => {
  await sim.stop();
  await shortSim.stop();
});
beforeEach(() => {
  sim.reset();
  shortSim.reset();
  sim.setPhone({ action: 'sign', fetchDelayMs: 50, signDelayMs: 50 });
});

const file = Buffer.from('%PDF-1.4 QR signed file');
const docs = (files: Buffer[] = [file]) => ({
  signMethod: 'CMS_SIGN_ONLY',
  documentsToSign: files.map((f, i) => ({
    id: i + 1,
    nameRu: `файл ${i + 1}.pdf`,
    nameKz: `файл ${i + 1}.pdf`,
    nameEn: `file ${i + 1}.pdf`,
    meta: [{ name: 'size', value: String(f.length) }],
    document: { file: { mime: '@file/pdf', data: f.toString('base64') } },
  })),
});
const startQr = (on: SigexSim = sim) => postJson(`${on.url}/api/egovQr`, { description: 'contract.pdf' });

test('registration answer: real QR image of the egov URL, deep links, expiry', async () => {
  const t = Date.now();
  const qr = await startQr();
  expect(Object.keys(qr).sort()).toEqual(['dataURL', 'eGovBusinessLaunchLink', 'eGovMobileLaunchLink', 'expireAt', 'qrCode', 'signURL']);
  expect(qr.dataURL).toMatch(new RegExp(`^${sim.url}/api/egovQr/[A-Za-z0-9]+$`));
  expect(qr.signURL).toBe(qr.dataURL);
  expect(qr.expireAt).toBeGreaterThanOrEqual(t + TTL);
  expect(qr.expireAt).toBeLessThan(t + TTL + 1000);
  const png = Buffer.from(qr.qrCode, 'base64');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const expected = await QRCode.toBuffer(`mobileSign:${qr.dataURL}`, { type: 'png', errorCorrectionLevel: 'M', margin: 2 });
  expect(png.equals(expected)).toBe(true);
  expect(qr.eGovMobileLaunchLink).toBe(
    `https://mgovsign.page.link/?link=${encodeURIComponent(qr.dataURL)}&isi=1476128386&ibi=kz.egov.mobile&apn=kz.mobile.mgov`,
  );
  expect(qr.eGovBusinessLaunchLink).toContain('https://egovbusiness.page.link/?link=');
  expect((await postJson(`${sim.url}/api/egovQr`, {})).message).toBe('Invalid JSON request structure');
});

test('sign: data blocks until the phone fetched, signatures are real detached CMS, then registration works', async () => {
  sim.setPhone({ action: 'sign', fetchDelayMs: 150, signDelayMs: 50 });
  const qr = await startQr();
  const t = Date.now();
  const sent = await postJson(qr.dataURL, docs());
  expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  expect(sent).toEqual({ expireAt: qr.expireAt, signURL: qr.signURL });
  const res = await getJson(qr.signURL);
  expect(res.signMethod).toBe('CMS_SIGN_ONLY');
  const d = res.documentsToSign[0] as Json;
  expect(d).toMatchObject({
    id: 1,
    nameRu: 'файл 1.pdf',
    meta: [{ name: 'size', value: String(file.length) }],
    document: { file: { mime: '@file/pdf' } },
  });
  const cms = Buffer.from(d.document.file.data, 'base64');
  const info = await inspectCms(cms);
  expect(info.signatureValid).toBe(true);
  expect(info.encapsulatedContent).toBeUndefined();
  expect(info.messageDigest.equals(createHash('sha256').update(file).digest())).toBe(true);
  expect(info.signer.iin).toBe('850515300125');
  expect(await getJson(qr.signURL)).toEqual(res); // the result can be read again (client retries)

  const reg = await postJson(`${sim.url}/api`, { title: 'a.pdf', description: 'a.pdf', signType: 'cms', signature: d.document.file.data });
  expect((await upload(sim, reg.documentId, file)).signedDataSize).toBe(file.length);
});

test('several documents, employee signer, CMS_WITH_DATA encapsulates', async () => {
  sim.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 10, signDelayMs: 10 });
  const files = [Buffer.from('one'), Buffer.from('two')];
  const qr = await startQr();
  await postJson(qr.dataURL, { ...docs(files), signMethod: 'CMS_WITH_DATA' });
  const res = await getJson(qr.signURL);
  expect(res.documentsToSign.map((x: Json) => x.id)).toEqual([1, 2]);
  for (const [i, x] of (res.documentsToSign as Json[]).entries()) {
    const info = await inspectCms(Buffer.from(x.document.file.data, 'base64'));
    expect(info.encapsulatedContent?.equals(files[i] as Buffer)).toBe(true);
    expect(info.signer.bin).toBe('150440012344');
  }
});

test('decline: signURL answers an error key (no requestID on QR routes)', async () => {
  sim.setPhone({ action: 'decline', fetchDelayMs: 10, signDelayMs: 10 });
  let qr = await startQr();
  await postJson(qr.dataURL, docs());
  expect(await getJson(qr.signURL)).toEqual({ message: 'eGov mobile data exchange failed' });
  sim.setPhone({ action: 'decline', fetchDelayMs: 10, signDelayMs: 10, declineMessage: 'Unexpected error' });
  qr = await startQr();
  await postJson(qr.dataURL, docs());
  expect((await getJson(qr.signURL)).message).toBe('Unexpected error');
});

test('ignore: the signature wait ends with the timeout at expiry', async () => {
  shortSim.setPhone({ action: 'ignore', fetchDelayMs: 10 });
  const qr = await startQr(shortSim);
  expect((await postJson(qr.dataURL, docs())).signURL).toBe(qr.signURL);
  const res = await getJson(qr.signURL);
  expect(res).toEqual({ message: 'QR signing operation timeout' });
  expect(Date.now()).toBeGreaterThanOrEqual(qr.expireAt - 20);
});

test('noScan: the data POST itself waits until expiry and times out', async () => {
  shortSim.setPhone({ action: 'noScan' });
  const qr = await startQr(shortSim);
  expect(await postJson(qr.dataURL, docs())).toEqual({ message: 'QR signing operation timeout' });
  expect(Date.now()).toBeGreaterThanOrEqual(qr.expireAt - 20);
  expect((await postJson(qr.dataURL, docs())).message).toBe('QR signing operation is not active');
});

test('state errors: second dataURL use, signURL before data, unknown operation, bad documents', async () => {
  const qr = await startQr();
  expect((await getJson(qr.signURL)).message).toBe('Invalid QR signing state');
  expect((await postJson(qr.dataURL, { signMethod: 'CMS_SIGN_ONLY', documentsToSign: [] })).message).toBe('Invalid JSON request structure');
  expect((await postJson(qr.dataURL, { ...docs(), signMethod: 'XML' })).message).toBe('Invalid JSON request structure');
  await postJson(qr.dataURL, docs());
  expect((await postJson(qr.dataURL, docs())).message).toBe('Invalid QR signing state');
  expect((await getJson(qr.signURL)).documentsToSign).toHaveLength(1);
  expect((await getJson(`${sim.url}/api/egovQr/nosuchoperation`)).message).toBe('QR signing operation is not active');
});

test('faults on QR routes: too many users, data dropped after it was accepted, signature answer lost', async () => {
  sim.fault('egovQr', { sigexError: 'Too much users use QR signing' });
  expect(await startQr()).toEqual({ message: 'Too much users use QR signing' });

  const qr = await startQr();
  sim.fault('qrData', { dropAfterBody: true });
  await expect(postJson(qr.dataURL, docs())).rejects.toThrow();
  expect((await postJson(qr.dataURL, docs())).message).toBe('Invalid QR signing state'); // the data had arrived
  sim.fault('qrSign', { dropAfterBody: true });
  await expect(getJson(qr.signURL)).rejects.toThrow();
  expect((await getJson(qr.signURL)).documentsToSign).toHaveLength(1);

  const qr2 = await startQr();
  await postJson(qr2.dataURL, docs());
  sim.fault('qrSign', { status: 502 });
  expect((await fetch(qr2.signURL)).status).toBe(502);
  expect((await getJson(qr2.signURL)).documentsToSign).toHaveLength(1);
  expect(
    sim.requests
      .filter((r) => r.route === 'qrData')
      .every((r) => typeof (r.body as Json).documentsToSign[0].document.file.data === 'string'),
  ).toBe(true);
});
