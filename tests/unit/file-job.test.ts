/**
 * The file job's state machine, the retry policy and the worker's "is it due?" rule.
 */
import { AppError } from '../../src-main/core/errors';
import type { OutboxRecord } from '../../src-main/core/outbox/record';
import { isDue } from '../../src-main/core/outbox/worker';
import { backoffDelay, withRetry, type RetryPolicy } from '../../src-main/core/retry';
import { FileJob, TRANSITIONS } from '../../src-main/core/signing/file-job';
import type { FileStatus, OutboxItemView } from '../../src-main/ipc/contract';

function record(step: OutboxRecord['step'] = 'signed'): OutboxRecord {
  return {
    v: 1,
    id: 'ob_testtesttest',
    kind: 'register',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    method: 'ncalayer',
    language: 'ru',
    file: { path: '/tmp/a.pdf', name: 'a.pdf', size: 1, mtimeMs: 1, sha256: '0'.repeat(64) },
    cms: 'MA==',
    options: {
      emails: [],
      settings: {
        private: false,
        signaturesLimit: 0,
        switchToPrivateAfterLimitReached: false,
        unique: [],
        strictSignersRequirements: false,
        signersRequirements: [],
        documentAccess: [],
      },
    },
    copyDir: '/tmp',
    step,
    state: 'active',
    attempts: 0,
  };
}

function job(status: FileStatus = 'pending') {
  const persisted: Array<Pick<OutboxRecord, 'step' | 'state'>> = [];
  const forgotten: string[] = [];
  let changes = 0;
  const fj = new FileJob(
    { handle: 'fh_x', path: '/tmp/a.pdf', name: 'a.pdf', size: 1 },
    { handle: 'fh_x', name: 'a.pdf', size: 1, status },
    {
      changed: () => changes++,
      persist: async (r) => void persisted.push({ step: r.step, state: r.state }),
      forget: async (r) => void forgotten.push(r.id),
    },
  );
  return { fj, persisted, forgotten, changes: () => changes };
}

describe('file job state machine', () => {
  test('a file goes pending -> signing -> registering -> uploading -> saving -> registered, each durable step written first', async () => {
    const { fj, persisted } = job();
    fj.signing();
    await fj.signed(record());
    await fj.registering();
    expect(fj.status).toBe('registering');
    await fj.registered('ABC123');
    expect(fj.view).toMatchObject({ status: 'uploading', documentId: 'ABC123', outboxId: 'ob_testtesttest' });
    await fj.uploaded({ emailOutcome: 'attached' }, true);
    expect(fj.status).toBe('saving');
    await fj.done({});
    expect(fj.status).toBe('registered');
    expect(persisted.map((p) => p.step)).toEqual(['signed', 'registering', 'registered', 'uploaded', 'done']);
  });

  test('transitions outside the table are refused (a finished file cannot start again)', () => {
    const { fj } = job('registered');
    expect(() => fj.signing()).toThrow(/registered -> signing/);
    const cancelled = job('cancelled').fj;
    expect(() => cancelled.failNow(new Error('x'))).toThrow(/cancelled -> failed/);
    // every status named in the table is a real status with its own list
    for (const to of Object.values(TRANSITIONS).flat()) expect(TRANSITIONS).toHaveProperty(to, expect.any(Array));
  });

  test('steps never go back', async () => {
    const { fj } = job('signing');
    await fj.signed(record('registered'));
    await expect(fj.registering()).rejects.toThrow(/goes back/);
  });

  test('queued keeps the record with its reason and next attempt; failing before registration drops it', async () => {
    const a = job('signing');
    await a.fj.signed(record());
    await a.fj.registering();
    await a.fj.queue(new AppError('network', 'down'), 12345);
    expect(a.fj.view).toMatchObject({ status: 'queued', queue: { reason: { kind: 'network' }, attempts: 1, nextAttemptAt: 12345 } });
    expect(a.fj.record).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: 12345 });

    const b = job('signing');
    await b.fj.signed(record());
    await b.fj.fail(new AppError('file-changed', 'changed'));
    expect(b.forgotten).toEqual(['ob_testtesttest']);
    expect(b.fj.view.outboxId).toBeUndefined();

    const c = job('signing');
    await c.fj.signed(record());
    await c.fj.registering();
    await c.fj.registered('ABC123');
    await c.fj.fail(new AppError('file-changed', 'changed'));
    expect(c.forgotten).toEqual([]);
    expect(c.fj.record).toMatchObject({ state: 'failed', lastError: { kind: 'file-changed' } });
  });

  test('a SIGEX refusal of the registration drops the record; an unknown outcome keeps it', async () => {
    const refused = job('signing');
    await refused.fj.signed(record());
    await refused.fj.registering();
    await refused.fj.fail(new AppError('sigex-error', 'limit', { sigexKey: 'Document signatures limit reached' }));
    expect(refused.forgotten).toHaveLength(1);
    const unknown = job('signing');
    await unknown.fj.signed(record());
    await unknown.fj.registering();
    await unknown.fj.fail(new AppError('id-not-returned', 'lost'));
    expect(unknown.forgotten).toHaveLength(0);
    expect(unknown.fj.record?.state).toBe('failed');
  });
});

describe('retry policy', () => {
  const policy: RetryPolicy = { baseMs: 100, factor: 2, capMs: 500, jitter: 0.5, retries: 3 };

  test('backoff grows by the factor, is capped, and jitter only shortens it', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([100, 200, 400, 500, 500]);
    expect([1, 2, 3].map((n) => backoffDelay(policy, n, () => 0.999))).toEqual([50, 100, 200]);
  });

  test('withRetry retries only what is retriable, up to the policy, pausing by the backoff', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const sleep = async (ms: number) => void pauses.push(ms);
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new AppError('network', 'down');
        },
        { policy, retriable: () => true, sleep, random: () => 0 },
      ),
    ).rejects.toThrow('down');
    expect(calls).toBe(4);
    expect(pauses).toEqual([100, 200, 400]);

    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new AppError('sigex-error', 'no');
        },
        { policy, retriable: () => false, sleep },
      ),
    ).rejects.toThrow('no');
    expect(calls).toBe(1);
  });

  test('an abort stops the waiting at once', async () => {
    const ctl = new AbortController();
    const started = withRetry(
      async () => {
        throw new AppError('network', 'down');
      },
      { policy: { ...policy, baseMs: 60_000, capMs: 60_000 }, retriable: () => true, signal: ctl.signal },
    );
    ctl.abort(new AppError('cancelled', 'stop'));
    await expect(started).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('which queued files the worker takes', () => {
  const item = (o: Partial<OutboxItemView>): OutboxItemView => ({
    id: 'ob_x',
    kind: 'register',
    name: 'a.pdf',
    path: '/a.pdf',
    size: 1,
    method: 'ncalayer',
    signedAt: '',
    state: 'queued',
    step: 'registering',
    attempts: 1,
    nextAttemptAt: 10_000,
    ...o,
  });
  test('backoff respected on schedule; all at start; connection problems at once when SIGEX is back; failed never', () => {
    const net = item({ reason: { kind: 'network', message: '' } });
    const ocsp = item({ reason: { kind: 'sigex-error', sigexKey: 'OCSP server problem', message: '' } });
    expect(isDue(net, 5_000, 'scheduled')).toBe(false);
    expect(isDue(net, 10_000, 'scheduled')).toBe(true);
    expect(isDue(ocsp, 5_000, 'start')).toBe(true);
    expect(isDue(net, 5_000, 'online')).toBe(true);
    expect(isDue(ocsp, 5_000, 'online')).toBe(false);
    expect(isDue(item({ state: 'failed' }), 99_999, 'start')).toBe(false);
    expect(isDue(item({ state: 'working' }), 99_999, 'start')).toBe(false);
  });
});
