/**
 * After SIGEX has the document, only our bookkeeping is left (the outbox step, the history
 * line). When that write fails (the journal busy, a full disk) the file is still registered:
 * it must not turn "failed", the batch must go on, and the bookkeeping is finished later
 * without calling SIGEX again. (A reviewer found the state machine threw "registered ->
 * failed is not a transition" here, stopping the batch with the next files stranded.)
 */
import { FAST_RETRY } from '../support/fast-retry';
import { createCore } from '../../src-main/core/compose';
import { DEFAULT_DOCUMENT_SETTINGS, type SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { signFiles } from '../support/sign-files';

jest.setTimeout(60_000);
const noOptions: SignOptions = { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } };
let h: Harness;
let core: CoreServices;
beforeEach(async () => {
  h = await startHarness();
  core = await createCore({ dataDir: h.dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY });
});
afterEach(async () => {
  await core?.close();
  await h?.stop();
});

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
