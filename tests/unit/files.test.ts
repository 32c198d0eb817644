import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertUnchanged, fileError, FileRegistry, openRead, readChunks, saveSignedCopy, snapshot } from '../../src-main/core/files';
import * as fs from 'node:fs';
import { createWriteStream } from 'node:fs';
import { realFs, type LockedFs } from '../../src-main/core/locked-fs';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-files-'));
});
afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const ID = 'lQsqLBaS4nQAIIMm';

describe('FileRegistry handles', () => {
  test('a chosen file becomes an opaque handle with name and size', async () => {
    const file = path.join(dir, 'Акт сверки.pdf');
    await fsp.writeFile(file, 'hello');
    const reg = new FileRegistry();
    const entry = await reg.add(file);
    expect(entry).toEqual({ handle: expect.stringMatching(/^fh_[A-Za-z0-9_-]{32}$/), name: 'Акт сверки.pdf', size: 5 });
    expect(entry.handle).not.toContain(dir);
    expect(reg.get(entry.handle).path).toBe(file);
  });

  test('handles cannot be forged or reused after release', async () => {
    const file = path.join(dir, 'a.txt');
    await fsp.writeFile(file, 'x');
    const reg = new FileRegistry();
    const { handle } = await reg.add(file);
    expect(() => reg.get(`fh_${'A'.repeat(32)}`)).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    expect(() => reg.get(file)).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    expect(() => reg.get('__proto__')).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    const other = await reg.add(file);
    expect(other.handle).not.toBe(handle);
    reg.release([handle]);
    expect(() => reg.get(handle)).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
  });

  test('a name with a SIGEX id is flagged', async () => {
    const file = path.join(dir, `a-SigexId${ID}.pdf`);
    await fsp.writeFile(file, 'x');
    expect((await new FileRegistry().add(file)).sigexIdInName).toBe(ID);
  });

  test('missing files, folders and unreadable files give a clear kind', async () => {
    const reg = new FileRegistry();
    await expect(reg.add(path.join(dir, 'nope.pdf'))).rejects.toMatchObject({ kind: 'file-unreadable' });
    await expect(reg.add(dir)).rejects.toMatchObject({ kind: 'file-unreadable' });
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.pdf');
      await fsp.writeFile(locked, 'x');
      await fsp.chmod(locked, 0o000);
      await expect(reg.add(locked)).rejects.toMatchObject({ kind: 'file-unreadable' });
    }
  });
});

describe('snapshot and change detection', () => {
  test('snapshot gives size and SHA-256; a changed file is detected', async () => {
    const file = path.join(dir, 'a.txt');
    await fsp.writeFile(file, 'one');
    const snap = await snapshot(file);
    expect(snap).toMatchObject({ size: 3, sha256: sha('one') });
    await expect(assertUnchanged(file, snap)).resolves.toBeUndefined();
    await fsp.writeFile(file, 'two');
    await expect(assertUnchanged(file, snap)).rejects.toMatchObject({ kind: 'file-changed' });
  });
});

describe('saveSignedCopy', () => {
  async function original(name: string, content = 'signed bytes') {
    const file = path.join(dir, name);
    await fsp.writeFile(file, content);
    return { file, content };
  }

  test('writes <name>-SigexId<id>.<ext> with the same bytes and leaves no temp file', async () => {
    const { file, content } = await original('Отчёт за 2026.v2.xlsx');
    const saved = await saveSignedCopy({
      source: file,
      dir,
      originalName: path.basename(file),
      documentId: ID,
      expectedSha256: sha(content),
    });
    expect(saved.name).toBe(`Отчёт за 2026.v2-SigexId${ID}.xlsx`);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    expect((await fsp.readdir(dir)).sort()).toEqual([path.basename(file), saved.name].sort());
    expect(await fsp.readFile(file, 'utf8')).toBe(content); // original untouched
  });

  test.each([0o600, 0o640, 0o444])('the copy keeps the original permissions (%o)', async (mode) => {
    const { file, content } = await original(`private-${mode.toString(8)}.pdf`);
    await fsp.chmod(file, mode);
    const saved = await saveSignedCopy({
      source: file,
      dir,
      originalName: path.basename(file),
      documentId: ID,
      expectedSha256: sha(content),
    });
    expect((await fsp.stat(saved.path)).mode & 0o777).toBe(mode);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    expect((await fsp.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('a read-only original: the copy is read-only and no temp file is left, even where read-only files cannot be removed (Windows)', async () => {
    const { file, content } = await original('read-only.pdf');
    await fsp.chmod(file, 0o444);
    // Windows: unlinking a read-only file fails with EPERM.
    const windowsLike: LockedFs = {
      ...realFs,
      rm: async (f, o) => {
        const st = await fsp.stat(f).catch(() => null);
        if (st && (st.mode & 0o200) === 0)
          throw Object.assign(new Error(`EPERM: operation not permitted, unlink '${f}'`), { code: 'EPERM' });
        return realFs.rm(f, o);
      },
    };
    const saved = await saveSignedCopy({
      source: file,
      dir,
      originalName: 'read-only.pdf',
      documentId: ID,
      expectedSha256: sha(content),
      fs: windowsLike,
      lockedBackoffMs: [0, 0],
    });
    expect((await fsp.stat(saved.path)).mode & 0o777).toBe(0o444);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    expect((await fsp.readdir(dir)).sort()).toEqual(['read-only.pdf', saved.name].sort());
  });

  test('a read-only original whose temp file a scanner holds: the copy stays writable so the temp file can still go', async () => {
    const { file, content } = await original('held.pdf');
    await fsp.chmod(file, 0o444);
    const tmpHeld: LockedFs = {
      ...realFs,
      rm: async (f, o) => {
        if (path.basename(f).startsWith('.sigex-copy-'))
          throw Object.assign(new Error(`EBUSY: resource busy or locked, unlink '${f}'`), { code: 'EBUSY' });
        return realFs.rm(f, o);
      },
    };
    const saved = await saveSignedCopy({
      source: file,
      dir,
      originalName: 'held.pdf',
      documentId: ID,
      expectedSha256: sha(content),
      fs: tmpHeld,
      lockedBackoffMs: [0, 0],
    });
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    // The leftover (same inode as the copy) is still removable: neither is read-only.
    expect((await fsp.stat(saved.path)).mode & 0o200).toBe(0o200);
    const leftover = (await fsp.readdir(dir)).filter((n) => n.endsWith('.tmp'));
    expect(leftover).toHaveLength(1);
  });

  test('never overwrites: an existing copy stays as it was and "(2)" is used', async () => {
    const { file, content } = await original('report.pdf');
    const taken = path.join(dir, `report-SigexId${ID}.pdf`);
    await fsp.writeFile(taken, 'someone else');
    const saved = await saveSignedCopy({ source: file, dir, originalName: 'report.pdf', documentId: ID, expectedSha256: sha(content) });
    expect(saved.name).toBe(`report (2)-SigexId${ID}.pdf`);
    expect(await fsp.readFile(taken, 'utf8')).toBe('someone else');
    const third = await saveSignedCopy({ source: file, dir, originalName: 'report.pdf', documentId: ID, expectedSha256: sha(content) });
    expect(third.name).toBe(`report (3)-SigexId${ID}.pdf`);
  });

  test('no extension and 0-byte files', async () => {
    const { file } = await original('README', '');
    const saved = await saveSignedCopy({ source: file, dir, originalName: 'README', documentId: ID, expectedSha256: sha('') });
    expect(saved.name).toBe(`README-SigexId${ID}`);
    expect((await fsp.stat(saved.path)).size).toBe(0);
  });

  test('a file changed since signing is refused and nothing is written', async () => {
    const { file } = await original('a.pdf', 'changed');
    await expect(
      saveSignedCopy({ source: file, dir, originalName: 'a.pdf', documentId: ID, expectedSha256: sha('signed') }),
    ).rejects.toMatchObject({
      kind: 'file-changed',
    });
    expect(await fsp.readdir(dir)).toEqual(['a.pdf']);
  });

  test('a name too long for the file system is refused before writing', async () => {
    const long = `${'я'.repeat(120)}.pdf`; // 240 bytes + "-SigexId<16>" > 255
    const { file, content } = await original(long);
    await expect(
      saveSignedCopy({ source: file, dir, originalName: long, documentId: ID, expectedSha256: sha(content) }),
    ).rejects.toMatchObject({
      kind: 'name-too-long',
    });
    expect(await fsp.readdir(dir)).toEqual([long]);
  });

  test('an original gone by the time of the copy leaves no temp file, even where creating it is slow (a network share)', async () => {
    // The read of the original fails at once, while the temp file is still being created: the
    // removal of the temp file must wait for it, or the file appears after it was "removed".
    const copyDir = path.join(dir, 'share');
    await fsp.mkdir(copyDir);
    const slowCreate = (tmp: string) =>
      createWriteStream(tmp, {
        flags: 'wx',
        fs: { ...fs, open: (...args: Parameters<typeof fs.open>) => void setTimeout(() => fs.open(...args), 100) },
      } as unknown as Parameters<typeof createWriteStream>[1]);
    await expect(
      saveSignedCopy({
        source: path.join(dir, 'gone.pdf'),
        dir: copyDir,
        originalName: 'gone.pdf',
        documentId: ID,
        expectedSha256: sha('signed'),
        createTempStream: slowCreate,
      }),
    ).rejects.toMatchObject({ kind: 'copy-failed' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await fsp.readdir(copyDir)).toEqual([]);
  });

  test('an unwritable target folder fails as copy-failed and leaves nothing behind', async () => {
    const { file, content } = await original('a.pdf');
    const missing = path.join(dir, 'no', 'such', 'folder');
    await expect(
      saveSignedCopy({ source: file, dir: missing, originalName: 'a.pdf', documentId: ID, expectedSha256: sha(content) }),
    ).rejects.toMatchObject({
      kind: 'copy-failed',
    });
    expect(await fsp.readdir(dir)).toEqual(['a.pdf']);
  });
});

describe('errors a user can hit on their disk', () => {
  test('disk full while writing the copy: disk-full, and nothing is left in the folder', async () => {
    const file = path.join(dir, 'a.pdf');
    await fsp.writeFile(file, 'x'.repeat(100_000));
    const full = () => createWriteStream('/dev/full');
    await expect(
      saveSignedCopy({
        source: file,
        dir,
        originalName: 'a.pdf',
        documentId: ID,
        expectedSha256: sha('x'.repeat(100_000)),
        createTempStream: full,
      }),
    ).rejects.toMatchObject({ kind: 'disk-full' });
    expect(await fsp.readdir(dir)).toEqual(['a.pdf']);
  });

  test.each([
    ['EBUSY', 'file-in-use'],
    ['EAGAIN', 'file-in-use'],
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['ENAMETOOLONG', 'name-too-long'],
    ['EACCES', 'file-unreadable'],
    ['ENOENT', 'file-unreadable'],
  ])('%s is reported as %s', (code, kind) => {
    const e = Object.assign(new Error(code), { code });
    expect(fileError(e, '/x/Отчёт.xlsx')).toMatchObject({ kind, info: { code, params: { name: 'Отчёт.xlsx' } } });
  });
});

describe('openRead chunk size', () => {
  async function chunksOf(size: number, expected?: number): Promise<{ highWaterMark: number; chunks: number[] }> {
    const file = path.join(dir, `f-${size}`);
    await fsp.writeFile(file, Buffer.alloc(size, 7));
    const stream = openRead(file, expected);
    const chunks: number[] = [];
    for await (const c of stream) chunks.push((c as Buffer).length);
    return { highWaterMark: stream.readableHighWaterMark, chunks };
  }

  test('a small file is read in chunks of its own size (at least 16 KiB), not 1 MiB each', async () => {
    expect(await chunksOf(50 * 1024, 50 * 1024)).toEqual({ highWaterMark: 50 * 1024, chunks: [50 * 1024] });
    expect((await chunksOf(100, 100)).highWaterMark).toBe(16 * 1024);
  });

  test('a large or unknown size reads 1 MiB at a time; a file larger than announced is still read whole', async () => {
    expect(await chunksOf(3 << 20, 3 << 20)).toEqual({ highWaterMark: 1 << 20, chunks: [1 << 20, 1 << 20, 1 << 20] });
    expect((await chunksOf(10, undefined)).highWaterMark).toBe(1 << 20);
    expect((await chunksOf(40 * 1024, 20 * 1024)).chunks).toEqual([20 * 1024, 20 * 1024]);
  });
});

describe('readChunks', () => {
  test('reads the whole file through one reused buffer, chunks of at most 1 MiB', async () => {
    const bytes = Buffer.alloc(3 * 1048576 + 5);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    const file = path.join(dir, 'big.bin');
    await fsp.writeFile(file, bytes);
    const hash = createHash('sha256');
    const buffers = new Set<ArrayBufferLike>();
    const sizes: number[] = [];
    for await (const c of readChunks(file, bytes.length)) {
      hash.update(c);
      buffers.add(c.buffer);
      sizes.push(c.length);
    }
    expect(hash.digest('hex')).toBe(sha(bytes));
    expect(sizes).toEqual([1048576, 1048576, 1048576, 5]);
    expect(buffers.size).toBe(1);
  });

  test('a cancel stops the read before the next chunk; snapshot then fails as cancelled', async () => {
    const file = path.join(dir, 'big.bin');
    await fsp.writeFile(file, Buffer.alloc(4 * 1048576, 1));
    const stop = new AbortController();
    let seen = 0;
    await expect(
      (async () => {
        for await (const c of readChunks(file, 4 * 1048576, stop.signal)) {
          seen += c.length;
          stop.abort(new Error('stop'));
        }
      })(),
    ).rejects.toThrow('stop');
    expect(seen).toBe(1048576);
    const cancel = new AbortController();
    const snap = snapshot(file, { signal: cancel.signal, onProgress: () => cancel.abort() });
    await expect(snap).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
