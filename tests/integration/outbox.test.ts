/**
 * Exactly once, nothing lost: what happens after the PIN when SIGEX or the network fails,
 * against the simulators (real TLS/HTTP, real CMS). Every test checks what SIGEX holds.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { CoreServices } from '../../src-main/core/compose';
import { OutboxStore } from '../../src-main/core/outbox/store';
import type { JobView, SignOptions } from '../../src-main/ipc/contract';
import { FAST_RETRY } from '../support/fast-retry';
import { startHarness, writeWorkFile, type Harness, type HarnessOptions } from '../support/harness';
import { noOptions, startCore } from '../support/core';

jest.setTimeout(30_000);

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const OUTLAST = FAST_RETRY.call.retries + 1; // faults that outlast the quick in-run retries

let h: Harness;
let core: CoreServices;

async function setup(o: HarnessOptions = {}, worker?: { pingMs: number }): Promise<void> {
  h = await startHarness(o);
  core = await startCore(h, worker ? { worker } : {});
}
afterEach(async () => {
  core?.worker?.stop();
  await core?.deliveries.shutdown();
  await h?.stop();
});

async function sign(files: string[], options: SignOptions = noOptions) {
  const handles: string[] = [];
  for (const f of files) handles.push((await core.files.add(f)).handle);
  const updates: JobView[] = [];
  const { done } = core.signing.start({ handles, method: 'ncalayer', options }, (v) => updates.push(v));
  const job = await done;
  return { job, view: job.view(), updates };
}

const signRequests = () => h.ncalayer!.requests.filter((r) => r.method === 'sign').length;
const routes = (route: string) => h.sigex.requests.filter((r) => r.route === route);

test('HTTP 500 after the PIN: the signature is stored, the file queued; a retry registers it with the same CMS', async () => {
  await setup();
  for (let i = 0; i < OUTLAST; i++) h.sigex.fault('register', { status: 500 });
  const file = await writeWorkFile(h, 'Акт сверки.pdf', 'reconciliation');
  const { view } = await sign([file]);
  const f = view.files[0]!;
  expect(f).toMatchObject({ status: 'queued', queue: { reason: { kind: 'sigex-server', code: '500' } } });
  expect(h.sigex.documents()).toHaveLength(0);
  const stored = await new OutboxStore(h.dataDir).get(f.outboxId!);
  expect(stored).toMatchObject({ step: 'registering', state: 'queued', file: { sha256: sha('reconciliation') } });

  const result = await core.deliveries.deliverRecord(f.outboxId!);
  expect(result).not.toBe('busy');
  const docs = h.sigex.documents();
  expect(docs).toHaveLength(1);
  expect(docs[0]!.dataSha256).toBe(sha('reconciliation'));
  // the CMS SIGEX holds is the one stored at signing time: NCALayer was asked once
  expect(docs[0]!.signatures[0]!.cms.toString('base64')).toBe(stored!.cms);
  expect(signRequests()).toBe(1);
  expect(await fsp.readFile(path.join(h.workDir, `Акт сверки-SigexId${docs[0]!.id}.pdf`), 'utf8')).toBe('reconciliation');
  expect(await core.deliveries.list()).toEqual([]);
  expect((await core.history.all()).map((e) => e.documentId)).toEqual([docs[0]!.id]);
});

test('SIGEX port closed: queued with a network reason; the worker registers it when SIGEX is back', async () => {
  await setup({}, { pingMs: 150 });
  await h.sigex.goOffline();
  const file = await writeWorkFile(h, 'a.pdf', 'offline');
  const { view, job } = await sign([file]);
  expect(view.files[0]).toMatchObject({ status: 'queued', queue: { reason: { kind: 'network' } } });
  core.worker!.start();
  await h.sigex.goOnline();
  await waitFor(async () => (await core.deliveries.list()).length === 0);
  expect(job.view().files[0]).toMatchObject({ status: 'registered', copy: { saved: true } });
  expect(h.sigex.documents()).toHaveLength(1);
  expect(h.sigex.documents()[0]!.dataSha256).toBe(sha('offline'));
  expect(signRequests()).toBe(1);
});

test('the outbox folder cannot be read for a moment (a scanner holds a record): the worker plans again and registers the file when SIGEX is back', async () => {
  await setup({}, { pingMs: 150 });
  await h.sigex.goOffline();
  const file = await writeWorkFile(h, 'a.pdf', 'offline, busy');
  const { view, job } = await sign([file]);
  expect(view.files[0]).toMatchObject({ status: 'queued' });
  await core.worker!.idle();
  const busy = Object.assign(new Error('EBUSY: resource busy or locked, open'), { code: 'EBUSY' });
  const list = jest.spyOn(OutboxStore.prototype, 'list').mockRejectedValueOnce(busy).mockRejectedValueOnce(busy);
  try {
    core.worker!.kick(); // a pass (its list fails), then the plan for the next one (fails too)
    await h.sigex.goOnline();
    await waitFor(async () => job.view().files[0]!.status === 'registered', 10_000);
  } finally {
    list.mockRestore();
  }
  expect(h.sigex.documents()).toHaveLength(1);
});

test('connection dropped after POST /api got through: exactly one document, data uploaded, copy saved', async () => {
  await setup();
  h.sigex.fault('register', { dropAfterBody: true });
  const file = await writeWorkFile(h, 'contract.pdf', 'dropped answer');
  const { view } = await sign([file]);
  expect(view.files[0]!.status).toBe('registered');
  const docs = h.sigex.documents();
  expect(docs).toHaveLength(1);
  expect(docs[0]!.dataUploaded).toBe(true);
  expect(view.files[0]!.documentId).toBe(docs[0]!.id);
  // the same CMS went again, SIGEX said "already submitted", the id came from /api/exported
  expect(routes('register').map((r) => r.message ?? 'ok')).toEqual(['ok', 'This signature has already been submitted']);
  expect(routes('exported')).toHaveLength(1);
  expect(await fsp.readFile(path.join(h.workDir, `contract-SigexId${docs[0]!.id}.pdf`), 'utf8')).toBe('dropped answer');
});

test('the answer to /data lost after SIGEX stored the data: confirmed with GET /api/{id}, copy saved', async () => {
  await setup();
  h.sigex.fault('data', { dropAfterBody: true });
  const file = await writeWorkFile(h, 'invoice.pdf', 'data answer lost');
  const { view } = await sign([file]);
  expect(view.files[0]!.status).toBe('registered');
  expect(routes('data').map((r) => r.message ?? 'ok')).toEqual(['ok', 'Document digests are already known']);
  expect(routes('info')).toHaveLength(1);
  expect(h.sigex.documents()).toHaveLength(1);
  expect(view.files[0]!.copy).toMatchObject({ saved: true });
});

test('the same file given twice in one job is one document', async () => {
  await setup();
  const file = await writeWorkFile(h, 'twice.pdf', 'one document');
  const { view } = await sign([file, path.join(h.workDir, '.', 'twice.pdf')]);
  expect(view.files.map((f) => f.status)).toEqual(['registered', 'registered']);
  expect(view.files[0]!.documentId).toBe(view.files[1]!.documentId);
  expect(h.sigex.documents()).toHaveLength(1);
  expect(routes('register')).toHaveLength(1);
  expect((await fsp.readdir(h.workDir)).sort()).toEqual([`twice-SigexId${view.files[0]!.documentId}.pdf`, 'twice.pdf']);
});

test('file changed while queued: the retry fails with file-changed, nothing is uploaded, the original is untouched', async () => {
  await setup();
  for (let i = 0; i < OUTLAST; i++) h.sigex.fault('data', { status: 503 });
  const file = await writeWorkFile(h, 'a.pdf', 'signed bytes');
  const { view } = await sign([file]);
  expect(view.files[0]).toMatchObject({ status: 'queued' });
  const uploadsBefore = routes('data').length;
  await fsp.writeFile(file, 'SIGNED BYTES'); // same size: only the hash tells
  const result = await core.deliveries.deliverRecord(view.files[0]!.outboxId!);
  expect(result !== 'busy' && result !== 'missing' && result.view).toMatchObject({ status: 'failed', error: { kind: 'file-changed' } });
  expect(routes('data')).toHaveLength(uploadsBefore);
  expect(h.sigex.documents()[0]!.dataUploaded).toBe(false);
  expect(await fsp.readFile(file, 'utf8')).toBe('SIGNED BYTES');
  // the document exists in SIGEX, so the record stays for the user to see (failed, not queued)
  expect(await core.deliveries.list()).toMatchObject([{ state: 'failed', reason: { kind: 'file-changed' } }]);
});

test.each([['its time changed'], ['its size and time kept']])(
  'the answer to /data lost, then the file edited before the retry (%s): SIGEX has the signed bytes, so the file is registered (its copy cannot be made)',
  async (how) => {
    await setup();
    h.sigex.fault('data', { dropAfterBody: true });
    for (let i = 0; i < OUTLAST; i++) h.sigex.fault('data', { status: 503 });
    const file = await writeWorkFile(h, 'b.pdf', 'signed bytes');
    const { view } = await sign([file]);
    expect(view.files[0]).toMatchObject({ status: 'queued' });
    expect(h.sigex.documents()[0]!.dataUploaded).toBe(true);
    const { mtime } = await fsp.stat(file);
    await fsp.writeFile(file, 'SIGNED BYTES'); // same size: only the hash tells
    if (how === 'its size and time kept') await fsp.utimes(file, mtime, mtime);
    const result = await core.deliveries.deliverRecord(view.files[0]!.outboxId!);
    expect(result !== 'busy' && result !== 'missing' && result.view).toMatchObject({
      status: 'registered',
      documentId: h.sigex.documents()[0]!.id,
      copy: { saved: false, error: { kind: 'file-changed' } },
    });
    expect(h.sigex.documents()).toHaveLength(1);
    expect(routes('info')).toHaveLength(1);
    expect(await core.deliveries.list()).toEqual([]);
    expect((await fsp.readdir(h.workDir)).sort()).toEqual(['b.pdf']);
  },
);

test('file changed while queued with its size AND time kept: the upload is stopped before its last byte, SIGEX stores no data', async () => {
  await setup();
  for (let i = 0; i < OUTLAST; i++) h.sigex.fault('data', { status: 503 });
  const file = await writeWorkFile(h, 'kept-time.pdf', 'signed bytes '.repeat(100_000));
  const when = new Date('2026-11-30T09:00:00Z'); // a whole second: utimes keeps it exactly
  await fsp.utimes(file, when, when);
  const { view } = await sign([file]);
  expect(view.files[0]).toMatchObject({ status: 'queued' });
  await fsp.writeFile(file, 'SIGNED BYTES '.repeat(100_000)); // same size
  await fsp.utimes(file, when, when); // and the same modification time: only the bytes tell
  const result = await core.deliveries.deliverRecord(view.files[0]!.outboxId!);
  expect(result !== 'busy' && result !== 'missing' && result.view).toMatchObject({ status: 'failed', error: { kind: 'file-changed' } });
  expect(h.sigex.documents()[0]!.dataUploaded).toBe(false);
  expect(await core.deliveries.list()).toMatchObject([{ state: 'failed', reason: { kind: 'file-changed' } }]);
});

test('"Try again" on a queued file resumes from the stored signature: no new PIN', async () => {
  await setup();
  for (let i = 0; i < OUTLAST; i++) h.sigex.fault('register', { status: 502 });
  const file = await writeWorkFile(h, 'a.pdf', 'again');
  const { view, job } = await sign([file]);
  expect(view.files[0]!.status).toBe('queued');
  core.signing.retryFile(view.jobId, view.files[0]!.handle);
  await waitFor(async () => job.view().files[0]!.status === 'registered');
  expect(signRequests()).toBe(1);
  expect(h.sigex.documents()).toHaveLength(1);
});

test('"Try again" when the outbox cannot be locked (a full disk): the file says why, and the failure is handled', async () => {
  await setup();
  for (let i = 0; i < OUTLAST; i++) h.sigex.fault('register', { status: 502 });
  const file = await writeWorkFile(h, 'a.pdf', 'again');
  const { view, job } = await sign([file]);
  expect(view.files[0]!.status).toBe('queued');
  const unhandled = jest.fn();
  process.on('unhandledRejection', unhandled);
  const full = Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
  const lock = jest.spyOn(OutboxStore.prototype, 'lock').mockRejectedValue(full);
  try {
    core.signing.retryFile(view.jobId, view.files[0]!.handle);
    await waitFor(async () => job.view().files[0]!.queue?.reason.message === full.message, 5000);
    expect(job.view().files[0]).toMatchObject({ status: 'queued' });
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).not.toHaveBeenCalled();
  } finally {
    lock.mockRestore();
    process.off('unhandledRejection', unhandled);
  }
  expect(h.sigex.documents()).toHaveLength(0);
});

test('a rule that can never pass fails at once: no retry, no record left', async () => {
  await setup();
  h.sigex.fault('register', { sigexError: 'Document signatures limit reached' });
  const file = await writeWorkFile(h, 'a.pdf', 'x');
  const { view } = await sign([file]);
  expect(view.files[0]).toMatchObject({ status: 'failed', error: { sigexKey: 'Document signatures limit reached' } });
  expect(routes('register')).toHaveLength(1);
  expect(await core.deliveries.list()).toEqual([]);
});

test('the id of a lost registration cannot be found: "registered, id not returned", kept, never re-signed', async () => {
  await setup();
  h.sigex.fault('register', { dropAfterBody: true });
  h.sigex.fault('exported', { sigexError: 'Document not found' });
  const file = await writeWorkFile(h, 'a.pdf', 'x');
  const { view } = await sign([file]);
  expect(view.files[0]).toMatchObject({ status: 'failed', error: { kind: 'id-not-returned', params: { name: 'a.pdf' } } });
  expect(await core.deliveries.list()).toMatchObject([{ state: 'failed', step: 'registering', reason: { kind: 'id-not-returned' } }]);
  // "Try again" asks SIGEX again (not NCALayer): now it finds the document and finishes
  const result = await core.deliveries.deliverRecord(view.files[0]!.outboxId!);
  expect(result !== 'busy' && result !== 'missing' && result.view.status).toBe('registered');
  expect(signRequests()).toBe(1);
  expect(h.sigex.documents()).toHaveLength(1);
});

test('stopping (quit, Ctrl+C) during the upload leaves the file queued at "registered"; it resumes later', async () => {
  await setup();
  h.sigex.fault('data', { delayMs: 2_000 });
  const file = await writeWorkFile(h, 'a.pdf', 'stop me');
  const handle = (await core.files.add(file)).handle;
  const { done } = core.signing.start({ handles: [handle], method: 'ncalayer', options: noOptions }, (v) => {
    if (v.files[0]!.status === 'uploading') void core.deliveries.shutdown();
  });
  const job = await done;
  expect(job.view().files[0]).toMatchObject({ status: 'queued', queue: { reason: { kind: 'cancelled' } } });
  const records = await new OutboxStore(h.dataDir).list();
  expect(records).toMatchObject([{ step: 'registered', state: 'queued' }]);
  // a fresh process (as after a restart) finishes it
  const next = await startCore(h);
  const result = await next.deliveries.deliverRecord(records[0]!.id);
  expect(result !== 'busy' && result !== 'missing' && result.view.status).toBe('registered');
  expect(h.sigex.documents()).toHaveLength(1);
  expect(h.sigex.documents()[0]!.dataUploaded).toBe(true);
});

test('the app and the CLI share the data directory: a queued file is delivered by one of them only', async () => {
  await setup();
  for (let i = 0; i < OUTLAST; i++) h.sigex.fault('register', { status: 500 });
  const file = await writeWorkFile(h, 'shared.pdf', 'one delivery');
  const { view } = await sign([file]);
  const id = view.files[0]!.outboxId!;
  h.sigex.fault('register', { delayMs: 300 });
  const other = await startCore(h);
  const [a, b] = await Promise.all([core.deliveries.deliverRecord(id), other.deliveries.deliverRecord(id)]);
  expect([a, b].filter((r) => r === 'busy' || r === 'missing')).toHaveLength(1);
  expect(h.sigex.documents()).toHaveLength(1);
  // the failed attempts before, then ONE registration for both processes
  expect(routes('register')).toHaveLength(OUTLAST + 1);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
