/**
 * One signing job's observable state. Every change goes out as a fresh JobView snapshot;
 * upload progress is throttled so a fast disk does not flood the renderer.
 */
import type { FileJobView, JobPhase, JobView, QrView, SignerView } from '../../../src-shared/model';
import { toErrorView } from '../errors';
import type { FileSnapshot, RegisteredFile } from '../files';

export interface JobFile {
  file: RegisteredFile;
  view: FileJobView;
  snap?: FileSnapshot;
  cms?: Buffer;
  copyPath?: string;
}

export type JobListener = (view: JobView) => void;

const PROGRESS_INTERVAL_MS = 100;

export class Job {
  readonly abort = new AbortController();
  phase: JobPhase = 'connecting';
  cancellable = true;
  qr?: QrView;
  signer?: SignerView;
  error?: JobView['error'];
  private lastProgressEmit = 0;

  constructor(
    readonly id: string,
    readonly method: 'ncalayer' | 'qr',
    readonly files: JobFile[],
    private readonly listener: JobListener,
  ) {}

  view(): JobView {
    const v: JobView = {
      jobId: this.id,
      method: this.method,
      phase: this.phase,
      files: this.files.map((f) => structuredClone(f.view)),
      cancellable: this.cancellable,
    };
    if (this.qr) v.qr = { ...this.qr };
    if (this.signer) v.signer = { ...this.signer };
    if (this.error) v.error = this.error;
    return v;
  }

  emit(): void {
    this.listener(this.view());
  }

  setPhase(phase: JobPhase): void {
    this.phase = phase;
    this.emit();
  }

  progress(f: JobFile, sent: number, total: number): void {
    f.view.progress = { sent, total };
    const now = Date.now();
    if (sent === total || now - this.lastProgressEmit >= PROGRESS_INTERVAL_MS) {
      this.lastProgressEmit = now;
      this.emit();
    }
  }

  fail(f: JobFile, e: unknown): void {
    f.view.status = 'failed';
    f.view.error = toErrorView(e);
    delete f.view.progress;
  }

  /** Files still going through the workflow. */
  active(): JobFile[] {
    return this.files.filter((f) => f.view.status !== 'failed' && f.view.status !== 'already-signed' && f.view.status !== 'cancelled');
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
}
