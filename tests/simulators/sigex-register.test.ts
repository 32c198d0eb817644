/**
 * SIGEX simulator: POST /api + POST /api/{id}/data (registration), with real CMS.
 */
import { createHash } from 'node:crypto';
import { cmsToPem, inspectCms, signCms } from './cms';
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { foreignSigner, postChunked, postJson, rawHttp, rawJson, register, registered, sign, signers, upload } from './sigex-test-client';

const SHA256 = '2.16.840.1.101.3.4.2.1';
let sim: SigexSim;

beforeAll(async () => {
  sim = await startSigexSimulator({ emailAttachLimitBytes: 1000, maxDataBytes: 4096, bodyIdleTimeoutMs: 400 });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

test('register + data: ids, digests, stored document and sanitized log', async () => {
  const content = Buffer.from('%PDF-1.4 a small contract');
  const reg = await register(sim, { content, title: 'договор <1>.pdf' });
  expect(reg).toEqual({ documentId: expect.stringMatching(/^[A-Za-z0-9]{16}$/), signId: expect.any(Number) });
  expect(sim.document(reg.documentId)?.dataUploaded).toBe(false);

  const up = await upload(sim, reg.documentId, content);
  const sha = createHash('sha256').update(content).digest();
  expect(up).toEqual({
    documentId: reg.documentId,
    signedDataSize: content.length,
    digests: { [SHA256]: sha.toString('base64') },
    automaticallyCreatedUserSettings: expect.any(Object),
    dataArchived: false,
  });
  const doc = sim.document(reg.documentId);
  expect(doc).toMatchObject({
    title: 'договор <1>.pdf',
    dataUploaded: true,
    dataSha256: sha.toString('hex'),
    signedDataSize: content.length,
  });
  const s = doc?.signatures[0];
  expect(s).toMatchObject({ iin: '850515300125', email: 'individual@sigex-desktop.test', signAlgorithm: '1.2.840.113549.1.1.11' });
  expect(s?.subject).toContain('SERIALNUMBER=IIN850515300125');
  expect(s?.authorities).toContain('1.2.398.3.3.4.1.1');
  expect((await inspectCms(s?.cms as Buffer)).messageDigest.equals(sha)).toBe(true);

  const logged = sim.requests[0];
  expect(logged).toMatchObject({ method: 'POST', path: '/api', route: 'register' });
  expect((logged?.body as { signature: string }).signature).toMatch(/^<\d+ chars>$/);
  expect(sim.requests[1]).toMatchObject({ route: 'data', bytes: content.length, contentLength: content.length });
});

test('the service escapes < > & in JSON strings like the real one', async () => {
  const id = await registered(sim, { title: 'a<b>&c.pdf' });
  const text = await (await fetch(`${sim.url}/api/${id}`)).text();
  expect(text).toContain('a\\u003cb\\u003e\\u0026c.pdf');
  expect(JSON.parse(text).title).toBe('a<b>&c.pdf');
});

test('PEM-armoured CMS (as NCALayer returns it) and an ECDSA signer are accepted', async () => {
  const content = Buffer.from('employee document');
  const der = await signCms({ signer: signers().employee, content });
  const reg = await register(sim, { content, signature: cmsToPem(der) });
  expect(reg.documentId).toBeDefined();
  expect((await upload(sim, reg.documentId, content)).signedDataSize).toBe(content.length);
  expect(sim.document(reg.documentId)?.signatures[0]).toMatchObject({ bin: '150440012344', signAlgorithm: '1.2.840.10045.4.3.2' });
});

test('an attached CMS registers the data it carries', async () => {
  const content = Buffer.from('attached content');
  const reg = await register(sim, { content, signature: await sign('individual', content, true) });
  expect(sim.document(reg.documentId)).toMatchObject({ dataUploaded: true, signedDataSize: content.length });
});

test('wrong document: mismatch, nothing stored, the right bytes still work', async () => {
  const content = Buffer.from('the signed bytes');
  const reg = await register(sim, { content });
  expect(await upload(sim, reg.documentId, Buffer.from('other bytes'))).toEqual({
    message: 'Signature does not correspond to the document',
    requestID: expect.any(Number),
  });
  expect(sim.document(reg.documentId)?.dataUploaded).toBe(false);
  expect((await upload(sim, reg.documentId, content)).signedDataSize).toBe(content.length);
  expect((await upload(sim, reg.documentId, content)).message).toBe('Document digests are already known');
});

test('data for an unknown document', async () => {
  expect((await upload(sim, 'AAAAAAAAAAAAAAAA', Buffer.from('x'))).message).toBe('Document not found');
});

test('Content-Length: missing, too large, body shorter (half-close and stall)', async () => {
  const content = Buffer.from('0123456789'.repeat(10));
  const { documentId: id } = await register(sim, { content });
  const chunked = await postChunked(`${sim.url}/api/${id}/data`, [content.subarray(0, 50), content.subarray(50)]);
  expect(chunked.status).toBe(200);
  expect(JSON.parse(chunked.body).message).toBe('HTTP Content-Length request header not set');

  expect((await upload(sim, id, Buffer.alloc(5000))).message).toBe('Request body is too large');

  const head = (len: number) =>
    `POST /api/${id}/data HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: ${len}\r\n\r\n`;
  let started = Date.now();
  const halfClosed = await rawHttp(sim.port, head(100), content.subarray(0, 60), { halfClose: true });
  expect(Date.now() - started).toBeLessThan(350); // at the client's FIN, not at the idle timeout
  expect(halfClosed).toMatch(/^HTTP\/1.1 200/);
  expect(rawJson(halfClosed).message).toBe('The processed data size does not match the one passed in HTTP Content-Length request header');

  started = Date.now();
  const stalled = await rawHttp(sim.port, head(100), content.subarray(0, 60));
  expect(Date.now() - started).toBeLessThan(3000); // answered at the idle timeout, then closed
  expect(rawJson(stalled).message).toBe('The processed data size does not match the one passed in HTTP Content-Length request header');
  expect(sim.document(id)?.dataUploaded).toBe(false);
  expect((await upload(sim, id, content)).signedDataSize).toBe(100);
});

test('signature checks: expired, unknown issuer, garbage, tampered, repeated', async () => {
  const content = Buffer.from('x');
  expect((await register(sim, { content, signer: 'expired' })).message).toBe('Signer certificate expired or not yet valid');
  const foreign = await sign(await foreignSigner(), content);
  expect((await register(sim, { content, signature: foreign })).message).toBe('Certificate issuer is unknown');
  expect((await register(sim, { content, signature: 'not base64 !!' })).message).toBe('Failed to parse signature');
  expect((await register(sim, { content, signature: Buffer.from('hello').toString('base64') })).message).toBe('Failed to parse signature');

  const der = Buffer.from(await sign('individual', content), 'base64');
  const tampered = Buffer.from(der);
  tampered[tampered.length - 5] = (tampered[tampered.length - 5] as number) ^ 0xff; // inside the signature value
  expect((await register(sim, { content, signature: tampered.toString('base64') })).message).toBe('Invalid signature');

  const once = await register(sim, { content, signature: der.toString('base64') });
  expect(once.documentId).toBeDefined();
  expect((await register(sim, { content, signature: der.toString('base64') })).message).toBe('This signature has already been submitted');
  expect((await register(sim, { content, signature: cmsToPem(der) })).message).toBe('This signature has already been submitted');
  expect(sim.documents()).toHaveLength(1);
});

test('request structure errors', async () => {
  const bad = await fetch(`${sim.url}/api`, { method: 'POST', body: '{"title":' });
  expect((await bad.json()).message).toBe('Failed to parse JSON');
  expect((await postJson(`${sim.url}/api`, { title: 'x' })).message).toBe('Invalid JSON request structure');
  expect((await postJson(`${sim.url}/api`, { title: '', signature: 'AAAA' })).message).toBe('Invalid document Title');
  expect((await postJson(`${sim.url}/api`, { title: 'a', signType: 'xml', signature: 'AAAA' })).message).toBe(
    'Signature type is not supported',
  );
});

describe('e-mail outcomes', () => {
  test('no recipients: field absent', async () => {
    const reg = await register(sim);
    const up = await upload(sim, reg.documentId, Buffer.from('document body'));
    expect(up).not.toHaveProperty('emailNotifications');
  });

  test('small file attached, large file not attached, sending failure carries a message', async () => {
    const small = Buffer.alloc(1000, 1);
    const r1 = await register(sim, { content: small, emails: ['a@b.kz', 'c.d@mail.example.com'] });
    expect((await upload(sim, r1.documentId, small)).emailNotifications).toEqual({ attached: true });
    expect(sim.document(r1.documentId)?.emailRecipients).toEqual(['a@b.kz', 'c.d@mail.example.com']);

    const large = Buffer.alloc(1001, 2);
    const r2 = await register(sim, { content: large, emails: ['a@b.kz'] });
    expect((await upload(sim, r2.documentId, large)).emailNotifications).toEqual({ attached: false });

    sim.setEmail({ failWith: 'Unexpected error' });
    const r3 = await register(sim, { content: small, emails: ['a@b.kz'] });
    expect((await upload(sim, r3.documentId, small)).emailNotifications).toEqual({ attached: false, message: 'Unexpected error' });
  });

  test('too many / malformed addresses', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `u${i}@b.kz`);
    expect((await register(sim, { emails: many })).message).toBe('Too many notification email addresses provided');
    expect((await register(sim, { emails: ['a@b.kz', 'not-an-address'] })).message).toBe(
      'One of the provided notification email addresses is in invalid format',
    );
    expect((await register(sim, { emails: ['a@b'] })).message).toBe(
      'One of the provided notification email addresses is in invalid format',
    );
  });

  test('automatically created user settings only the first time a user is seen', async () => {
    const c1 = Buffer.from('one');
    const r1 = await register(sim, { content: c1 });
    expect((await upload(sim, r1.documentId, c1)).automaticallyCreatedUserSettings).toEqual({
      userId: 'IIN850515300125',
      email: 'individual@sigex-desktop.test',
      emailNotificationsEnabled: true,
      modifiedAt: expect.any(Number),
    });
    const c2 = Buffer.from('two');
    const r2 = await register(sim, { content: c2 });
    expect(await upload(sim, r2.documentId, c2)).not.toHaveProperty('automaticallyCreatedUserSettings');
    const c3 = Buffer.from('three');
    const r3 = await register(sim, { content: c3, signer: 'employee' });
    expect((await upload(sim, r3.documentId, c3)).automaticallyCreatedUserSettings.userId).toBe('IIN900101400231');
  });
});
