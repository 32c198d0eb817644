/**
 * SIGEX simulator: fault injection (one-shot, FIFO per route, route-specific before 'any').
 */
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { getJson, postJson, register, registered, sign, upload } from './sigex-test-client';

let sim: SigexSim;
beforeAll(async () => {
  sim = await startSigexSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const content = Buffer.from('fault injection');

test('sigexError: HTTP 200 + message, nothing applied, one-shot', async () => {
  sim.fault('register', { sigexError: 'OCSP server problem' });
  const r = await fetch(`${sim.url}/api`, {
    method: 'POST',
    body: JSON.stringify({ title: 'a', description: 'a', signType: 'cms', signature: await sign('individual', content) }),
  });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ message: 'OCSP server problem', requestID: expect.any(Number) });
  expect(sim.documents()).toHaveLength(0);
  expect(sim.requests[0]).toMatchObject({
    route: 'register',
    fault: { sigexError: 'OCSP server problem' },
    message: 'OCSP server problem',
  });
  expect((await register(sim, { content })).documentId).toBeDefined();

  const id = await registered(sim, { content: Buffer.from('other') });
  sim.fault('addSignature', { sigexError: 'TSP server problem' });
  const added = await postJson(`${sim.url}/api/${id}`, { signType: 'cms', signature: await sign('employee', Buffer.from('other')) });
  expect(added.message).toBe('TSP server problem');
  expect(sim.document(id)?.signatures).toHaveLength(1);
});

test('status 500/503: non-200 with an HTML body, nothing applied', async () => {
  const { documentId: id } = await register(sim, { content });
  sim.fault('data', { status: 500 });
  const r = await fetch(`${sim.url}/api/${id}/data`, { method: 'POST', body: new Uint8Array(content) });
  expect(r.status).toBe(500);
  expect(r.headers.get('content-type')).toBe('text/html');
  expect(await r.text()).toContain('500 Internal Server Error');
  expect(sim.document(id)?.dataUploaded).toBe(false);

  sim.fault('info', { status: 503 });
  expect((await fetch(`${sim.url}/api/${id}`)).status).toBe(503);
  expect((await fetch(`${sim.url}/api/${id}`)).status).toBe(200);
});

test('delayMs: answered normally after the delay', async () => {
  const id = await registered(sim, { content });
  sim.fault('info', { delayMs: 300 });
  const t = Date.now();
  expect((await getJson(`${sim.url}/api/${id}`)).signaturesTotal).toBe(1);
  expect(Date.now() - t).toBeGreaterThanOrEqual(290);
});

test('hang: no answer at all; the request is not applied', async () => {
  sim.fault('register', { hang: true });
  const signature = await sign('individual', content);
  await expect(
    fetch(`${sim.url}/api`, { method: 'POST', body: JSON.stringify({ title: 'a', signature }), signal: AbortSignal.timeout(300) }),
  ).rejects.toThrow(/aborted|timeout/i);
  expect(sim.documents()).toHaveLength(0);
  expect((await register(sim, { content, signature })).documentId).toBeDefined();
});

test('dropAfterBody on register: socket dropped, but the document IS registered', async () => {
  sim.fault('register', { dropAfterBody: true });
  const signature = await sign('individual', content);
  await expect(register(sim, { content, signature })).rejects.toThrow();
  expect(sim.documents()).toHaveLength(1);
  // the client's blind retry is refused: the same CMS is already known
  expect((await register(sim, { content, signature })).message).toBe('This signature has already been submitted');
});

test('dropAfterBody on data: socket dropped, the data IS stored; a retry says digests are known', async () => {
  const { documentId: id } = await register(sim, { content });
  sim.fault('data', { dropAfterBody: true });
  await expect(upload(sim, id, content)).rejects.toThrow();
  expect(sim.document(id)).toMatchObject({ dataUploaded: true, signedDataSize: content.length });
  expect((await upload(sim, id, content)).message).toBe('Document digests are already known');
});

test('dropAfterBody on addSignature: the signature IS added', async () => {
  const id = await registered(sim, { content });
  sim.fault('addSignature', { dropAfterBody: true });
  await expect(postJson(`${sim.url}/api/${id}`, { signType: 'cms', signature: await sign('employee', content) })).rejects.toThrow();
  expect(sim.document(id)?.signatures).toHaveLength(2);
});

test('rateLimit, any route, FIFO order, route-specific before any', async () => {
  sim.fault('any', { rateLimit: true });
  expect((await getJson(`${sim.url}/api/version`)).message).toBe('Request rate limit reached');
  expect((await getJson(`${sim.url}/api/version`)).version).toBeDefined();

  sim.fault('any', { sigexError: 'Unexpected error' });
  sim.fault('version', { sigexError: 'first' });
  sim.fault('version', { sigexError: 'second' });
  expect((await getJson(`${sim.url}/api/version`)).message).toBe('first');
  expect((await getJson(`${sim.url}/api/version`)).message).toBe('second');
  expect((await getJson(`${sim.url}/api/version`)).message).toBe('Unexpected error');
  expect((await getJson(`${sim.url}/api/version`)).version).toBeDefined();
});

test('unknown route and wrong method', async () => {
  expect(await getJson(`${sim.url}/api/AAAA/nothing`)).toEqual({ message: 'Invalid API route', requestID: expect.any(Number) });
  expect((await getJson(`${sim.url}/elsewhere`)).message).toBe('Invalid API route');
  expect((await getJson(`${sim.url}/api`)).message).toBe('Invalid HTTP request method');
  const put = await fetch(`${sim.url}/api/AAAAAAAAAAAAAAAA`, { method: 'PUT', body: '{}' });
  expect((await put.json()).message).toBe('Invalid HTTP request method');
});
