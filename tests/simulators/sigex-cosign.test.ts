/**
 * SIGEX simulator: what checking and co-signing a `-SigexId` file relies on: GET /api/{id}
 * with timestamps, OCSP and digests; 'Digests values update required' and the re-upload;
 * POST /api/{id}/buildDDC returning a real PDF that embeds the data.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPdf } from '../support/pdf';
import { startSigexSimulator, type SigexSim } from './sigex-sim';
import { getJson, postJson, registered, sign, upload, type Json } from './sigex-test-client';

let sim: SigexSim;
beforeAll(async () => {
  sim = await startSigexSimulator();
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const content = Buffer.from('act of completed works, signed twice');
const sha256b64 = (b: Buffer) => createHash('sha256').update(b).digest('base64');
const add = async (id: string, signer: 'individual' | 'employee'): Promise<Json> =>
  postJson(`${sim.url}/api/${id}`, { signType: 'cms', signature: await sign(signer, content) });

async function buildDdc(id: string, body: Buffer): Promise<Json> {
  const r = await fetch(`${sim.url}/api/${id}/buildDDC`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as Json;
}

test('info reports the SHA-256 digest, timestamp and OCSP of each signature; digests can be hidden', async () => {
  const id = await registered(sim, { content });
  const info = await getJson(`${sim.url}/api/${id}?lastSignId=0`);
  expect(info.digests).toEqual({ '2.16.840.1.101.3.4.2.1': sha256b64(content) });
  expect(info.signatures[0]).toMatchObject({ tsp: { genTime: expect.any(Number) }, ocsp: { certStatus: 'good' } });
  sim.setInfoDigests(false);
  expect((await getJson(`${sim.url}/api/${id}`)).digests).toBeUndefined();
});

test('digest update: the add is refused until the same bytes are uploaded again, then accepted', async () => {
  const id = await registered(sim, { content });
  sim.requireDigestUpdate(id);
  expect((await add(id, 'employee')).message).toBe('Digests values update required');
  expect((await upload(sim, id, Buffer.from('other bytes'))).message).toBe('Signature does not correspond to the document');
  expect((await add(id, 'employee')).message).toBe('Digests values update required');
  expect(await upload(sim, id, content)).toMatchObject({ documentId: id, signedDataSize: content.length });
  expect((await add(id, 'employee')).signId).toEqual(expect.any(Number));
  // Without a pending update, a second upload is still refused.
  expect((await upload(sim, id, content)).message).toBe('Document digests are already known');
  expect(sim.document(id)?.signatures).toHaveLength(2);
});

test('buildDDC: a PDF that lists the signatures and embeds the original bytes', async () => {
  const id = await registered(sim, { content, title: 'act.pdf' });
  await add(id, 'employee');
  const res = await buildDdc(id, content);
  const pdf = Buffer.from(res.ddc as string, 'base64');
  const facts = readPdf(pdf);
  expect(facts.embedded[0]?.equals(content)).toBe(true);
  expect(JSON.parse((facts.embedded[1] as Buffer).toString('utf8'))).toMatchObject({
    documentId: id,
    title: 'act.pdf',
    signatures: [{ iin: '850515300125' }, { iin: '900101400231', bin: '150440012344' }],
  });
  expect(facts.text).toEqual(expect.arrayContaining([`SIGEX document card ${id}`, 'Title: act.pdf']));
  expect(facts.text.filter((t) => /^\d\. /.test(t))).toHaveLength(2);
  // An independent reader accepts it too.
  const file = path.join(os.tmpdir(), `sim-ddc-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  expect(execFileSync('qpdf', ['--check', file]).toString()).toMatch(/No syntax or stream encoding errors/);
  fs.rmSync(file);
});

test('buildDDC refuses other bytes, unknown and restricted documents', async () => {
  const id = await registered(sim, { content });
  expect((await buildDdc(id, Buffer.from('not the document'))).message).toBe('Signature does not correspond to the document');
  expect((await buildDdc('AAAAAAAAAAAAAAAA', content)).message).toBe('Document not found');
  const priv = await registered(sim, { content: Buffer.from('secret'), settings: { private: true } });
  expect((await buildDdc(priv, Buffer.from('secret'))).message).toBe('Access denied');
});
