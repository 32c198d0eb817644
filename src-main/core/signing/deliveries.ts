/**
 * Signed files on their way into SIGEX, in this process: creates their outbox records, runs
 * their deliveries under the record's lock (never two at once, across processes too), finds
 * the live file job of a record so a background retry updates the screen that shows it, and
 * stops cleanly (records stay queued) on quit or Ctrl+C.
 */
import {
  DEFAULT_DOCUMENT_SETTINGS,
  type FileJobView,
  type Language,
  type OutboxItemView,
  type SettingsView,
  type SignOptions,
  type SigningMethod,
} from '../../../src-shared/model';
import { AppError } from '../errors';
import type { RegisteredFile } from '../files';
import type { HistoryJournal } from '../history/journal';
import type { OutboxRecord } from '../outbox/record';
import { newOutboxId, type Lock, type OutboxStore } from '../outbox/store';
import { CALL_RETRY, QUEUE_RETRY, type RetryPolicy, type Sleep } from '../retry';
import { deliver, type DeliveryContext, type DeliveryProgress } from './deliver';
import { FileJob } from './file-job';
import type { SigexPort } from './ports';

export interface DeliveriesDeps {
  outbox: OutboxStore;
  history: HistoryJournal;
  settings: () => SettingsView;
  locale: () => Language;
  sigex: (s: SettingsView) => SigexPort;
  callPolicy?: RetryPolicy;
  queuePolicy?: RetryPolicy;
  now?: () => number;
  sleep?: Sleep;
}

export type DeliveryResult = 'busy' | 'missing' | FileJob;

export class Deliveries {
  private readonly live = new Map<string, FileJob>();
  private readonly locks = new Map<string, Lock>();
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<unknown>>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: DeliveriesDeps) {}

  get now(): () => number {
    return this.deps.now ?? Date.now;
  }

  /** Called whenever the outbox changed (a record written, delivered, removed). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Hooks for a file job: persistence into the outbox, and the owner's emit. */
  hooks(emit: () => void) {
    return {
      changed: emit,
      persist: async (r: OutboxRecord) => {
        await this.deps.outbox.save(r);
        this.changed();
      },
      forget: async (r: OutboxRecord) => {
        await this.deps.outbox.remove(r.id);
        this.live.delete(r.id);
        this.changed();
      },
    };
  }

  /**
   * The signature exists: its record is written (and locked for this process) before any
   * network call. Throws (e.g. disk full) when it cannot be written: then nothing is sent.
   */
  async persistSigned(
    fj: FileJob,
    o: { method: SigningMethod; options: SignOptions; language: Language; copyDir: string | null; kind?: OutboxRecord['kind'] },
  ): Promise<void> {
    if (!fj.cms || !fj.snap) throw new AppError('internal', 'persistSigned: no signature or snapshot');
    const id = newOutboxId();
    const lock = await this.deps.outbox.lock(id);
    if (!lock) throw new AppError('internal', 'a new outbox record is locked');
    const now = new Date(this.now()).toISOString();
    const record: OutboxRecord = {
      v: 1,
      id,
      kind: o.kind ?? 'register',
      createdAt: now,
      updatedAt: now,
      method: o.method,
      language: o.language,
      file: { path: fj.file.path, name: fj.file.name, size: fj.snap.size, mtimeMs: fj.snap.mtimeMs, sha256: fj.snap.sha256 },
      cms: fj.cms.toString('base64'),
      ...(fj.signer ? { signer: fj.signer } : {}),
      options: o.options,
      copyDir: o.copyDir,
      step: 'signed',
      state: 'active',
      attempts: 0,
    };
    try {
      await fj.signed(record);
    } catch (e) {
      await lock.release();
      throw e;
    }
    this.locks.set(id, lock);
    this.live.set(id, fj);
  }

  /**
   * A co-signature (a signature added to an existing document) goes to disk as an outbox
   * record of kind 'cosign' before it is sent, and is delivered at once. Its lock is taken
   * BEFORE the record is written and held until the delivery is over: no other delivery (this
   * process's worker, or the app / CLI in another process sharing the data dir) can take the
   * record between the write and the send, so the outcome returned is this delivery's own.
   * While SIGEX is unreachable the record then waits in the outbox like a new document.
   * Throws (e.g. disk full) when the record cannot be written: then nothing is sent.
   */
  async deliverCosign(o: {
    file: { path: string; name: string; size: number; mtimeMs: number; sha256: string };
    documentId: string;
    cms: string;
    language: Language;
  }): Promise<FileJob> {
    const id = newOutboxId();
    const lock = await this.deps.outbox.lock(id);
    if (!lock) throw new AppError('internal', 'a new outbox record is locked');
    this.locks.set(id, lock);
    try {
      const now = new Date(this.now()).toISOString();
      const record: OutboxRecord = {
        v: 1,
        id,
        kind: 'cosign',
        createdAt: now,
        updatedAt: now,
        method: 'ncalayer',
        language: o.language,
        file: o.file,
        cms: o.cms,
        options: { emails: [], settings: { ...DEFAULT_DOCUMENT_SETTINGS } },
        copyDir: null,
        step: 'signed',
        documentId: o.documentId,
        state: 'active',
        attempts: 0,
      };
      await this.deps.outbox.save(record);
      this.changed();
      return await this.track(() => this.run(record));
    } finally {
      this.locks.delete(id);
      await lock.release();
      this.changed();
    }
  }

  /** Delivers a record this process created and still holds (right after signing). */
  async deliverOwned(fj: FileJob, onProgress?: DeliveryProgress): Promise<void> {
    const id = fj.record?.id;
    const lock = id ? this.locks.get(id) : undefined;
    if (!id || !lock) throw new AppError('internal', 'deliverOwned: not an owned record');
    await this.track(async () => {
      try {
        await deliver(fj, this.context(onProgress));
      } finally {
        this.locks.delete(id);
        await lock.release();
        this.changed();
      }
    });
  }

  /**
   * Delivers a stored record now (the worker's schedule, "retry now", `outbox --retry`).
   * 'busy' when another delivery (this process or another) holds it.
   */
  async deliverRecord(id: string, onProgress?: (fj: FileJob, ...progress: Parameters<DeliveryProgress>) => void): Promise<DeliveryResult> {
    if (this.locks.has(id) || this.stopping.signal.aborted) return 'busy';
    const lock = await this.deps.outbox.lock(id);
    if (!lock) return 'busy';
    this.locks.set(id, lock);
    this.changed();
    try {
      return await this.track(async () => {
        const record = await this.deps.outbox.get(id);
        if (!record) return 'missing';
        return this.run(record, onProgress);
      });
    } finally {
      this.locks.delete(id);
      await lock.release();
      this.changed();
    }
  }

  /** Delivers a record whose lock this process holds. */
  private async run(record: OutboxRecord, onProgress?: (fj: FileJob, ...progress: Parameters<DeliveryProgress>) => void): Promise<FileJob> {
    const fj = this.live.get(record.id) ?? this.detached(record);
    fj.record = record;
    this.live.set(record.id, fj);
    await deliver(fj, this.context(onProgress && ((...p) => onProgress(fj, ...p))));
    return fj;
  }

  /** Removes a record for good (the user chose "Discard"); never while it is being delivered. */
  async discard(id: string): Promise<void> {
    if (this.locks.has(id)) throw new AppError('invalid-input', 'the file is being registered right now');
    const lock = await this.deps.outbox.lock(id);
    if (!lock) throw new AppError('invalid-input', 'the file is being registered right now');
    try {
      await this.deps.outbox.remove(id);
      this.live.delete(id);
    } finally {
      await lock.release();
      this.changed();
    }
  }

  /** The SIGEX client for these settings (the QR path needs it before any record exists). */
  sigexFor(settings: SettingsView): SigexPort {
    return this.deps.sigex(settings);
  }

  /** A copy saved later ("Save copy", "save the copy again" in History) goes into the history entry. */
  async copySaved(outboxId: string, copyPath: string): Promise<void> {
    const entry = await this.deps.history.get(outboxId);
    if (entry) await this.deps.history.replace({ ...entry, copyPath });
  }

  async list(): Promise<OutboxItemView[]> {
    const records = await this.deps.outbox.list();
    return records.map((r) => itemView(r, this.locks.has(r.id)));
  }

  /** How many deliveries this process is running now. */
  get inFlight(): number {
    return this.locks.size;
  }

  /** Stops every delivery (its record stays queued) and waits for them to settle. */
  async shutdown(): Promise<void> {
    this.stopping.abort(new AppError('cancelled', 'stopping'));
    await Promise.allSettled([...this.running]);
  }

  get stopSignal(): AbortSignal {
    return this.stopping.signal;
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    const p = work();
    this.running.add(p);
    try {
      return await p;
    } finally {
      this.running.delete(p);
    }
  }

  private context(onProgress?: DeliveryProgress): DeliveryContext {
    const settings = this.deps.settings();
    return {
      sigex: this.deps.sigex(settings),
      settings,
      lang: this.deps.locale(),
      history: this.deps.history,
      callPolicy: this.deps.callPolicy ?? CALL_RETRY,
      queuePolicy: this.deps.queuePolicy ?? QUEUE_RETRY,
      signal: this.stopping.signal,
      now: this.now,
      ...(onProgress ? { onProgress } : {}),
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    };
  }

  /** A file job for a record no screen shows (an earlier run's, or another process's). */
  private detached(r: OutboxRecord): FileJob {
    const file: RegisteredFile = { handle: `fh_${r.id.slice(3).padEnd(22, '_')}`, path: r.file.path, name: r.file.name, size: r.file.size };
    const view: FileJobView = {
      handle: file.handle,
      name: r.file.name,
      size: r.file.size,
      status: r.state === 'failed' ? 'failed' : 'queued',
      outboxId: r.id,
    };
    const fj = new FileJob(
      file,
      view,
      this.hooks(() => undefined),
    );
    fj.snap = { size: r.file.size, mtimeMs: r.file.mtimeMs, sha256: r.file.sha256 };
    return fj;
  }
}

export function itemView(r: OutboxRecord, working: boolean): OutboxItemView {
  const v: OutboxItemView = {
    id: r.id,
    kind: r.kind,
    name: r.file.name,
    path: r.file.path,
    size: r.file.size,
    method: r.method,
    signedAt: r.createdAt,
    state: working ? 'working' : r.state === 'failed' ? 'failed' : 'queued',
    step: r.step,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'failed' ? null : (r.nextAttemptAt ?? null),
  };
  if (r.documentId) v.documentId = r.documentId;
  if (r.lastError) v.reason = r.lastError as OutboxItemView['reason'];
  return v;
}
