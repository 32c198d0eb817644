/**
 * A co-signature is added once, and one that SIGEX accepted is never reported failed: the same
 * document twice in a batch, lost answers after "Digests values update required", a lost
 * answer to the signature that filled the limit (the document then turns private), and a
 * history write that fails after the signature was accepted. (Found by a second reader.)
 */
import { HistoryJournal } from '../../src-main/core/history/journal';
import type { OutboxRecord } from '../../src-main/core/outbox/record';
import { OutboxStore } from '../../src-main/core/outbox/store';
import { Deliveries, type DeliveryResult } from '../../src-main/core/signing/deliveries';
import { FAST_RETRY } from '../support/fast-retry';
import { cosignFiles } from '../../src-main/core/cosign/cosign';
import { SigexClient } from '../../src-main/core/sigex/client';
import { startHarness, type Harness } from '../support/harness';
import { startCore } from '../support/core';
import { cosignContext, receivedFile } from '../support/cosign';

jest.setTimeout(30_000);

let h: Harness;
let sigex: SigexClient;
beforeAll(async () => {
  h = await startHarness({ ncalayer: { signer: 'employee' } });
  sigex = new SigexClient({ baseUrl: h.sigex.url });
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sigex.reset();
  h.ncalayer!.setMode({ signer: 'employee', outcome: 'sign' });
});

const ctx = () => cosignContext(h, sigex);

const received = (content: string, settings?: unknown, name = 'act') => receivedFile(h, content, name, settings);

test('the same file twice in one co-sign batch adds ONE signature, not two', async () => {
  const { id, file } = await received('dup co-sign', undefined, 'dup');
  // The renderer gets a fresh handle for every add of the same path (FileRegistry.add), so
  // MultiCosignScreen sends [h1, h2] for one file; the CLI takes `cosign a.pdf a.pdf` too.
  const results = await cosignFiles([file, file], ctx());
  expect(results.map((r) => r.status)).toEqual(['cosigned', 'cosigned']);
  const iins = h.sigex.document(id)!.signatures.map((s) => s.iin);
  expect(iins).toEqual(['850515300125', '900101400231']);
});

test('lost answer to the co-signature that reached the limit (doc turns private): not reported failed, kept in history', async () => {
  const core = await startCore(h);
  const { id, file } = await received('last allowed', { signaturesLimit: 2, switchToPrivateAfterLimitReached: true }, 'last');
  // SIGEX applies the signature, then the connection drops before the answer.
  h.sigex.fault('addSignature', { dropAfterBody: true });
  const [r] = await cosignFiles([file], { ...ctx(), deliveries: core.deliveries });
  // The signature IS in SIGEX...
  expect(h.sigex.document(id)!.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
  // ...and the retry's 'Access denied' (private now, by our signature) does not make it a failure.
  expect(r).toMatchObject({ status: 'cosigned' });
  expect((await core.history.all()).filter((e) => e.documentId === id)).toHaveLength(1);
  await core.close();
});

test('Digests values update required, then the answer to the retried add is lost: still cosigned, kept in history', async () => {
  const core = await startCore(h);
  const { id, file } = await received('needs new digests, lost answer', undefined, 'digests');
  h.sigex.requireDigestUpdate(id);
  h.sigex.fault('addSignature', { delayMs: 0 }); // the first add answers normally (Digests values update required)
  h.sigex.fault('addSignature', { dropAfterBody: true }); // the add after the re-upload is applied, its answer lost
  const [r] = await cosignFiles([file], { ...ctx(), deliveries: core.deliveries });
  expect(h.sigex.document(id)!.signatures).toHaveLength(2); // the signature is in SIGEX
  expect(r?.error?.sigexKey).toBeUndefined();
  expect(r).toMatchObject({ status: 'cosigned' });
  expect((await core.history.all()).filter((e) => e.documentId === id)).toHaveLength(1);
  await core.close();
});

test('Digests values update required, then the answer to the re-upload is lost: the co-signature still goes through', async () => {
  const core = await startCore(h);
  const { id, file } = await received('needs new digests, lost upload answer', undefined, 'digests2');
  h.sigex.requireDigestUpdate(id);
  h.sigex.fault('data', { dropAfterBody: true });
  const [r] = await cosignFiles([file], { ...ctx(), deliveries: core.deliveries });
  expect(r?.error?.sigexKey).toBeUndefined();
  expect(r).toMatchObject({ status: 'cosigned' });
  expect(h.sigex.document(id)!.signatures).toHaveLength(2);
  await core.close();
});

test('history write fails once after the co-signature was accepted: no "not a transition" internal error, record kept for the retry', async () => {
  const core = await startCore(h);
  const { id, file } = await received('history hiccup', undefined, 'hist');
  const append = core.history.append.bind(core.history);
  let failOnce = true;
  core.history.append = async (e) => {
    if (failOnce) {
      failOnce = false;
      throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    }
    return append(e);
  };
  const [r] = await cosignFiles([file], { ...ctx(), deliveries: core.deliveries });
  expect(h.sigex.document(id)!.signatures).toHaveLength(2);
  expect(r?.error?.message ?? '').not.toMatch(/not a transition/);
  await core.close();
});

test('another process cannot take a co-signature between its write and its send: a refusal is reported failed, not cosigned', async () => {
  const { id, file } = await received('raced co-sign', { signaturesLimit: 1 }, 'raced');
  // The CLI (or the app) in another process, sharing the data directory.
  const other = await startCore(h);
  // This process's outbox: the moment the co-signature's record is on disk, the other process
  // tries to deliver it (deterministic: it runs to its end before this process goes on).
  let taken: DeliveryResult | 'not tried' = 'not tried';
  class RacedStore extends OutboxStore {
    override async save(r: OutboxRecord): Promise<void> {
      await super.save(r);
      if (r.kind === 'cosign' && taken === 'not tried') {
        taken = 'busy';
        taken = await other.deliveries.deliverRecord(r.id);
      }
    }
  }
  const mine = new Deliveries({
    outbox: new RacedStore(h.dataDir),
    history: new HistoryJournal(h.dataDir),
    settings: () => other.settings.effective(),
    locale: () => 'en',
    sigex: (s) => new SigexClient({ baseUrl: s.sigexUrl }),
    callPolicy: FAST_RETRY.call,
    queuePolicy: FAST_RETRY.queue,
  });
  const [r] = await cosignFiles([file], { ...ctx(), deliveries: mine });
  expect(taken).toBe('busy'); // the record was never the other process's to take
  // The limit refused it, and this delivery says so (it was reported 'cosigned' when the other
  // process took the record first, failed it and removed it: 'missing' counted as success).
  expect(r).toMatchObject({ status: 'failed', error: { kind: 'sigex-error', sigexKey: 'Document signatures limit reached' } });
  expect(h.sigex.requests.filter((q) => q.route === 'addSignature')).toHaveLength(1);
  expect(h.sigex.document(id)!.signatures).toHaveLength(1);
  expect((await other.deliveries.list()).filter((i) => i.documentId === id)).toEqual([]); // nothing left to retry
  await other.close();
});

test('the outbox cannot be written right after SIGEX accepted the co-signature (a full disk): cosigned, not failed; finished later without a second add', async () => {
  const core = await startCore(h);
  const { id, file } = await received('full disk after the add', undefined, 'full');
  // The write of the step 'registered' (the co-signature is in SIGEX) fails once.
  let left = 1;
  const save = OutboxStore.prototype.save;
  const spy = jest.spyOn(OutboxStore.prototype, 'save').mockImplementation(async function (this: OutboxStore, r) {
    if (r.kind === 'cosign' && r.step === 'registered' && left-- > 0) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return save.call(this, r);
  });
  try {
    const [r] = await cosignFiles([file], { ...ctx(), deliveries: core.deliveries });
    expect(h.sigex.document(id)!.signatures).toHaveLength(2);
    // Reported failed (internal ENOSPC) before: the user would sign it a second time.
    expect(r).toMatchObject({ status: 'cosigned' });
    const mine = async () => (await core.deliveries.list()).filter((i) => i.documentId === id);
    const [waiting] = await mine();
    expect(waiting).toMatchObject({ state: 'queued', step: 'registered' });

    // Room again: the record is worked off (as the worker does), with no second add.
    const adds = h.sigex.requests.filter((q) => q.route === 'addSignature').length;
    await core.deliveries.deliverRecord(waiting!.id);
    expect(await mine()).toEqual([]);
    expect((await core.history.all()).filter((e) => e.documentId === id)).toHaveLength(1);
    expect(h.sigex.requests.filter((q) => q.route === 'addSignature')).toHaveLength(adds);
    expect(h.sigex.document(id)!.signatures).toHaveLength(2);
  } finally {
    spy.mockRestore();
    await core.close();
  }
});
