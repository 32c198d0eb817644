/**
 * What the working screen is told while a job runs: each step of a long file (reading,
 * sending to NCALayer, the PIN, checking, uploading, saving) with its bytes, the rows of a
 * batch following the job's real phase, and a cancel that stops a long read at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { JobView } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';
import { signFiles } from '../support/sign-files';
import { noOptions, startCore } from '../support/core';

jest.setTimeout(60_000);

let h: Harness;
let core: CoreServices;

beforeEach(async () => {
  h = await startHarness();
  core = await startCore(h);
});
afterEach(async () => {
  await h?.stop();
});

/** The steps in the order they were first seen. */
const stepsOf = (updates: JobView[]) => [...new Set(updates.flatMap((u) => (u.activity ? [u.activity.step] : [])))];

test('a file is shown step by step: reading, sending to NCALayer, PIN, registering, uploading, saving', async () => {
  const size = 6 * 1024 * 1024 + 17;
  const file = await writeWorkFile(h, 'big.bin', Buffer.alloc(size, 7));
  const { view, updates } = await signFiles(core, [file], noOptions);
  expect(view.phase).toBe('done');
  expect(stepsOf(updates)).toEqual(['hashing', 'sending', 'pin', 'registering', 'uploading', 'saving']);

  for (const step of ['hashing', 'sending', 'uploading'] as const) {
    const seen = updates.flatMap((u) => (u.activity?.step === step ? [u.activity] : []));
    // Named, counted against the file's size, never going back, and ending at the last byte.
    expect(seen.every((a) => a.fileName === 'big.bin' && a.total === size && a.done <= a.total)).toBe(true);
    expect(seen.map((a) => a.done)).toEqual([...seen.map((a) => a.done)].sort((a, b) => a - b));
    expect(seen.at(-1)?.done).toBe(size);
  }
  // The PIN wait comes once every byte is with NCALayer, and before anything reaches SIGEX.
  const pin = updates.findIndex((u) => u.activity?.step === 'pin');
  expect(updates.slice(0, pin).some((u) => u.files[0]?.status === 'uploading')).toBe(false);
  // The finished job carries no activity: nothing is "in progress" on the result screen.
  expect(view.activity).toBeUndefined();
});

test('in a batch, signed files wait as "signed" and the job is not "saving" while one still waits', async () => {
  const files = await Promise.all(['a.pdf', 'b.pdf', 'c.pdf'].map((n) => writeWorkFile(h, n, `doc ${n}`)));
  const { view, updates } = await signFiles(core, files, noOptions);
  expect(view.files.map((f) => f.status)).toEqual(['registered', 'registered', 'registered']);
  expect(h.ncalayer!.stats.requests).toBe(1);

  const delivering = updates.filter((u) => u.files.some((f) => ['registering', 'uploading', 'saving'].includes(f.status)));
  expect(delivering.length).toBeGreaterThan(0);
  // Once delivery started, no row says "signing": the others are signed and wait their turn.
  for (const u of delivering) expect(u.files.map((f) => f.status)).not.toContain('signing');
  expect(delivering.some((u) => u.files.some((f) => f.status === 'signed'))).toBe(true);
  // "Saving the copy" only when no file is still waiting to be sent.
  for (const u of updates.filter((x) => x.phase === 'saving')) {
    expect(u.files.map((f) => f.status)).not.toContain('signed');
  }
  // The reading step runs over the whole batch's bytes, naming each file as it goes.
  const hashing = updates.flatMap((u) => (u.activity?.step === 'hashing' ? [u.activity] : []));
  expect(new Set(hashing.map((a) => a.fileName))).toEqual(new Set(['a.pdf', 'b.pdf', 'c.pdf']));
  const total = ['a.pdf', 'b.pdf', 'c.pdf'].reduce((s, n) => s + `doc ${n}`.length, 0);
  expect(hashing.at(-1)).toMatchObject({ done: total, total });
});

test('cancel while a large file is being read stops the read: nothing reaches NCALayer or SIGEX', async () => {
  // A sparse 3 GiB file: reading it takes seconds, writing it takes none.
  const file = path.join(h.workDir, 'huge.iso');
  const fh = await fsp.open(file, 'w');
  await fh.truncate(3 * 1024 ** 3);
  await fh.close();
  const { handle } = await core.files.add(file);
  let cancelledAt = -1;
  const updates: JobView[] = [];
  const { jobId, done } = core.signing.start({ handles: [handle], method: 'ncalayer', options: noOptions }, (v) => {
    updates.push(v);
    if (cancelledAt < 0 && v.activity?.step === 'hashing' && v.activity.done > 0) {
      cancelledAt = v.activity.done;
      core.signing.cancel(jobId);
    }
  });
  const job = await done;
  expect(job.phase).toBe('cancelled');
  expect(job.view().files[0]?.status).toBe('cancelled');
  // The read stopped where it was cancelled, far from the end of the file.
  const lastRead = Math.max(...updates.flatMap((u) => (u.activity?.step === 'hashing' ? [u.activity.done] : [])));
  expect(lastRead).toBeLessThan(1024 ** 3);
  expect(h.ncalayer!.stats.requests).toBe(0);
  expect(h.sigex.requests).toHaveLength(0);
  expect(await fsp.readdir(h.workDir)).toEqual(['huge.iso']);
});

describe('a batch is delivered a few files at a time', () => {
  /** The SIGEX log as "register:<name>" / "data:<name>", in arrival order. */
  const flow = () => {
    const titles = new Map(h.sigex.documents().map((d) => [d.id, d.title]));
    return h.sigex.requests.flatMap((r) => {
      if (r.route === 'register') return [`register:${(r.body as { title: string }).title}`];
      if (r.route === 'data') return [`data:${titles.get(r.path.split('/')[2]!)}`];
      return [];
    });
  };

  test('small files overlap, at most three at once', async () => {
    const names = ['1.pdf', '2.pdf', '3.pdf', '4.pdf', '5.pdf', '6.pdf'];
    const files = await Promise.all(names.map((n) => writeWorkFile(h, n, `small ${n}`)));
    // SIGEX answers each registration slowly: deliveries in flight pile up before any upload.
    for (const _ of names) h.sigex.fault('register', { delayMs: 400 });
    const { view } = await signFiles(core, files, noOptions);
    expect(view.files.every((f) => f.status === 'registered')).toBe(true);
    const log = flow();
    let open = 0;
    let most = 0;
    for (const step of log) {
      if (step.startsWith('register:')) most = Math.max(most, ++open);
      else open--;
    }
    expect(most).toBe(3);
    expect(log.filter((s) => s.startsWith('register:'))).toHaveLength(6);
    expect(h.sigex.documents()).toHaveLength(6);
  });

  test('a large file goes alone: nothing else is sent between its registration and its upload', async () => {
    const small1 = await writeWorkFile(h, 'a.pdf', 'small a');
    const big = await writeWorkFile(h, 'big.bin', Buffer.alloc(9 * 1024 * 1024, 1));
    const small2 = await writeWorkFile(h, 'b.pdf', 'small b');
    const { view } = await signFiles(core, [small1, big, small2], noOptions);
    expect(view.files.every((f) => f.status === 'registered')).toBe(true);
    expect(flow()).toEqual(['register:a.pdf', 'data:a.pdf', 'register:big.bin', 'data:big.bin', 'register:b.pdf', 'data:b.pdf']);
  });
});

test('an update a listener holds never changes afterwards (each update is its own snapshot)', async () => {
  const files = await Promise.all(['x.pdf', 'y.pdf'].map((n) => writeWorkFile(h, n, Buffer.alloc(300_000, n.charCodeAt(0)))));
  const handles = await Promise.all(files.map(async (f) => (await core.files.add(f)).handle));
  const held: JobView[] = [];
  const asSent: string[] = [];
  const { done } = core.signing.start({ handles, method: 'ncalayer', options: noOptions }, (v) => {
    held.push(v);
    asSent.push(JSON.stringify(v));
  });
  await done;
  expect(held.length).toBeGreaterThan(5);
  expect(held.map((v) => JSON.stringify(v))).toEqual(asSent);
});

test('a multi-chunk file of random bytes reaches SIGEX and the copy byte for byte (reads reuse one buffer)', async () => {
  const bytes = randomBytes(5 * 1024 * 1024 + 12_345);
  const file = await writeWorkFile(h, 'random.bin', bytes);
  const { view } = await signFiles(core, [file], noOptions);
  const f = view.files[0]!;
  expect(f.status).toBe('registered');
  const sha = createHash('sha256').update(bytes).digest('hex');
  expect(h.sigex.document(f.documentId!)!.dataSha256).toBe(sha);
  expect(
    createHash('sha256')
      .update(await fsp.readFile(path.join(h.workDir, f.copy!.name)))
      .digest('hex'),
  ).toBe(sha);
});
