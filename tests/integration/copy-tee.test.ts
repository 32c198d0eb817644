/**
 * One read of the original for the upload and the copy (issue 12): the upload's read also
 * writes the copy's temp file, and saving the copy only places it. Against the simulators:
 * the copy's bytes, how often the original is opened, what SIGEX stored, what is left on disk.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createCore, type CoreServices } from '../../src-main/core/compose';
import { DEFAULT_DOCUMENT_SETTINGS, type JobView, type SignOptions } from '../../src-main/ipc/contract';
import { FAST_RETRY } from '../support/fast-retry';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

jest.setTimeout(60_000);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const noOptions: SignOptions = { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } };
const SIZE = 3 * 1024 * 1024 + 123; // several read chunks and a short last one
const realOpen = fsp.open.bind(fsp);

let h: Harness;
let core: CoreServices;

beforeEach(async () => {
  h = await startHarness();
  core = await createCore({ dataDir: h.dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY });
});
afterEach(async () => {
  jest.restoreAllMocks();
  await core?.deliveries.shutdown();
  await h?.stop();
});

async function sign(file: string, onUpdate: (v: JobView) => void = () => undefined) {
  const handle = (await core.files.add(file)).handle;
  const { done } = core.signing.start({ handles: [handle], method: 'ncalayer', options: noOptions }, onUpdate);
  return (await done).view().files[0]!;
}

type Open = typeof fsp.open;
/**
 * Counts the opens of `file` for reading once SIGEX was asked to register it (the upload and
 * the copy; the reads for the signature come before). `wrap` may change what an open gives.
 */
function watchOpens(file: string, wrap?: (p: string, open: () => ReturnType<Open>) => ReturnType<Open>) {
  /** Each read, with the tee's temp files present when it began. */
  const reads: Array<{ leftovers: string[] }> = [];
  jest.spyOn(fsp, 'open').mockImplementation(((p: string, flags?: string, mode?: number) => {
    const open = () => realOpen(p, flags, mode);
    if (String(p) === file && (flags ?? 'r') === 'r' && h.sigex.requests.some((r) => r.route === 'register')) {
      reads.push({ leftovers: tempFiles().filter((n) => n.endsWith('.up.tmp')) });
    }
    return wrap ? wrap(String(p), open) : open();
  }) as Open);
  return reads;
}

const tempFiles = () => readdirSync(h.workDir).filter((n) => n.startsWith('.sigex-copy-'));
const dataUploads = () => h.sigex.requests.filter((r) => r.route === 'data');

test('the upload and the copy read the original once; the copy has exactly the signed bytes', async () => {
  const bytes = randomBytes(SIZE);
  const file = await writeWorkFile(h, 'contract.pdf', bytes);
  const reads = watchOpens(file);
  const f = await sign(file);
  expect(f).toMatchObject({ status: 'registered', copy: { saved: true } });
  expect(h.sigex.document(f.documentId!)!.dataSha256).toBe(sha(bytes));
  const copy = await fsp.readFile(path.join(h.workDir, f.copy!.name));
  expect(copy.equals(bytes)).toBe(true);
  expect(reads).toHaveLength(1);
  expect((await fsp.readdir(h.workDir)).sort()).toEqual([f.copy!.name, 'contract.pdf'].sort());
});

test('a read-only original still gives a read-only copy from the upload read', async () => {
  const bytes = randomBytes(SIZE);
  const file = await writeWorkFile(h, 'ro.pdf', bytes);
  await fsp.chmod(file, 0o444);
  const reads = watchOpens(file);
  const f = await sign(file);
  expect(f.copy).toMatchObject({ saved: true });
  const copyPath = path.join(h.workDir, f.copy!.name);
  expect((await fsp.stat(copyPath)).mode & 0o777).toBe(0o444);
  expect((await fsp.readFile(copyPath)).equals(bytes)).toBe(true);
  expect(reads).toHaveLength(1);
  expect(tempFiles()).toEqual([]);
});

test('the file changed after signing (same size and time): no copy, no temp file, SIGEX stores no data', async () => {
  const file = await writeWorkFile(h, 'changed.pdf', Buffer.alloc(SIZE, 1));
  const when = new Date('2026-11-30T09:00:00Z');
  await fsp.utimes(file, when, when);
  h.sigex.fault('register', { delayMs: 400 }); // time to change the file while SIGEX registers it
  let changed = false;
  const f = await sign(file, (v) => {
    if (!changed && v.files[0]?.status === 'registering') {
      changed = true;
      writeFileSync(file, Buffer.alloc(SIZE, 2));
      utimesSync(file, when, when);
    }
  });
  expect(changed).toBe(true);
  expect(f).toMatchObject({ status: 'failed', error: { kind: 'file-changed' } });
  expect(f.copy?.saved).not.toBe(true);
  expect(await fsp.readdir(h.workDir)).toEqual(['changed.pdf']);
  expect(h.sigex.documents()[0]!.dataUploaded).toBe(false);
  // The upload was cut before its last byte: SIGEX never got a whole body.
  expect(dataUploads().length).toBeGreaterThan(0);
  for (const r of dataUploads()) expect(r.bytes ?? 0).toBeLessThan(SIZE);
});

describe("the tee's temp file cannot be written: the upload goes on, the copy reads the original again", () => {
  const failing = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
  test.each([
    ['a write fails (disk full)', 'write'],
    ['it cannot be created (folder not writable)', 'open'],
  ])('%s', async (_name, what) => {
    const bytes = randomBytes(SIZE);
    const file = await writeWorkFile(h, 'full.pdf', bytes);
    let teeOpened = false;
    const reads = watchOpens(file, async (p, open) => {
      if (!p.endsWith('.up.tmp')) return open();
      teeOpened = true;
      if (what === 'open') throw failing('EACCES');
      const handle = await open();
      const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
      let writes = 0;
      (handle as unknown as { write: typeof write }).write = (...a) => (++writes > 1 ? Promise.reject(failing('ENOSPC')) : write(...a));
      return handle;
    });
    const f = await sign(file);
    expect(teeOpened).toBe(true);
    expect(f).toMatchObject({ status: 'registered', copy: { saved: true } });
    expect(h.sigex.document(f.documentId!)!.dataSha256).toBe(sha(bytes));
    expect((await fsp.readFile(path.join(h.workDir, f.copy!.name))).equals(bytes)).toBe(true);
    // The copy read the original again, and the half-written temp file was gone by then.
    expect(reads).toEqual([{ leftovers: [] }, { leftovers: [] }]);
    expect((await fsp.readdir(h.workDir)).sort()).toEqual([f.copy!.name, 'full.pdf'].sort());
  });
});

test('an upload retried after a dropped connection: the copy still has exactly the signed bytes', async () => {
  const bytes = randomBytes(SIZE);
  const file = await writeWorkFile(h, 'dropped.pdf', bytes);
  h.sigex.fault('data', { dropAfterBody: true }); // stored, answer lost: the retry sends it all again
  const reads = watchOpens(file);
  const f = await sign(file);
  expect(f).toMatchObject({ status: 'registered', copy: { saved: true } });
  expect(dataUploads().map((r) => r.message ?? 'ok')).toEqual(['ok', 'Document digests are already known']);
  expect((await fsp.readFile(path.join(h.workDir, f.copy!.name))).equals(bytes)).toBe(true);
  // One read per upload attempt, none for the copy: the second attempt's pass was placed.
  expect(reads).toHaveLength(2);
  expect(tempFiles()).toEqual([]);
});

test('stopped (quit) mid-upload: the record waits, no temp file is left; the resumed run saves an exact copy', async () => {
  const size = 48 * 1024 * 1024; // more than the socket buffers hold while SIGEX waits
  const bytes = randomBytes(size);
  const file = await writeWorkFile(h, 'big.bin', bytes);
  h.sigex.fault('data', { delayMs: 1_500 });
  let teeSeen: string[] | null = null;
  let stopping: Promise<void> | null = null;
  const f = await sign(file, (v) => {
    if (!stopping && v.activity?.step === 'uploading' && v.activity.done > 0) {
      teeSeen = tempFiles();
      stopping = core.deliveries.shutdown();
    }
  });
  await stopping;
  expect(teeSeen).toEqual([expect.stringMatching(/^\.sigex-copy-.+\.up\.tmp$/)]);
  expect(f).toMatchObject({ status: 'queued', queue: { reason: { kind: 'cancelled' } } });
  expect(await fsp.readdir(h.workDir)).toEqual(['big.bin']);
  // A fresh process resumes it: uploaded and copied exactly.
  const next = await createCore({ dataDir: h.dataDir, env: h.env, systemLanguage: 'en', retry: FAST_RETRY });
  const result = await next.deliveries.deliverRecord(f.outboxId!);
  expect(result !== 'busy' && result !== 'missing' && result.view.status).toBe('registered');
  const copy = (await fsp.readdir(h.workDir)).find((n) => n.includes('-SigexId'))!;
  expect(sha(await fsp.readFile(path.join(h.workDir, copy)))).toBe(sha(bytes));
  expect(tempFiles()).toEqual([]);
  await next.deliveries.shutdown();
});
