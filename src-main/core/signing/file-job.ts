/**
 * One file's way through the workflow: THE state machine. Only this module changes a file's
 * status, and only along the transitions below; once the file is signed, every step is
 * written to its outbox record (through `persist`) BEFORE the network call it announces, so a
 * crash at any point resumes with the missing steps and the stored signature.
 *
 *   pending ─> signing ─> signed ─> registering ─> uploading ─> saving ─> registered
 *      │          │          │            │             │
 *      │          │          └────────────┴─────────────┴──> queued (network; resumes) / failed
 *      │          └──> failed / cancelled
 *      └──> already-signed / failed / cancelled
 *   queued / failed (after signing) ─> registering | uploading | saving | registered (resume)
 */
import type { EmailOutcome, FileJobView, FileStatus, SignerView } from '../../../src-shared/model';
import { AppError, toErrorView } from '../errors';
import type { FileSnapshot, RegisteredFile } from '../files';
import { stepIndex, type OutboxRecord, type Step } from '../outbox/record';

export const TRANSITIONS: Readonly<Record<FileStatus, readonly FileStatus[]>> = {
  pending: ['signing', 'already-signed', 'failed', 'cancelled'],
  signing: ['signed', 'failed', 'cancelled'],
  // Signed and stored in the outbox, waiting for its turn to be sent (a batch sends one by one).
  signed: ['registering', 'queued', 'failed'],
  registering: ['uploading', 'queued', 'failed'],
  uploading: ['saving', 'registered', 'queued', 'failed'],
  saving: ['registered'],
  queued: ['registering', 'uploading', 'saving', 'registered', 'queued', 'failed'],
  failed: ['registering', 'uploading', 'saving', 'registered', 'queued', 'failed'],
  registered: [],
  'already-signed': [],
  cancelled: [],
};

export interface FileJobHooks {
  /** The view changed (the owner emits it, throttled or not). */
  changed(): void;
  /** Writes the record durably; resolves once it is on disk. */
  persist(record: OutboxRecord): Promise<void>;
  /** The record is finished with (moved to the history, or its signature refused for good). */
  forget(record: OutboxRecord): Promise<void>;
}

export class FileJob {
  snap?: FileSnapshot;
  cms?: Buffer;
  record?: OutboxRecord;
  copyPath?: string;
  /** Who signed (from the certificate in the CMS). */
  signer?: SignerView;
  /** Same real path as another file of the job: it shares that file's document. */
  sameAs?: FileJob;
  /** The file's view: each change of one of its fields counts (viewVersion). */
  readonly view: FileJobView;
  private changes = 0;

  constructor(
    readonly file: RegisteredFile,
    view: FileJobView,
    private readonly hooks: FileJobHooks,
  ) {
    this.view = countingChanges(view, () => this.changes++);
  }

  /**
   * Grows with every change of the view's fields, so the job copies only the views that changed
   * since its last update. Nested objects (progress, copy, queue, error...) are always replaced,
   * never edited in place, so a new value of a field is seen here.
   */
  get viewVersion(): number {
    return this.changes;
  }

  get status(): FileStatus {
    return this.view.status;
  }

  /** Still on its way (not finished, failed, skipped or waiting). */
  get active(): boolean {
    return !['failed', 'already-signed', 'cancelled', 'queued', 'registered'].includes(this.status) && !this.sameAs;
  }

  private move(to: FileStatus, fill?: (v: FileJobView) => void): void {
    const from = this.view.status;
    if (!TRANSITIONS[from].includes(to)) throw new AppError('internal', `file job: ${from} -> ${to} is not a transition`);
    this.view.status = to;
    if (to !== 'queued') delete this.view.queue;
    if (to !== 'failed' && to !== 'already-signed') delete this.view.error;
    if (to !== 'uploading') delete this.view.progress;
    fill?.(this.view);
    this.hooks.changed();
  }

  // ------------------------------------------------------------ before the signature

  signing(): void {
    this.move('signing');
  }

  alreadySigned(id: string): void {
    const error = toErrorView(new AppError('already-signed', `already carries SIGEX id ${id}`, { params: { name: this.file.name, id } }));
    this.move('already-signed', (v) => {
      v.sigexIdInName = id;
      v.error = error;
    });
  }

  cancel(): void {
    this.move('cancelled');
  }

  // ------------------------------------------------------------ the durable steps

  /** The signature exists: its record goes to disk before anything is sent. */
  async signed(record: OutboxRecord): Promise<void> {
    this.record = record;
    this.view.outboxId = record.id;
    await this.hooks.persist(record);
    if (this.status === 'signing') this.move('signed');
  }

  /** POST /api is about to be sent (it may get through even if its answer is lost). */
  async registering(): Promise<void> {
    await this.advance('registering', { state: 'active' });
    this.move('registering');
  }

  async registered(documentId: string): Promise<void> {
    await this.advance('registered', { documentId, state: 'active' });
    this.move('uploading', (v) => (v.documentId = documentId));
  }

  async uploaded(outcome: { emailOutcome?: EmailOutcome; certificateEmail?: string }, saving: boolean): Promise<void> {
    await this.advance('uploaded', {
      ...(outcome.emailOutcome ? { emailOutcome: outcome.emailOutcome } : {}),
      ...(outcome.certificateEmail ? { certificateEmail: outcome.certificateEmail } : {}),
    });
    const fill = (v: FileJobView) => {
      if (outcome.emailOutcome) v.emailOutcome = outcome.emailOutcome;
      if (outcome.certificateEmail) v.certificateEmail = outcome.certificateEmail;
    };
    if (this.status !== 'registered') this.move(saving ? 'saving' : 'registered', fill);
    else {
      fill(this.view);
      this.hooks.changed();
    }
  }

  /**
   * A resumed record whose document exists: its bytes go up now. A file already shown
   * registered (the bytes went up, writing that down failed: bookkeepingLater) stays so.
   */
  uploading(): void {
    if (this.status !== 'uploading' && this.status !== 'registered') this.move('uploading');
  }

  /**
   * A resumed record whose bytes are in SIGEX: only the copy is missing. A file already shown
   * registered stays so: its record's later steps could not be written (bookkeepingLater), and
   * the copy step runs again only to find the copy it placed.
   */
  saving(): void {
    if (this.status !== 'saving' && this.status !== 'registered') this.move('saving');
  }

  /** Registration complete; the copy was saved, failed (shown on the copy), or not asked for. */
  async done(patch: Pick<OutboxRecord, 'copy' | 'copyError'>): Promise<void> {
    await this.advance('done', patch);
    if (this.status !== 'registered') this.move('registered');
  }

  /** The record is in the history now (or never will be): drop it from the outbox. */
  async close(): Promise<void> {
    if (this.record) await this.hooks.forget(this.record);
    if (this.status !== 'registered') this.move('registered');
  }

  /** Network-side trouble after signing: the record waits; nothing is lost. */
  async queue(reason: unknown, nextAttemptAt: number | null): Promise<void> {
    const view = toErrorView(reason);
    if (this.record) {
      Object.assign(this.record, { state: 'queued', lastError: view, attempts: this.record.attempts + 1, nextAttemptAt });
      await this.hooks.persist(this.record);
    }
    this.move('queued', (v) => (v.queue = { reason: view, attempts: this.record?.attempts ?? 1, nextAttemptAt }));
  }

  /**
   * Registered and uploaded, but the bookkeeping after it (the outbox step, the history entry)
   * could not be written (a busy or full disk). The file IS registered and stays so on screen;
   * its record waits, queued, for the worker to finish the bookkeeping (no SIGEX call is
   * repeated: the record's step says what is done). When even that cannot be written, the
   * record on disk resumes at the next start.
   */
  async bookkeepingLater(reason: unknown, nextAttemptAt: number): Promise<void> {
    const r = this.record;
    // A co-signature SIGEX accepted whose step could not be written: it has nothing to upload.
    if (this.status === 'registering' && r?.kind === 'cosign') this.move('uploading');
    if (this.status === 'saving' || this.status === 'uploading') this.move('registered');
    if (!r) return;
    Object.assign(r, { state: 'queued', lastError: toErrorView(reason), attempts: r.attempts + 1, nextAttemptAt });
    await this.hooks.persist(r);
  }

  /**
   * Fails the file. A record whose registration may exist in SIGEX stays, marked failed, for
   * "Try again" / "Discard"; one never sent, or refused by SIGEX at registration, is dropped.
   */
  async fail(e: unknown): Promise<void> {
    const view = toErrorView(e);
    const r = this.record;
    if (r) {
      const refusedAtRegistration = r.step === 'registering' && view.kind === 'sigex-error';
      if (r.step === 'signed' || refusedAtRegistration) {
        await this.hooks.forget(r);
        delete this.view.outboxId;
      } else {
        Object.assign(r, { state: 'failed', lastError: view, attempts: r.attempts + 1, nextAttemptAt: null });
        await this.hooks.persist(r);
      }
    }
    this.move('failed', (v) => (v.error = view));
  }

  /**
   * "Try again" could not start (its record could not be locked or read): the reason is shown
   * where the file's last one was; the status and the record stay as they are.
   */
  retryFailed(e: unknown): void {
    const reason = toErrorView(e);
    if (this.status === 'failed') this.view.error = reason;
    else if (this.status === 'queued' && this.view.queue) this.view.queue = { ...this.view.queue, reason };
    this.hooks.changed();
  }

  /** Fails a file that has no record yet (before or while signing). */
  failNow(e: unknown): void {
    const view = toErrorView(e);
    this.move('failed', (v) => (v.error = view));
  }

  private async advance(step: Step, patch: Partial<OutboxRecord>): Promise<void> {
    const r = this.record;
    if (!r) throw new AppError('internal', `file job: step ${step} without a record`);
    if (stepIndex(step) < stepIndex(r.step)) throw new AppError('internal', `file job: step ${r.step} -> ${step} goes back`);
    Object.assign(r, patch, { step });
    delete r.lastError;
    await this.hooks.persist(r);
  }
}

/**
 * The view itself, with each write or removal of a field that changes it counted. Only ever read
 * field by field or copied ({ ...view }): a proxy cannot be structured-cloned.
 */
function countingChanges(view: FileJobView, changed: () => void): FileJobView {
  return new Proxy(view, {
    set(target, key, value: unknown) {
      const t = target as unknown as Record<string | symbol, unknown>;
      if (t[key] !== value || !(key in t)) changed();
      t[key] = value;
      return true;
    },
    deleteProperty(target, key) {
      if (key in target) changed();
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, descriptor) {
      changed();
      return Reflect.defineProperty(target, key, descriptor);
    },
  });
}
