/**
 * One signing job (a batch signed in one NCALayer dialog or one QR): its phase, its files'
 * state machines and what it is doing right now (the activity: hashing, sending to NCALayer,
 * waiting for the PIN, checking, uploading, saving). Every change goes out as a fresh JobView
 * snapshot (a file whose view did not change keeps its last one); byte progress is throttled (every 100 ms at most, so well within the 250 ms a
 * progress bar needs) so a fast disk does not flood the renderer.
 */
import type {
  ActivityStep,
  ActivityView,
  FileJobView,
  FileStatus,
  JobPhase,
  JobView,
  KaztokenSource,
  QrView,
  SignerView,
  SigningMethod,
} from '../../../src-shared/model';
import type { FileJob } from './file-job';

export type JobListener = (view: JobView) => void;

const PROGRESS_INTERVAL_MS = 100;
/** A rate (and time left) is shown once a step has run this long: earlier it is noise. */
const RATE_AFTER_MS = 500;
const WORKING: ReadonlySet<JobPhase> = new Set(['connecting', 'signing', 'registering', 'saving']);
/** A file still on its way into SIGEX (besides 'saving'). */
const MOVING: ReadonlySet<FileStatus> = new Set(['signed', 'registering', 'uploading']);

/**
 * A file's view as sent out: its own object and its own nested objects, so that a listener
 * holding an earlier update never sees it change. The state machine replaces nested objects
 * (progress, queue, copy, error...) rather than editing them, so one level is enough; a deep
 * structuredClone of every file on every update cost a batch of 100 files ~0.5 s of CPU.
 */
function fileSnapshot(v: FileJobView): FileJobView {
  const out: FileJobView = { ...v };
  for (const key of Object.keys(out) as Array<keyof FileJobView>) {
    const value = out[key];
    if (value !== null && typeof value === 'object') (out as unknown as Record<string, unknown>)[key] = { ...value };
  }
  return out;
}

export class Job {
  readonly abort = new AbortController();
  phase: JobPhase = 'connecting';
  cancellable = true;
  qr?: QrView;
  signer?: SignerView;
  /** Where the signature is expected from when KAZTOKEN is involved (see JobView.kaztoken). */
  kaztoken?: KaztokenSource;
  error?: JobView['error'];
  files: FileJob[] = [];
  private lastProgressEmit = 0;
  private activity?: ActivityView;
  private stepStart?: { step: ActivityStep; at: number; done: number };
  private readonly snapshots = new WeakMap<FileJob, { version: number; twinVersion: number; view: FileJobView }>();

  constructor(
    readonly id: string,
    readonly method: SigningMethod,
    private readonly listener: JobListener,
  ) {}

  view(): JobView {
    const v: JobView = {
      jobId: this.id,
      method: this.method,
      phase: this.shownPhase(),
      // A file given twice shows its twin's outcome under its own handle.
      files: this.files.map((f) => this.snapshotOf(f)),
      cancellable: this.cancellable,
    };
    if (this.qr) v.qr = { ...this.qr };
    if (this.signer) v.signer = { ...this.signer };
    if (this.kaztoken) v.kaztoken = this.kaztoken;
    if (this.error) v.error = this.error;
    if (this.activity && WORKING.has(this.phase)) v.activity = { ...this.activity };
    return v;
  }

  /**
   * The file's snapshot, made again only when its view (or its twin's) changed since the last
   * one: most updates concern one file of the batch, and copying or even comparing all of them
   * on each update was most of a 100-file batch's bookkeeping CPU (npm run bench).
   */
  private snapshotOf(f: FileJob): FileJobView {
    const version = f.viewVersion;
    const twinVersion = f.sameAs ? f.sameAs.viewVersion : -1;
    const last = this.snapshots.get(f);
    if (last && last.version === version && last.twinVersion === twinVersion) return last.view;
    // A file given twice shows its twin's outcome under its own handle.
    const source = f.sameAs ? { ...f.sameAs.view, handle: f.view.handle, name: f.view.name } : f.view;
    const view = fileSnapshot(source);
    this.snapshots.set(f, { version, twinVersion, view });
    return view;
  }

  /** While files are delivered, "saving" only when every file still on its way is saving its copy. */
  private shownPhase(): JobPhase {
    if (this.phase !== 'registering') return this.phase;
    // A signed file waiting for its turn is still on its way: the job is not "saving" yet.
    let saving = false;
    for (const f of this.files) {
      const status = f.status;
      if (status === 'saving') saving = true;
      else if (MOVING.has(status)) return 'registering';
    }
    return saving ? 'saving' : 'registering';
  }

  emit(): void {
    this.listener(this.view());
  }

  setPhase(phase: JobPhase): void {
    this.phase = phase;
    this.emit();
  }

  /** A delivery step of one file: the upload also moves its row's bar. */
  delivering(f: FileJob, done: number, total: number, step: 'checking' | 'registering' | 'uploading' | 'saving' = 'uploading'): void {
    if (step === 'uploading') f.view.progress = { sent: done, total };
    this.act(step, done, total, f.view.name);
  }

  /**
   * What the job does now. A new step (or a new file for per-file steps) is emitted at once;
   * byte progress within a step at most every PROGRESS_INTERVAL_MS, and always its last byte.
   */
  act(step: ActivityStep, done: number, total: number, fileName?: string): void {
    const now = Date.now();
    const fresh = this.activity?.step !== step || this.activity.fileName !== fileName;
    if (this.stepStart?.step !== step || (fresh && step !== 'hashing' && step !== 'sending')) {
      this.stepStart = { step, at: now, done };
    }
    const a: ActivityView = { step, done, total, ...(fileName ? { fileName } : {}) };
    const elapsed = now - this.stepStart.at;
    const moved = done - this.stepStart.done;
    if (elapsed >= RATE_AFTER_MS && moved > 0) {
      const rate = (moved * 1000) / elapsed;
      a.bytesPerSecond = Math.round(rate);
      a.secondsLeft = Math.ceil(Math.max(0, total - done) / rate);
    }
    this.activity = a;
    if (fresh || done === total || now - this.lastProgressEmit >= PROGRESS_INTERVAL_MS) {
      this.lastProgressEmit = now;
      this.emit();
    }
  }

  /** Files still going through the workflow. */
  active(): FileJob[] {
    return this.files.filter((f) => f.active);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
}
