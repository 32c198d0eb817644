/**
 * The signed copy's bytes written while the upload reads them (issue 12): one read of the
 * original feeds the hash, the upload and the copy's temp file, and saving the copy then only
 * places (links) that file instead of reading the whole original a second time.
 *
 * The temp file is handed over only when the upload's read ran to its end in the latest
 * attempt: `signedChunks` yields the last chunk only once the whole file hashed to the signed
 * SHA-256 with the signed size, so a finished pass holds exactly the signed bytes. It is
 * synced before it is handed over. Anything else (a write error, a full disk, a folder that
 * cannot be written, an upload stopped or failed) leaves no temp file, and the copy is then
 * made the old way (files.ts, `copyVerified`), which reports its own errors. The tee never
 * fails the upload. A retried upload starts the file again from nothing.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { fsPath } from './file-names';

/** The tee's temp file of an outbox record, in the copy's folder so that it can be linked there. */
export function teeTempPath(dir: string, tag: string): string {
  return fsPath(path.join(dir, `.sigex-copy-${tag}.up.tmp`));
}

/** Temp files a run killed mid-upload or mid-copy may have left for this record. */
export function staleTemps(dir: string, tag: string): string[] {
  return [fsPath(path.join(dir, `.sigex-copy-${tag}.tmp`)), teeTempPath(dir, tag)];
}

/** Chunks (up to 1 MiB each) copied and waiting for the disk at most, per upload. */
const IN_FLIGHT = 4;

export class CopyTee {
  /** The pass that may write; an older pass (a retried upload's) writes nothing more. */
  private pass = 0;
  private handle: FileHandle | null = null;
  /** File operations one after another: a new pass never races an older pass's last write. */
  private ops: Promise<unknown> = Promise.resolve();
  /** A write failed, or the tee was discarded: no more writes this run. */
  private off = false;
  private complete = false;
  /** A pass has begun: there may be a file to remove. */
  private touched = false;

  /** `file`: the temp file (teeTempPath); `size`: the signed size. */
  constructor(
    readonly file: string,
    private readonly size: number,
  ) {}

  /**
   * The upload's chunks, passed through unchanged and written to the temp file as they go
   * (the write runs while the consumer sends the chunk). Call once per upload attempt: each
   * call starts the temp file again from nothing. `chunks` must give its last chunk only once
   * the bytes are known to be the signed ones (signedChunks holds it back until then): the
   * pass counts as complete when the signed size has been received.
   */
  wrap(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const pass = ++this.pass;
    this.complete = false;
    return this.through(pass, chunks);
  }

  private async *through(pass: number, chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    void this.run(() => this.restart(pass));
    let written = 0;
    // Writes go from buffers of our own, a few in flight: the upload never waits for the disk
    // (the source reuses its buffer for the next read, so each chunk is copied first).
    const free: Buffer[] = [];
    const inFlight: Array<Promise<void>> = [];
    try {
      for await (const chunk of chunks) {
        if (pass === this.pass && !this.off) {
          if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
          let buffer = free.pop();
          if (!buffer || buffer.length < chunk.length) buffer = Buffer.allocUnsafeSlow(chunk.length);
          const mine = buffer.subarray(0, chunk.copy(buffer));
          const at = written;
          const slot = buffer;
          inFlight.push(this.run(() => this.write(pass, mine, at)).then(() => void free.push(slot)));
        }
        written += chunk.length;
        // The chunk that completes the signed size: the source (signedChunks) gives its last
        // chunk only once every byte matched the signed hash, so the file is complete here.
        // Marked before it is passed on: SIGEX may answer as soon as it has the bytes, and the
        // upload then ends this generator at this very yield, never letting the loop finish.
        if (written === this.size) await this.finish(pass, inFlight);
        yield chunk;
      }
    } finally {
      await Promise.all(inFlight);
    }
  }

  /** Every write of this pass done: the pass is complete if it is still the latest one. */
  private async finish(pass: number, inFlight: Array<Promise<void>>): Promise<void> {
    await Promise.all(inFlight);
    await this.run(async () => void (this.complete = pass === this.pass && !this.off && this.handle !== null));
  }

  /**
   * The temp file, synced, when the latest pass wrote all of the signed bytes; otherwise null
   * and no temp file. The caller then owns the file (places it, removes it).
   */
  take(): Promise<string | null> {
    return this.run(async () => {
      const h = this.handle;
      if (!this.complete || this.off || !h) {
        await this.abandon();
        return null;
      }
      this.off = true;
      try {
        await h.sync();
        await h.close();
        this.handle = null;
        return this.file;
      } catch {
        await this.abandon();
        return null;
      }
    });
  }

  /** Removes the temp file (a failed, stopped or finished delivery); never throws. */
  discard(): Promise<void> {
    this.pass++;
    return this.run(() => this.abandon());
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.ops.then(op);
    this.ops = result.catch((e: unknown) => void e);
    return result;
  }

  private async restart(pass: number): Promise<void> {
    if (pass !== this.pass || this.off) return;
    this.touched = true;
    try {
      await this.closeHandle();
      await fsp.rm(this.file, { force: true });
      // Exclusive and private until it is placed: never written through a planted link.
      this.handle = await fsp.open(this.file, 'wx', 0o600);
    } catch {
      await this.abandon();
    }
  }

  private async write(pass: number, chunk: Buffer, position: number): Promise<void> {
    const h = this.handle;
    if (pass !== this.pass || this.off || !h) return;
    try {
      for (let done = 0; done < chunk.length;) {
        done += (await h.write(chunk, done, chunk.length - done, position + done)).bytesWritten;
      }
    } catch {
      // Disk full, a scanner, a folder gone: the copy is made later by reading the original.
      await this.abandon();
    }
  }

  private async abandon(): Promise<void> {
    this.off = true;
    this.complete = false;
    await this.closeHandle();
    if (this.touched) await fsp.rm(this.file, { force: true }).catch((e: unknown) => void e);
  }

  private async closeHandle(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close().catch((e: unknown) => void e);
  }
}
