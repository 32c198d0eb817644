/**
 * Cancel while the GOST byte check re-reads the file (it takes seconds on large files): the job
 * ends cancelled, the file is cancelled (not failed), and SIGEX gets nothing.
 */
import { DEFAULT_DOCUMENT_SETTINGS } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { startCore } from '../support/core';

/** Called as the service starts the byte check (the real check runs right after). */
let onCheckStart: (() => void) | undefined;
jest.mock('../../src-main/core/signing/bytes-check', () => {
  const actual = jest.requireActual('../../src-main/core/signing/bytes-check');
  return {
    ...actual,
    checkSignedBytes: (o: unknown) => {
      onCheckStart?.();
      return actual.checkSignedBytes(o);
    },
  };
});

jest.setTimeout(30_000);

let h: Harness;
let core: CoreServices;
afterEach(async () => {
  onCheckStart = undefined;
  await core?.close();
  await h?.stop();
});

test('cancel during the Streebog re-read: job and file cancelled, nothing sent to SIGEX', async () => {
  h = await startHarness({ ncalayer: { signer: 'gost' } });
  core = await startCore(h);
  const file = await writeWorkFile(h, 'big.pdf', Buffer.alloc(2 * 1024 * 1024, 0x25));
  const { handle } = await core.files.add(file);
  const { jobId, done } = core.signing.start(
    { handles: [handle], method: 'ncalayer', options: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } },
    () => undefined,
  );
  onCheckStart = () => core.signing.cancel(jobId);
  const view = (await done).view();
  expect(h.ncalayer!.stats.documents).toBe(1);
  expect(view.phase).toBe('cancelled');
  expect(view.files[0]).toMatchObject({ status: 'cancelled' });
  expect(h.sigex.requests.filter((r) => ['register', 'data'].includes(r.route))).toEqual([]);
  expect(await core.deliveries.list()).toEqual([]);
});
