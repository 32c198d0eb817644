/**
 * After SIGEX has the document, only our bookkeeping is left (the outbox step, the history
 * line). When that write fails (the journal busy, a full disk) the file is still registered:
 * it must not turn "failed", the batch must go on, and the bookkeeping is finished later
 * without calling SIGEX again. (A reviewer found the state machine threw "registered ->
 * failed is not a transition" here, stopping the batch with the next files stranded.)
 */
import { promises as fsp } from 'node:fs';
import { OutboxStore } from '../../src-main/core/outbox/store';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { signFiles } from '../support/sign-files';
import { noOptions, startCore, stopCore } from '../support/core';

jest.setTimeout(60_000);
let h: Harness;
let core: CoreServices;
beforeEach(async () => {
  h = await startHarness();
  core = await startCore(h);
});
afterEach(() => stopCore(core, h));

/** The history journal refuses the next `times` appends as a scanner holding the file would. */
function busyHistory(times: number): void {
  const append = core.history.append.bind(core.history);
  let left = times;
  core.history.append = async (e) => {
    if (left-- > 0) throw Object.assign(new Error('EBUSY: resource busy or locked, open history.jsonl'), { code: 'EBUSY' });
    return append(e);
  };
}

test('a history write that fails once: every file of the batch is registered, the missing line is written later, SIGEX is not called again', async () => {
  busyHistory(1);
  const files = await Promise.all(['a.pdf', 'b.pdf', 'c.pdf'].map((n) => writeWorkFile(h, n, `doc ${n}`)));
  const { view } = await signFiles(core, files, noOptions);
  expect(view.error).toBeUndefined();
  expect(view.phase).toBe('done');
  expect(view.files.map((f) => f.status)).toEqual(['registered', 'registered', 'registered']);
  expect(h.sigex.documents()).toHaveLength(3);

  // One record waits, queued, only for its bookkeeping; no delivery is stuck "working".
  const waiting = await core.deliveries.list();
  expect(waiting.map((i) => i.state)).toEqual(['queued']);
  expect((await core.history.all()).map((e) => e.name).sort()).toHaveLength(2);

  const sigexCalls = h.sigex.requests.length;
  await core.deliveries.deliverRecord(waiting[0]!.id);
  expect(await core.deliveries.list()).toEqual([]);
  expect((await core.history.all()).map((e) => e.name).sort()).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
  expect(h.sigex.requests.length).toBe(sigexCalls); // finished from the record, nothing re-sent
  expect(h.sigex.documents()).toHaveLength(3);
});

test('the outbox cannot be written after the copy is placed (a full disk, twice): once it can, the record finishes from where it is, without SIGEX and without a second copy', async () => {
  // The copy is placed, then both writes of the record fail (the step "done", and the queued
  // state after it): the record on disk still says "uploaded" while the file shows registered.
  let left = 2;
  const save = OutboxStore.prototype.save;
  const spy = jest.spyOn(OutboxStore.prototype, 'save').mockImplementation(async function (this: OutboxStore, r) {
    if (r.step === 'done' && left-- > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return save.call(this, r);
  });
  try {
    const file = await writeWorkFile(h, 'акт.pdf', 'акт сверки');
    const { view } = await signFiles(core, [file], noOptions);
    expect(view.files[0]).toMatchObject({ status: 'registered', copy: { saved: true } });
    const [waiting] = await core.deliveries.list();
    expect(waiting).toMatchObject({ step: 'uploaded' });

    // Room again: the record is worked off (as the worker does).
    const sigexCalls = h.sigex.requests.length;
    await core.deliveries.deliverRecord(waiting!.id);
    expect(await core.deliveries.list()).toEqual([]);
    expect((await core.history.all()).map((e) => e.name)).toEqual(['акт.pdf']);
    expect(h.sigex.requests.length).toBe(sigexCalls);
    expect((await fsp.readdir(h.workDir)).filter((n) => n.includes('-SigexId'))).toHaveLength(1);
  } finally {
    spy.mockRestore();
  }
});

test('the outbox cannot be written right after the upload (a full disk): the file is registered, not failed; the batch goes on; the copy and history follow once the disk has room, with no second registration', async () => {
  let left = 2; // the step "uploaded", and the record's next write after it
  const save = OutboxStore.prototype.save;
  const spy = jest.spyOn(OutboxStore.prototype, 'save').mockImplementation(async function (this: OutboxStore, r) {
    if (r.step === 'uploaded' && r.file.name === 'b.pdf' && left-- > 0) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return save.call(this, r);
  });
  try {
    const files = await Promise.all(['a.pdf', 'b.pdf', 'c.pdf'].map((n) => writeWorkFile(h, n, `doc ${n}`)));
    const { view } = await signFiles(core, files, noOptions);
    expect(view.error).toBeUndefined();
    expect(view.phase).toBe('done');
    expect(view.files.map((f) => f.status)).toEqual(['registered', 'registered', 'registered']);
    expect(h.sigex.documents()).toHaveLength(3);

    const [waiting] = await core.deliveries.list();
    await core.deliveries.deliverRecord(waiting!.id);
    expect(await core.deliveries.list()).toEqual([]);
    expect((await core.history.all()).map((e) => e.name).sort()).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
    expect(h.sigex.requests.filter((q) => q.route === 'register')).toHaveLength(3);
    expect(h.sigex.documents()).toHaveLength(3);
    expect((await fsp.readdir(h.workDir)).filter((n) => n.startsWith('b-SigexId'))).toHaveLength(1);
  } finally {
    spy.mockRestore();
  }
});

test('the outbox cannot be written once, right after SIGEX registered the document: the file waits, queued (not failed), and its bytes go up on the next attempt', async () => {
  let left = 1; // the step "registered" (the document exists in SIGEX, its bytes not yet sent)
  const save = OutboxStore.prototype.save;
  const spy = jest.spyOn(OutboxStore.prototype, 'save').mockImplementation(async function (this: OutboxStore, r) {
    if (r.step === 'registered' && left-- > 0) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    return save.call(this, r);
  });
  try {
    const file = await writeWorkFile(h, 'счёт.pdf', 'счёт на оплату');
    const { view } = await signFiles(core, [file], noOptions);
    expect(view.files[0]).toMatchObject({ status: 'queued' });
    const [waiting] = await core.deliveries.list();
    expect(waiting).toMatchObject({ state: 'queued', step: 'registered', documentId: h.sigex.documents()[0]!.id });

    await core.deliveries.deliverRecord(waiting!.id);
    expect(await core.deliveries.list()).toEqual([]);
    expect(h.sigex.requests.filter((q) => q.route === 'register')).toHaveLength(1);
    expect(h.sigex.documents()[0]).toMatchObject({ dataUploaded: true });
    expect((await core.history.all()).map((e) => e.name)).toEqual(['счёт.pdf']);
  } finally {
    spy.mockRestore();
  }
});
