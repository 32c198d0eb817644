/**
 * One signing job (a batch signed in one NCALayer dialog or one QR): its phase and its files'
 * state machines. Every change goes out as a fresh JobView snapshot; upload progress is
 * throttled so a fast disk does not flood the renderer.
 */
import type { JobPhase, JobView, QrView, SignerView, SigningMethod } from '../../../src-shared/model';
import type { FileJob } from './file-job';

export type JobListener = (view: JobView) => void;

const PROGRESS_INTERVAL_MS = 100;

export class Job {
  readonly abort = new AbortController();
  phase: JobPhase = 'connecting';
  cancellable = true;
  qr?: QrView;
  signer?: SignerView;
  error?: JobView['error'];
  files: FileJob[] = [];
  private lastProgressEmit = 0;

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
      files: this.files.map((f) => structuredClone(f.sameAs ? { ...f.sameAs.view, handle: f.view.handle, name: f.view.name } : f.view)),
      cancellable: this.cancellable,
    };
    if (this.qr) v.qr = { ...this.qr };
    if (this.signer) v.signer = { ...this.signer };
    if (this.error) v.error = this.error;
    return v;
  }

  /** While files are delivered, "saving" only when every file still on its way is saving its copy. */
  private shownPhase(): JobPhase {
    if (this.phase !== 'registering') return this.phase;
    const moving = this.files.filter((f) => f.status === 'registering' || f.status === 'uploading' || f.status === 'saving');
    return moving.length > 0 && moving.every((f) => f.status === 'saving') ? 'saving' : 'registering';
  }

  emit(): void {
    this.listener(this.view());
  }

  setPhase(phase: JobPhase): void {
    this.phase = phase;
    this.emit();
  }

  progress(f: FileJob, sent: number, total: number): void {
    f.view.progress = { sent, total };
    const now = Date.now();
    if (sent === total || now - this.lastProgressEmit >= PROGRESS_INTERVAL_MS) {
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
