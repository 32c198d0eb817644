/**
 * Files: opaque handles for chosen files, streamed reads and hashes, and the signed copy
 * written without ever overwriting anything or leaving a partial file under its final name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsc, createReadStream, createWriteStream, promises as fsp, type ReadStream } from 'node:fs';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import type { FileEntry } from '../../src-shared/model';
import { staleTemps } from './copy-tee';
import { AppError } from './errors';
import { copyNameFor, currentNamePlatform, fsPath, nameFits, type NamePlatform } from './file-names';
import { realFs, retryLocked, type LockedFs } from './locked-fs';
import { detectSigexId } from './sigex-id';

export interface RegisteredFile {
  handle: string;
  path: string;
  name: string;
  size: number;
}

export interface FileSnapshot {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** Maps files the user chose to random handles; the renderer only ever holds handles. */
export class FileRegistry {
  private readonly byHandle = new Map<string, RegisteredFile>();

  async add(filePath: string): Promise<FileEntry> {
    const absolute = path.resolve(filePath);
    const stat = await fsp.stat(absolute).catch((e: unknown) => {
      throw fileError(e, absolute);
    });
    if (!stat.isFile()) {
      throw new AppError('file-unreadable', `not a regular file: ${absolute}`, { params: { name: path.basename(absolute) } });
    }
    await probeReadable(absolute);
    const handle = `fh_${randomBytes(24).toString('base64url')}`;
    const entry: RegisteredFile = { handle, path: absolute, name: path.basename(absolute), size: stat.size };
    this.byHandle.set(handle, entry);
    return toEntry(entry);
  }

  get(handle: string): RegisteredFile {
    const entry = this.byHandle.get(handle);
    if (!entry) throw new AppError('invalid-input', 'unknown file handle');
    return entry;
  }

  release(handles: readonly string[]): void {
    for (const h of handles) this.byHandle.delete(h);
  }
}

export function toEntry(f: RegisteredFile): FileEntry {
  const id = detectSigexId(f.name);
  return id === null
    ? { handle: f.handle, name: f.name, size: f.size }
    : { handle: f.handle, name: f.name, size: f.size, sigexIdInName: id };
}

async function probeReadable(file: string): Promise<void> {
  try {
    const h = await fsp.open(file, 'r');
    await h.close();
  } catch (e) {
    throw fileError(e, file);
  }
}

/** errno -> a kind the user can act on. */
export function fileError(e: unknown, file: string): AppError {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const params = { name: path.basename(file) };
  if (code === 'EBUSY' || code === 'ETXTBSY' || code === 'EAGAIN') {
    return new AppError('file-in-use', `file is in use: ${file}`, { code, params, cause: e });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('disk-full', `no space left writing ${file}`, { code, params, cause: e });
  if (code === 'ENAMETOOLONG') return new AppError('name-too-long', `name too long: ${file}`, { code, params, cause: e });
  return new AppError('file-unreadable', `cannot read ${file}: ${code || String(e)}`, { code, params, cause: e });
}

/**
 * Reads in chunks of up to 1 MiB. A stream allocates a whole chunk for every read (and one
 * more for the read that finds the end), so a file known to be small gets chunks of its own size
 * (at least 16 KiB): a batch of small files no longer churns two MiB per read.
 */
export function openRead(file: string, expectedSize?: number): ReadStream {
  return createReadStream(file, { highWaterMark: chunkSize(expectedSize) });
}

function chunkSize(expectedSize: number | undefined): number {
  return expectedSize === undefined ? READ_CHUNK : Math.min(READ_CHUNK, Math.max(MIN_READ_CHUNK, expectedSize));
}

/**
 * The bytes of a file chunk by chunk, read into ONE buffer that is reused: a chunk is valid
 * only until the next one is asked for, so the consumer hashes or encodes it, or waits until
 * its write is done, first. A stream allocates a fresh buffer for every read, and on Node 24
 * some 70 MiB of dead read buffers pile up before a GC frees them (peak RSS then grows with
 * the file); one reused buffer keeps memory flat and saves the allocations. `signal` stops
 * the read before the next chunk.
 */
export async function* readChunks(file: string, expectedSize?: number, signal?: AbortSignal): AsyncGenerator<Buffer> {
  signal?.throwIfAborted();
  const h = await fsp.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(chunkSize(expectedSize));
    for (;;) {
      const { bytesRead } = await h.read(buffer, 0, buffer.length, null);
      signal?.throwIfAborted();
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await h.close();
  }
}

const READ_CHUNK = 1 << 20;
const MIN_READ_CHUNK = 16 << 10;

export interface ReadProgress {
  /** Stops the read at once (a user's cancel); the snapshot then fails with `cancelled`. */
  signal?: AbortSignal | undefined;
  /** Bytes read so far, after each chunk. */
  onProgress?: ((done: number) => void) | undefined;
}

/** Size, mtime and SHA-256, streamed. */
export async function snapshot(file: string, o: ReadProgress = {}): Promise<FileSnapshot> {
  try {
    o.signal?.throwIfAborted();
    const before = await fsp.stat(file);
    const hash = createHash('sha256');
    let done = 0;
    for await (const chunk of readChunks(file, before.size, o.signal)) {
      hash.update(chunk);
      o.onProgress?.((done += chunk.length));
    }
    const after = await fsp.stat(file);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new AppError('file-changed', `file changed while reading: ${file}`, { params: { name: path.basename(file) } });
    }
    return { size: before.size, mtimeMs: before.mtimeMs, sha256: hash.digest('hex') };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (o.signal?.aborted)
      throw o.signal.reason instanceof AppError ? o.signal.reason : new AppError('cancelled', 'cancelled', { cause: e });
    throw fileError(e, file);
  }
}

/** Throws file-changed when the file's size or modification time is not the signed one (no read). */
export async function assertSameStat(file: string, signed: Pick<FileSnapshot, 'size' | 'mtimeMs'>): Promise<void> {
  let st: { size: number; mtimeMs: number };
  try {
    st = await fsp.stat(file);
  } catch (e) {
    throw fileError(e, file);
  }
  if (st.size !== signed.size || st.mtimeMs !== signed.mtimeMs) {
    throw new AppError('file-changed', `file changed after signing: ${file}`, { params: { name: path.basename(file) } });
  }
}

/**
 * The signed file's bytes for an upload, checked as they go: each chunk is hashed, and the
 * LAST one is held back until the whole file is known to hash to the signed SHA-256 with the
 * signed size. A file that changed after signing (even with its size and time kept) fails
 * with file-changed before its upload can complete, so SIGEX never stores other bytes; and
 * the file is read once for the upload and the check together, not twice.
 */
export async function* signedChunks(
  file: string,
  signed: Pick<FileSnapshot, 'size' | 'sha256'>,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  const changed = () => new AppError('file-changed', `file changed after signing: ${file}`, { params: { name: path.basename(file) } });
  // Our own copy of the held chunk: readChunks reuses its buffer for the next read.
  let held: Buffer | null = null;
  let total = 0;
  for await (const chunk of readChunks(file, signed.size, signal)) {
    total += chunk.length;
    if (total > signed.size) throw changed();
    hash.update(chunk);
    if (held) yield held; // the consumer writes it whole before asking for the next
    if (!held || held.length < chunk.length) held = Buffer.allocUnsafeSlow(Math.max(chunk.length, held?.length ?? 0));
    chunk.copy(held);
    held = held.subarray(0, chunk.length);
  }
  if (total !== signed.size || hash.digest('hex') !== signed.sha256) throw changed();
  if (held) yield held;
}

/** Throws file-changed when the file is no longer the one that was signed. */
export async function assertUnchanged(file: string, signed: FileSnapshot, o: ReadProgress = {}): Promise<void> {
  const now = await snapshot(file, o);
  if (now.size !== signed.size || now.mtimeMs !== signed.mtimeMs || now.sha256 !== signed.sha256) {
    throw new AppError('file-changed', `file changed after signing: ${file}`, { params: { name: path.basename(file) } });
  }
}

export interface SavedCopy {
  path: string;
  name: string;
}

/**
 * Copies `source` to `<dir>/<name>-SigexId<id>.<ext>`: bytes go to a temp file in the target
 * folder, are checked against the signed hash, then the temp file is hard-linked under the
 * final name (link fails if the name exists, so nothing is ever overwritten); on a taken name
 * "(2)", "(3)"... are tried. Where hard links are unsupported, an exclusive copy is used.
 */
export async function saveSignedCopy(o: {
  source: string;
  dir: string;
  originalName: string;
  documentId: string;
  expectedSha256: string;
  /**
   * Names the temp file (the outbox record id): a run killed mid-copy leaves a temp file the
   * resumed run removes, and a copy placed just before the kill is recognised (same bytes
   * under one of our names) instead of being saved a second time.
   */
  tag?: string;
  /**
   * A temp file in `dir` that already holds the signed bytes, checked and synced (copy-tee.ts:
   * written by the upload's own read): placed as it is, the original is not read again.
   */
  prepared?: string | null | undefined;
  /** Opens the temp file for writing (tests pass a full device to see ENOSPC). */
  createTempStream?: (tmp: string) => NodeJS.WritableStream;
  /** Name rules of the target system (file-names.ts); the current one by default. */
  platform?: NamePlatform;
  /** link / copyFile / rm (tests inject EBUSY / EPERM); retried while locked. */
  fs?: LockedFs;
  /** Waits between attempts on a locked file (tests pass zeros). */
  lockedBackoffMs?: readonly number[];
}): Promise<SavedCopy> {
  const fs = o.fs ?? realFs;
  const retry = <T>(op: () => Promise<T>) => retryLocked(op, o.lockedBackoffMs);
  const platform = o.platform ?? currentNamePlatform();
  const nameFor = (n: number) => copyNameFor(o.originalName, o.documentId, platform, n === 1 ? '' : ` (${n})`);
  const firstName = nameFor(1);
  if (!nameFits(firstName, platform)) {
    throw new AppError('name-too-long', `copy name too long: ${firstName}`, { params: { name: firstName } });
  }
  const tmp = o.prepared ?? fsPath(path.join(o.dir, `.sigex-copy-${o.tag ?? randomBytes(8).toString('hex')}.tmp`));
  try {
    if (o.tag) {
      for (const stale of staleTemps(o.dir, o.tag)) if (stale !== o.prepared) await retry(() => fs.rm(stale, { force: true }));
      const placed = await findPlacedCopy(o, nameFor);
      if (placed) return placed;
    }
    const mode = o.prepared
      ? await keepPermissions(fsPath(o.source), tmp)
      : await copyVerified(fsPath(o.source), tmp, o.expectedSha256, o.createTempStream ?? exclusiveWriteStream);
    for (let n = 1; n <= 99; n++) {
      const name = nameFor(n);
      if (!nameFits(name, platform)) break;
      const target = path.join(o.dir, name);
      if (!(await placeExclusive(tmp, fsPath(target), fs, retry))) continue;
      // A read-only original gives a read-only copy, but only once the temp name is gone:
      // Windows refuses to delete a read-only file, which would leave the temp file behind.
      if ((mode & 0o200) === 0) {
        // Only once the temp name is really gone: chmod on the copy also makes a hard-linked
        // temp file read-only, which Windows could then never delete. A temp file a scanner
        // still holds keeps the copy writable instead.
        const gone = await retry(() => fs.rm(tmp, { force: true })).then(
          () => true,
          () => false,
        );
        if (gone) await fsp.chmod(fsPath(target), mode).catch((e: unknown) => void e);
      }
      return { path: target, name };
    }
    throw new AppError('copy-failed', `no free name for the signed copy in ${o.dir}`, { params: { name: firstName } });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = fileError(e, path.join(o.dir, firstName));
    throw err.kind === 'file-unreadable' ? new AppError('copy-failed', err.message, { ...err.info, cause: e }) : err;
  } finally {
    // A temp file held by a scanner is not worth failing over: a copy placed under its final
    // name stays a success (a resumed run with the same tag removes the leftover).
    await retry(() => fs.rm(tmp, { force: true })).catch((e: unknown) => void e);
  }
}

/** A copy with exactly the signed bytes already under one of our names (a resumed run). */
async function findPlacedCopy(o: { dir: string; expectedSha256: string }, nameFor: (n: number) => string): Promise<SavedCopy | null> {
  for (let n = 1; n <= 99; n++) {
    const name = nameFor(n);
    const target = path.join(o.dir, name);
    const st = await fsp.stat(fsPath(target)).catch(() => null);
    if (!st) return null;
    if (st.isFile() && (await sha256Of(fsPath(target)).catch(() => null)) === o.expectedSha256) return { path: target, name };
  }
  return null;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of readChunks(file)) hash.update(chunk);
  return hash.digest('hex');
}

function exclusiveWriteStream(file: string): NodeJS.WritableStream {
  return createWriteStream(file, { flags: 'wx', mode: 0o644 });
}

async function copyVerified(
  source: string,
  tmp: string,
  expectedSha256: string,
  createTempStream: (tmp: string) => NodeJS.WritableStream,
): Promise<number> {
  const hash = createHash('sha256');
  const out = createTempStream(tmp);
  let failed: unknown = null;
  const onError = (e: unknown) => (failed ??= e);
  out.on('error', onError);
  try {
    // Each chunk is written before the next is read into the same buffer.
    for await (const chunk of readChunks(source, (await fsp.stat(source)).size)) {
      hash.update(chunk);
      await new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve())));
      if (failed) throw failed;
    }
    out.end();
    await finished(out);
  } catch (e) {
    (out as { destroy?: () => void }).destroy?.();
    // Only once the stream is closed: a source that fails at once (gone, unreadable) fails
    // while the temp file is still being created, and the caller's removal could run first.
    await finished(out).catch((closed: unknown) => void closed);
    throw failed ?? e;
  } finally {
    out.off('error', onError);
  }
  const h = await fsp.open(tmp, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
  if (hash.digest('hex') !== expectedSha256) {
    throw new AppError('file-changed', `file changed after signing: ${source}`, { params: { name: path.basename(source) } });
  }
  return keepPermissions(source, tmp);
}

/**
 * The copy gets the original's permission bits (a private 0600 contract stays private before
 * it has a name), never set-id bits. The temp file stays writable by its owner so that it can
 * be removed on Windows, where only the read-only flag exists; the caller drops the owner's
 * write bit from the placed copy when the original had none. Returns the original's bits.
 */
async function keepPermissions(source: string, tmp: string): Promise<number> {
  const mode = (await fsp.stat(source)).mode & 0o777;
  await fsp.chmod(tmp, mode | 0o200);
  return mode;
}

/**
 * true = placed; false = the name is taken. The link is retried while the temp file is locked
 * (EBUSY / EPERM from a scanner); EPERM that persists, like ENOTSUP, means no hard links here.
 */
async function placeExclusive(tmp: string, target: string, fs: LockedFs, retry: <T>(op: () => Promise<T>) => Promise<T>): Promise<boolean> {
  try {
    await retry(() => fs.link(tmp, target));
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
  }
  // No hard links here (FAT, some network shares): exclusive create of the final name. A
  // failed attempt removes what it created, so a retry never mistakes it for a taken name.
  try {
    await retry(async () => {
      try {
        await fs.copyFile(tmp, target, fsc.COPYFILE_EXCL);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') await retry(() => fs.rm(target, { force: true }));
        throw e;
      }
    });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}
