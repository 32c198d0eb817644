/**
 * The outbox on disk: one JSON file per signed file in `<dataDir>/outbox/`, each write atomic
 * (temp + fsync + rename), so after a crash at any byte a record is either its old or its new
 * version. A record that cannot be read is moved aside, never deleted. A lock file per record
 * keeps two processes (the app and the CLI share the data directory) from working on the
 * same record at once; a lock left by a dead process is taken over.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../settings';
import { OutboxRecordSchema, type OutboxRecord } from './record';

export const OUTBOX_DIR = 'outbox';

export function newOutboxId(): string {
  return `ob_${randomBytes(12).toString('base64url')}`;
}

export interface Lock {
  release(): Promise<void>;
}

export interface LockOwner {
  pid: number;
  host: string;
  /** When the system the lock was taken on had started (epoch ms); absent in older locks. */
  boot?: number;
  /** The system's uptime (s) when the lock was taken: it only grows until the next restart. */
  uptime?: number;
}

/** When this system started (epoch ms), to the second or so. */
export function systemBootTime(): number {
  return Date.now() - os.uptime() * 1000;
}

/**
 * A lock's boot time this much EARLIER than ours: taken before the system last started. Both
 * are wall-clock estimates (now - uptime), so a clock step moves ours: only a later boot counts
 * (a restart never makes it earlier; a clock set back does), by more than clock trouble gives.
 * A clock set FORWARD looks like a restart: the holder's heartbeat (LOCK_BEAT_MS) tells them apart.
 */
const SAME_BOOT_MS = 60_000;

/**
 * A held lock's file is touched this often. A lock that looks older than the system's start is
 * taken over only when it is not touched over two beats: its holder is gone, whatever the clock
 * did (the reader compares the file's time with itself, never with the clock).
 */
export const LOCK_BEAT_MS = 5_000;

/** Is the process that wrote a lock still there? (Same host only: the data dir is local.) */
export type IsAlive = (owner: LockOwner) => boolean;

export const isProcessAlive: IsAlive = (owner) => {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Taken before this system last started, by its boot time: whoever holds that process id now
 * (after a power cut or a forced restart, often someone else, or this very process) is not the
 * lock's writer. Or the clock was set forward since: see LOCK_BEAT_MS.
 */
function fromEarlierBoot(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  // The uptime needs no clock: smaller now than at the lock means a restart, also one after
  // which the clock is behind (a flat CMOS battery), where the boot time looks earlier.
  if (owner.uptime !== undefined && os.uptime() < owner.uptime) return true;
  return owner.boot !== undefined && systemBootTime() - owner.boot > SAME_BOOT_MS;
}

export class OutboxStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly isAlive: IsAlive = isProcessAlive,
    private readonly beatMs = LOCK_BEAT_MS,
  ) {
    this.dir = path.join(dataDir, OUTBOX_DIR);
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  async save(record: OutboxRecord): Promise<void> {
    record.updatedAt = new Date().toISOString();
    const text = JSON.stringify(record);
    await this.inDir(() => writeFileAtomic(this.file(record.id), text));
  }

  /**
   * Runs `op`, which creates a file in the outbox folder, making the folder first when it is
   * missing (the first write, or the folder removed since): not a mkdir before every write,
   * five per file delivered.
   */
  private async inDir<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await fsp.mkdir(this.dir, { recursive: true });
      return op();
    }
  }

  async get(id: string): Promise<OutboxRecord | null> {
    let text: string;
    try {
      text = await fsp.readFile(this.file(id), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return this.parse(id, text);
  }

  /** Every readable record, oldest first. */
  async list(): Promise<OutboxRecord[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: OutboxRecord[] = [];
    for (const n of names) {
      if (!/^ob_[A-Za-z0-9_-]+\.json$/.test(n)) continue;
      const r = await this.get(n.slice(0, -'.json'.length));
      if (r) out.push(r);
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async remove(id: string): Promise<void> {
    await removeFile(this.file(id));
  }

  /** null when another live process holds the record. */
  async lock(id: string): Promise<Lock | null> {
    const lockFile = path.join(this.dir, `${id}.lock`);
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), boot: systemBootTime(), uptime: os.uptime() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const h = await this.inDir(() => fsp.open(lockFile, 'wx'));
        try {
          await h.writeFile(JSON.stringify(owner));
        } finally {
          await h.close();
        }
        // The heartbeat: proof of life that no clock step can fake (see LOCK_BEAT_MS).
        const beat = setInterval(() => {
          const now = new Date();
          fsp.utimes(lockFile, now, now).catch((e: unknown) => void e);
        }, this.beatMs);
        beat.unref();
        return {
          release: () => {
            clearInterval(beat);
            return removeFile(lockFile);
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const held = await readOwner(lockFile);
      if (held ? await this.holderAlive(lockFile, held) : await isFresh(lockFile)) return null;
      // The owner is gone (or a torn lock file is old: its writer was killed while writing it).
      await removeFile(lockFile);
    }
    return null;
  }

  /**
   * Whether a lock's holder is alive: its process id is taken (by it, or, after a restart, by
   * another process) and, when the lock looks older than the system's start, it still touches
   * the lock (a clock set forward while it holds it).
   */
  private async holderAlive(lockFile: string, owner: LockOwner): Promise<boolean> {
    if (!this.isAlive(owner)) return false;
    if (!fromEarlierBoot(owner)) return true;
    const before = await mtimeOf(lockFile);
    await new Promise((r) => setTimeout(r, 2 * this.beatMs + 100));
    const after = await mtimeOf(lockFile);
    return before !== null && after !== null && after !== before;
  }

  private async parse(id: string, text: string): Promise<OutboxRecord | null> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = null; // handled below: the file is moved aside
    }
    const r = OutboxRecordSchema.safeParse(raw);
    if (r.success && r.data.id === id) return r.data;
    await fsp.rename(this.file(id), `${this.file(id)}.unreadable-${Date.now()}`).catch((e: unknown) => void e);
    return null;
  }
}

/**
 * Removes a file of ours that may already be gone (a record, a lock: plain files, never
 * read-only). fs.rm looks at the path twice before it unlinks it.
 */
async function removeFile(file: string): Promise<void> {
  try {
    await fsp.unlink(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** A lock file too young to judge: its writer may be between creating and filling it. */
async function isFresh(lockFile: string): Promise<boolean> {
  const st = await fsp.stat(lockFile).catch(() => null);
  return st !== null && Date.now() - st.mtimeMs < 5_000;
}

async function mtimeOf(file: string): Promise<number | null> {
  return fsp.stat(file).then(
    (st) => st.mtimeMs,
    () => null,
  );
}

async function readOwner(lockFile: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await fsp.readFile(lockFile, 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return null;
    return {
      pid: o.pid,
      host: o.host,
      ...(typeof o.boot === 'number' ? { boot: o.boot } : {}),
      ...(typeof o.uptime === 'number' ? { uptime: o.uptime } : {}),
    };
  } catch {
    return null; // missing or torn: nobody holds it
  }
}
