/**
 * The signing workflow: check names -> snapshot files -> sign (NCALayer: all files in ONE
 * request; or eGov QR) -> check the signature covers these exact bytes and meets the
 * document's own signer requirements -> check the file did not change -> register ->
 * upload (streamed, retried) -> save the -SigexId copy.
 */
import { randomBytes } from 'node:crypto';
import type { Language, SettingsView, SignOptions, StartSigningRequest } from '../../../src-shared/model';
import { summarizeCms, OID_SHA256 } from '../cms-info';
import { AppError, toErrorView } from '../errors';
import { openRead, snapshot, type FileRegistry } from '../files';
import { detectSigexId } from '../sigex-id';
import { Job, type JobFile, type JobListener } from './job';
import type { NcaLayerPort, SigexPort } from './ports';
import { registerAndUpload, saveCopyFor } from './register';
import { runQrSigning } from './qr';
import { checkRequirements } from './requirements';

export interface SigningDeps {
  files: FileRegistry;
  /** Settings in effect (env overrides applied). */
  settings: () => SettingsView;
  locale: () => Language;
  ncalayer: (s: SettingsView) => Promise<NcaLayerPort> | NcaLayerPort;
  sigex: (s: SettingsView) => SigexPort;
  /** Backoff between upload retries (tests shorten it). */
  retryDelaysMs?: number[];
}

export class SigningService {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: SigningDeps) {}

  /** Starts a job and returns its id at once; progress arrives through `listener`. */
  start(req: StartSigningRequest, listener: JobListener): { jobId: string; done: Promise<Job> } {
    const files: JobFile[] = req.handles.map((h) => {
      const file = this.deps.files.get(h);
      return { file, view: { handle: h, name: file.name, size: file.size, status: 'pending' } };
    });
    const jobId = `job_${randomBytes(12).toString('base64url')}`;
    const job = new Job(jobId, req.method, files, listener);
    this.jobs.set(jobId, job);
    const done = this.run(job, req.options).then(() => job);
    return { jobId, done };
  }

  cancel(jobId: string): void {
    const job = this.get(jobId);
    if (job.cancellable) job.abort.abort(new AppError('cancelled', 'cancelled by the user'));
  }

  get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('invalid-input', 'unknown job');
    return job;
  }

  file(jobId: string, handle: string): JobFile {
    const f = this.get(jobId).files.find((x) => x.view.handle === handle);
    if (!f) throw new AppError('invalid-input', 'unknown file in job');
    return f;
  }

  /** "Save copy" when auto-save is off, or again after a failure. */
  async saveCopy(jobId: string, handle: string) {
    const job = this.get(jobId);
    const f = this.file(jobId, handle);
    if (!f.view.documentId || !f.snap) throw new AppError('invalid-input', 'the file is not registered yet');
    await saveCopyFor(f, this.deps.settings());
    job.emit();
    return structuredClone(f.view);
  }

  private async run(job: Job, options: SignOptions): Promise<void> {
    const settings = this.deps.settings();
    const sigex = this.deps.sigex(settings);
    try {
      markAlreadySigned(job);
      await snapshotAll(job);
      if (job.active().length === 0) return finish(job);
      if (job.method === 'ncalayer') await this.signWithNcaLayer(job, settings);
      else await runQrSigning(job, sigex);
      checkSignatures(job, options);
      if (job.active().length === 0) return finish(job);
      job.cancellable = false;
      job.setPhase('registering');
      for (const f of job.active()) {
        await registerAndUpload(job, f, sigex, options, settings, this.deps.retryDelaysMs, this.deps.locale());
      }
      finish(job);
    } catch (e) {
      // A user's cancel wins over whatever the interrupted step threw.
      job.error = toErrorView(job.signal.aborted ? job.signal.reason : e);
      job.phase = job.error.kind === 'cancelled' ? 'cancelled' : 'failed';
      for (const f of job.files) {
        if (f.view.status === 'pending' || f.view.status === 'signing') {
          f.view.status = job.phase === 'cancelled' ? 'cancelled' : 'failed';
          if (job.phase === 'failed') f.view.error = job.error;
        }
      }
      job.emit();
    }
  }

  private async signWithNcaLayer(job: Job, settings: SettingsView): Promise<void> {
    job.setPhase('connecting');
    const client = await this.deps.ncalayer(settings);
    try {
      await client.connect(job.signal);
      const active = job.active();
      for (const f of active) f.view.status = 'signing';
      job.setPhase('signing');
      const sources = active.map((f) => ({ size: f.snap?.size ?? f.file.size, open: () => openRead(f.file.path) }));
      const cms = await client.sign({ documents: sources, locale: this.deps.locale(), signal: job.signal });
      if (cms.length !== active.length) throw new AppError('ncalayer-protocol', `expected ${active.length} signatures, got ${cms.length}`);
      active.forEach((f, i) => (f.cms = cms[i]));
    } finally {
      client.close();
    }
  }
}

function markAlreadySigned(job: Job): void {
  for (const f of job.files) {
    const id = detectSigexId(f.file.name);
    if (id) {
      f.view.sigexIdInName = id;
      f.view.status = 'already-signed';
      f.view.error = toErrorView(new AppError('already-signed', `already carries SIGEX id ${id}`, { params: { name: f.file.name, id } }));
    }
  }
}

async function snapshotAll(job: Job): Promise<void> {
  for (const f of job.active()) {
    try {
      f.snap = await snapshot(f.file.path);
      f.view.size = f.snap.size;
    } catch (e) {
      job.fail(f, e);
    }
  }
  job.emit();
}

/** Before anything reaches SIGEX: the signature must cover these bytes and meet strict requirements. */
function checkSignatures(job: Job, options: SignOptions): void {
  for (const f of job.active()) {
    if (!f.cms || !f.snap) continue;
    try {
      const info = summarizeCms(f.cms);
      if (info.digestAlgorithm === OID_SHA256 && info.messageDigest.toString('hex') !== f.snap.sha256) {
        throw new AppError('file-changed', 'the signature does not cover the current bytes of the file', { params: { name: f.file.name } });
      }
      if (info.signer) {
        job.signer = {
          subject: info.signer.commonName ?? info.signer.subject,
          ...(info.signer.iin ? { iin: info.signer.iin } : {}),
          ...(info.signer.bin ? { bin: info.signer.bin } : {}),
          ...(info.signer.email ? { email: info.signer.email } : {}),
        };
      }
      checkRequirements(options.settings, info.signer);
    } catch (e) {
      job.fail(f, e);
    }
  }
  job.emit();
}

function finish(job: Job): void {
  const anyRegistered = job.files.some((f) => f.view.status === 'registered');
  const anyProblem = job.files.some((f) => f.view.status === 'failed');
  job.phase = anyRegistered || !anyProblem ? 'done' : 'failed';
  job.cancellable = false;
  job.emit();
}
