/**
 * CopyTee (copy-tee.ts): the upload's chunks written to the copy's temp file on the way, and
 * handed over only when a whole pass ran to its end; saveSignedCopy placing such a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CopyTee, teeTempPath } from '../../src-main/core/copy-tee';
import { saveSignedCopy } from '../../src-main/core/files';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-tee-'));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await fsp.rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CHUNK = 64 * 1024;
const BYTES = randomBytes(5 * CHUNK + 77);

/** The bytes in chunks through ONE reused buffer, as readChunks gives them; `failAt` throws there. */
async function* chunksOf(bytes: Buffer, failAt = -1): AsyncGenerator<Buffer> {
  const buffer = Buffer.alloc(CHUNK);
  for (let at = 0, n = 0; at < bytes.length; at += CHUNK, n++) {
    if (n === failAt) throw new Error('file changed');
    const len = bytes.copy(buffer, 0, at, at + CHUNK);
    yield buffer.subarray(0, len);
  }
}

/** What an upload does with a pass: each chunk copied out before the next is asked for. */
async function drain(chunks: AsyncIterable<Buffer>, stopAfter = Infinity): Promise<Buffer> {
  const sent: Buffer[] = [];
  for await (const c of chunks) {
    sent.push(Buffer.from(c));
    if (sent.length >= stopAfter) break;
  }
  return Buffer.concat(sent);
}

const names = () => fsp.readdir(dir);

test('a whole pass: the temp file holds exactly the bytes, private until placed; the upload got them unchanged', async () => {
  const tee = new CopyTee(teeTempPath(dir, 'rec1'), BYTES.length);
  expect((await drain(tee.wrap(chunksOf(BYTES)))).equals(BYTES)).toBe(true);
  const file = await tee.take();
  expect(file).toBe(path.join(dir, '.sigex-copy-rec1.up.tmp'));
  expect((await fsp.readFile(file!)).equals(BYTES)).toBe(true);
  expect((await fsp.stat(file!)).mode & 0o777).toBe(0o600);
});

test('a retried upload starts the temp file again from nothing: never appended', async () => {
  const tee = new CopyTee(teeTempPath(dir, 'rec2'), BYTES.length);
  await drain(tee.wrap(chunksOf(BYTES)), 3); // the connection dropped after three chunks
  await drain(tee.wrap(chunksOf(BYTES))); // the whole file went in the retry
  await drain(tee.wrap(chunksOf(BYTES))); // and once more (an answer lost after all the bytes)
  const file = await tee.take();
  expect(sha(await fsp.readFile(file!))).toBe(sha(BYTES));
});

test('a pass that did not reach the end is never handed over, and nothing is left', async () => {
  const stopped = new CopyTee(teeTempPath(dir, 'a'), BYTES.length);
  await drain(stopped.wrap(chunksOf(BYTES)), 2);
  expect(await stopped.take()).toBeNull();

  const changed = new CopyTee(teeTempPath(dir, 'b'), BYTES.length);
  await expect(drain(changed.wrap(chunksOf(BYTES, 4)))).rejects.toThrow('file changed');
  expect(await changed.take()).toBeNull();

  // A whole pass, then a retry that was never read: the retry decides, and it did not finish.
  const retried = new CopyTee(teeTempPath(dir, 'c'), BYTES.length);
  await drain(retried.wrap(chunksOf(BYTES)));
  void retried.wrap(chunksOf(BYTES));
  expect(await retried.take()).toBeNull();

  // Fewer bytes than signed.
  const short = new CopyTee(teeTempPath(dir, 'd'), BYTES.length + 1);
  await drain(short.wrap(chunksOf(BYTES)));
  expect(await short.take()).toBeNull();
  expect(await names()).toEqual([]);
});

test('discard removes the temp file; a pass after it writes nothing', async () => {
  const tee = new CopyTee(teeTempPath(dir, 'rec3'), BYTES.length);
  const upload = tee.wrap(chunksOf(BYTES));
  await upload.next();
  await upload.next();
  // The writes run behind the upload: wait until the temp file is there.
  while ((await names()).length === 0) await new Promise((r) => setTimeout(r, 5));
  expect(await names()).toEqual(['.sigex-copy-rec3.up.tmp']);
  await tee.discard();
  expect(await names()).toEqual([]);
  expect((await drain(upload)).length).toBe(BYTES.length - CHUNK * 2);
  expect((await drain(tee.wrap(chunksOf(BYTES)))).equals(BYTES)).toBe(true);
  expect(await tee.take()).toBeNull();
  expect(await names()).toEqual([]);
});

test('a write error gives up the tee at once (its file removed) and the upload still gets every byte', async () => {
  const realOpen = fsp.open.bind(fsp);
  let n = 0;
  jest.spyOn(fsp, 'open').mockImplementation((async (p: string, flags?: string, mode?: number) => {
    const h = await realOpen(p, flags, mode);
    const write = h.write.bind(h) as (...a: unknown[]) => Promise<unknown>;
    (h as unknown as { write: typeof write }).write = (...a) =>
      ++n === 3 ? Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) : write(...a);
    return h;
  }) as typeof fsp.open);
  const tee = new CopyTee(teeTempPath(dir, 'rec4'), BYTES.length);
  const upload = tee.wrap(chunksOf(BYTES));
  const sent: Buffer[] = [];
  for (let i = 0; i < 4; i++) sent.push(Buffer.from((await upload.next()).value as Buffer));
  // The failed write's half-written file is gone before the upload even ends (the disk is full).
  while (n < 3) await new Promise((r) => setTimeout(r, 5));
  while ((await names()).length > 0) await new Promise((r) => setTimeout(r, 5));
  sent.push(await drain(upload));
  expect(Buffer.concat(sent).equals(BYTES)).toBe(true);
  // A retry does not try again this run: the copy is made by reading the original.
  await drain(tee.wrap(chunksOf(BYTES)));
  expect(await tee.take()).toBeNull();
  expect(await names()).toEqual([]);
});

test('a file or link planted under the temp name is replaced, never written through', async () => {
  const victim = path.join(dir, 'victim.txt');
  await fsp.writeFile(victim, 'keep me');
  await fsp.symlink(victim, teeTempPath(dir, 'rec5'));
  const tee = new CopyTee(teeTempPath(dir, 'rec5'), BYTES.length);
  await drain(tee.wrap(chunksOf(BYTES)));
  const file = await tee.take();
  expect((await fsp.lstat(file!)).isFile()).toBe(true);
  expect((await fsp.readFile(file!)).equals(BYTES)).toBe(true);
  expect(await fsp.readFile(victim, 'utf8')).toBe('keep me');
});

describe('saveSignedCopy with the tee', () => {
  const base = (o: { source: string; tag?: string }) => ({
    ...o,
    dir,
    originalName: 'a.pdf',
    documentId: 'lQsqLBaS4nQAIIMm',
    expectedSha256: sha(BYTES),
  });

  test('a prepared temp file is placed as it is (the original is not read) and its name is gone', async () => {
    const source = path.join(dir, 'a.pdf');
    await fsp.writeFile(source, 'the original changed after the upload');
    const tee = new CopyTee(teeTempPath(dir, 'rec6'), BYTES.length);
    await drain(tee.wrap(chunksOf(BYTES)));
    const saved = await saveSignedCopy({ ...base({ source, tag: 'rec6' }), prepared: await tee.take() });
    expect(saved.name).toBe('a-SigexIdlQsqLBaS4nQAIIMm.pdf');
    expect((await fsp.readFile(saved.path)).equals(BYTES)).toBe(true);
    expect((await names()).sort()).toEqual(['a-SigexIdlQsqLBaS4nQAIIMm.pdf', 'a.pdf']);
  });

  test("a resumed run removes a killed run's tee file and copies by reading the original", async () => {
    const source = path.join(dir, 'a.pdf');
    await fsp.writeFile(source, BYTES);
    await fsp.writeFile(teeTempPath(dir, 'rec7'), BYTES.subarray(0, 1000)); // killed mid-upload
    const saved = await saveSignedCopy(base({ source, tag: 'rec7' }));
    expect((await fsp.readFile(saved.path)).equals(BYTES)).toBe(true);
    expect((await names()).sort()).toEqual(['a-SigexIdlQsqLBaS4nQAIIMm.pdf', 'a.pdf']);
  });

  test("a resumed run removes a killed run's copy temp file too, then copies (no EEXIST)", async () => {
    const source = path.join(dir, 'a.pdf');
    await fsp.writeFile(source, BYTES);
    await fsp.writeFile(path.join(dir, '.sigex-copy-rec8.tmp'), BYTES.subarray(0, 1000)); // killed mid-copy
    await fsp.writeFile(teeTempPath(dir, 'rec8'), BYTES.subarray(0, 10)); // and mid-upload before that
    const saved = await saveSignedCopy(base({ source, tag: 'rec8' }));
    expect((await fsp.readFile(saved.path)).equals(BYTES)).toBe(true);
    expect((await names()).sort()).toEqual(['a-SigexIdlQsqLBaS4nQAIIMm.pdf', 'a.pdf']);
  });
});

test('the upload ends the pass right after its last chunk (SIGEX answered at once): the temp file is still handed over', async () => {
  const tee = new CopyTee(teeTempPath(dir, 'rec-early'), BYTES.length);
  // All six chunks received, then the consumer stops asking (return()) instead of reading the end.
  expect((await drain(tee.wrap(chunksOf(BYTES)), 6)).equals(BYTES)).toBe(true);
  const file = await tee.take();
  expect(file).not.toBeNull();
  expect((await fsp.readFile(file!)).equals(BYTES)).toBe(true);
});
