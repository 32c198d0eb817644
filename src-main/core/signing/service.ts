/**
 * The signing workflow: check names -> snapshot files -> sign (NCALayer: all files in ONE
 * request; or eGov QR) -> check the signature covers these exact bytes and meets the
 * document's own signer requirements -> write the outbox record -> deliver (register,
 * upload, copy: see deliver.ts). Network trouble after signing leaves the file queued.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileJobView, Language, SettingsView, SignOptions, StartSigningRequest } from '../../../src-shared/model';
import { summarizeCms } from '../cms-info';
import { AppError, toErrorView } from '../errors';
import { readChunks, snapshot, type FileRegistry } from '../files';
import { copyNameFitsBeforeRegistering, currentNamePlatform, type NamePlatform } from '../file-names';
import { detectSigexId } from '../sigex-id';
import { Deliveries } from './deliveries';
import { FileJob } from './file-job';
import { Job, type JobListener } from './job';
import type { NcaLayerPort } from './ports';
import { copyFolder, saveCopyOnRequest } from './register';
import { runQrSigning } from './qr';
import { checkSignedBytes } from './bytes-check';
import { checkRequirements } from './requirements';
import { KAZTOKEN_STORAGE } from '../ncalayer/legacy';

export interface SigningDeps {
  files: FileRegistry;
  /** Settings in effect (env overrides applied). */
  settings: () => SettingsView;
  locale: () => Language;
  ncalayer: (s: SettingsView) => Promise<NcaLayerPort> | NcaLayerPort;
  deliveries: Deliveries;
  /** Name rules of the system copies are written on (file-names.ts); tests pass 'win32'. */
  namePlatform?: NamePlatform;
}

export class SigningService {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: SigningDeps) {}

  get deliveries(): Deliveries {
    return this.deps.deliveries;
  }

  /** Starts a job and returns its id at once; progress arrives through `listener`. */
  start(req: StartSigningRequest, listener: JobListener): { jobId: string; done: Promise<Job> } {
    const jobId = `job_${randomBytes(12).toString('base64url')}`;
    const job = new Job(jobId, req.method, listener);
    const emit = () => job.emit();
    job.files = req.handles.map((h) => {
      const file = this.deps.files.get(h);
      return new FileJob(file, { handle: h, name: file.name, size: file.size, status: 'pending' }, this.deliveries.hooks(emit));
    });
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

  file(jobId: string, handle: string): FileJob {
    const f = this.get(jobId).files.find((x) => x.view.handle === handle);
    if (!f) throw new AppError('invalid-input', 'unknown file in job');
    return f.sameAs ?? f;
  }

  /** "Save copy" when auto-save is off, or again after a failure. */
  async saveCopy(jobId: string, handle: string): Promise<FileJobView> {
    const job = this.get(jobId);
    const f = this.file(jobId, handle);
    await saveCopyOnRequest(f, this.deps.settings(), this.deliveries);
    job.emit();
    return structuredClone({ ...f.view });
  }

  /**
   * "Try again" for a signed file (queued, or failed after its signature was stored): the
   * stored signature is delivered again, no new PIN. Progress arrives as job updates.
   */
  retryFile(jobId: string, handle: string): void {
    const job = this.get(jobId);
    const f = this.file(jobId, handle);
    const id = f.record?.id;
    if (!id || (f.status !== 'queued' && f.status !== 'failed')) {
      throw new AppError('invalid-input', 'this file has no stored signature to deliver again');
    }
    // A delivery that cannot even start (the outbox cannot be locked or read: a full disk) is
    // said on the file; unhandled, it was a rejection nobody caught, and the file said nothing.
    void this.deliveries
      .deliverRecord(id, (fj, done, total, step) => job.delivering(fj, done, total, step))
      .catch((e: unknown) => f.retryFailed(e))
      .then(() => job.emit());
  }

  private async run(job: Job, options: SignOptions): Promise<void> {
    const settings = this.deps.settings();
    const language = this.deps.locale();
    const signal = AbortSignal.any([job.signal, this.deliveries.stopSignal]);
    try {
      markAlreadySigned(job);
      if (settings.autoSaveCopy) refuseTooLongCopyNames(job, this.deps.namePlatform ?? currentNamePlatform());
      await snapshotAll(job, signal);
      if (job.active().length === 0) return finish(job);
      if (job.method === 'ncalayer') await this.signWithNcaLayer(job, settings, signal);
      else await runQrSigning(job, this.deliveries.sigexFor(settings), signal);
      await checkSignatures(job, options, signal);
      for (const f of job.active()) {
        try {
          const copyDir = settings.autoSaveCopy ? copyFolder(f.file.path, settings) : null;
          await this.deliveries.persistSigned(f, { method: job.method, options, language, copyDir });
        } catch (e) {
          f.failNow(e); // the signature could not be stored: nothing is sent
        }
      }
      if (job.active().length === 0) return finish(job);
      job.cancellable = false;
      job.setPhase('registering');
      await deliverAll(job.active(), (f) => this.deliveries.deliverOwned(f, (done, total, step) => job.delivering(f, done, total, step)));
      finish(job);
    } catch (e) {
      // A user's cancel wins over whatever the interrupted step threw.
      job.error = toErrorView(job.signal.aborted ? job.signal.reason : e);
      job.phase = job.error.kind === 'cancelled' ? 'cancelled' : 'failed';
      for (const f of job.files) {
        if (f.status !== 'pending' && f.status !== 'signing') continue;
        if (job.phase === 'cancelled') f.cancel();
        else f.failNow(job.error);
      }
      job.emit();
    }
  }

  private async signWithNcaLayer(job: Job, settings: SettingsView, signal: AbortSignal): Promise<void> {
    job.setPhase('connecting');
    const client = await this.deps.ncalayer(settings);
    // Ends the KAZTOKEN desktop question (below) with the signing: its answer matters only meanwhile.
    const signingOver = new AbortController();
    try {
      const info = await client.connect(signal);
      // KAZTOKEN desktop passes the request on to KAZTOKEN mobile: the UI says so.
      if (info.service === 'KAZTOKEN desktop') job.kaztoken = 'mobile';
      const active = job.active();
      for (const f of active) f.signing();
      job.setPhase('signing');
      // Progress while the files go to NCALayer; once all bytes are out, it waits for the PIN.
      const total = active.reduce((sum, f) => sum + (f.snap?.size ?? f.file.size), 0);
      let sent = 0;
      const sources = active.map((f) => ({
        size: f.snap?.size ?? f.file.size,
        open: () => readChunks(f.file.path, f.snap?.size ?? f.file.size),
        onRead: (bytes: number) => {
          sent += bytes;
          job.act('sending', sent, total, f.view.name);
          if (sent >= total) job.act('pin', total, total);
        },
      }));
      job.act(total === 0 ? 'pin' : 'sending', 0, total, total === 0 ? undefined : active[0]?.view.name);
      const onStorage = (storage: string) => {
        if (storage !== KAZTOKEN_STORAGE || job.kaztoken) return;
        // A KAZTOKEN token plugged into this computer or KAZTOKEN mobile behind KAZTOKEN desktop:
        // until the peer is known to be KAZTOKEN desktop, the UI says what is true of both.
        job.kaztoken = 'token';
        job.emit();
        void this.askKaztokenDesktop(settings, AbortSignal.any([signal, signingOver.signal])).then((yes) => {
          if (!yes || job.kaztoken !== 'token' || job.phase !== 'signing') return;
          job.kaztoken = 'mobile';
          job.emit();
        });
      };
      const cms = await client.sign({ documents: sources, locale: this.deps.locale(), signal, onStorage });
      if (cms.length !== active.length) throw new AppError('ncalayer-protocol', `expected ${active.length} signatures, got ${cms.length}`);
      active.forEach((f, i) => (f.cms = cms[i]));
    } finally {
      signingOver.abort();
      client.close();
    }
  }

  /**
   * Whether the peer is KAZTOKEN desktop, asked on a socket of its own (the signing one is busy
   * with the dialog; the status check opens such sockets too). Any failure or silence: no.
   */
  private async askKaztokenDesktop(settings: SettingsView, signal: AbortSignal): Promise<boolean> {
    let client: NcaLayerPort | null = null;
    try {
      client = await this.deps.ncalayer(settings);
      if (!client.probeKaztoken) return false;
      return (await client.probeKaztoken(signal)) !== null;
    } catch {
      return false;
    } finally {
      client?.close();
    }
  }
}

/** Small files of a batch are delivered this many at a time (SIGEX's answers overlap). */
export const PARALLEL_DELIVERIES = 3;
/** A file this large goes alone: it gets the whole link, and its rate and time left stay true. */
const ALONE_FROM_BYTES = 8 * 1024 * 1024;

/**
 * Delivers a batch's signed files, in order, up to PARALLEL_DELIVERIES small files at a time.
 * Each delivery handles its own failures (queued / failed on the file); an unexpected throw
 * does not stop the others (each holds its own record), and is re-thrown once all are done.
 */
async function deliverAll(files: FileJob[], deliver: (f: FileJob) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { e: unknown } | null = null;
  for (const f of files) {
    const alone = (f.snap?.size ?? f.file.size) >= ALONE_FROM_BYTES;
    while (inFlight.size >= (alone ? 1 : PARALLEL_DELIVERIES)) await Promise.race(inFlight);
    const p: Promise<void> = deliver(f)
      .catch((e: unknown) => void (failure ??= { e }))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (alone) await p;
  }
  await Promise.all(inFlight);
  if (failure) throw (failure as { e: unknown }).e;
}

function markAlreadySigned(job: Job): void {
  for (const f of job.files) {
    const id = detectSigexId(f.file.name);
    if (id) f.alreadySigned(id);
  }
}

/**
 * A copy name that cannot exist on this system is refused before the PIN and before SIGEX:
 * registering first would leave a document whose copy can never be saved under its name.
 */
function refuseTooLongCopyNames(job: Job, platform: NamePlatform): void {
  for (const f of job.active()) {
    if (copyNameFitsBeforeRegistering(f.file.name, platform)) continue;
    f.failNow(new AppError('name-too-long', `the signed copy's name would be too long: ${f.file.name}`, { params: { name: f.file.name } }));
  }
}

/**
 * Hashes each file once; the same file (same real path) given twice is one document. Shown
 * as one "hashing" step over all the files' bytes; a cancel stops the read at once.
 */
async function snapshotAll(job: Job, signal: AbortSignal): Promise<void> {
  const byRealPath = new Map<string, FileJob>();
  const files = job.active();
  const total = files.reduce((sum, f) => sum + f.file.size, 0);
  let before = 0;
  for (const f of files) {
    try {
      const real = await fsp.realpath(f.file.path);
      const twin = byRealPath.get(real);
      if (twin) {
        f.sameAs = twin;
        continue;
      }
      byRealPath.set(real, f);
      const base = before;
      job.act('hashing', base, total, f.view.name);
      f.snap = await snapshot(f.file.path, { signal, onProgress: (done) => job.act('hashing', base + done, total, f.view.name) });
      f.view.size = f.snap.size;
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      f.failNow(e);
    } finally {
      before += f.file.size;
    }
  }
  job.emit();
}

/**
 * Before anything reaches SIGEX: the signature must cover these bytes (in the digest it names;
 * bytes-check.ts) and meet strict requirements.
 */
async function checkSignatures(job: Job, options: SignOptions, signal: AbortSignal): Promise<void> {
  for (const f of job.active()) {
    if (!f.cms || !f.snap) continue;
    try {
      const info = summarizeCms(f.cms);
      f.view.bytesCheck = await checkSignedBytes({
        path: f.file.path,
        name: f.file.name,
        snap: f.snap,
        digestAlgorithm: info.digestAlgorithm,
        messageDigest: info.messageDigest,
        signal,
      });
      if (info.signer) {
        f.signer = {
          subject: info.signer.commonName ?? info.signer.subject,
          ...(info.signer.iin ? { iin: info.signer.iin } : {}),
          ...(info.signer.bin ? { bin: info.signer.bin } : {}),
          ...(info.signer.email ? { email: info.signer.email } : {}),
        };
        job.signer = f.signer;
      }
      checkRequirements(options.settings, info.signer);
    } catch (e) {
      // A cancel during the GOST re-read cancels the job (run() marks the files), not this file.
      if (signal.aborted) throw signal.reason;
      f.failNow(e);
    }
  }
  job.emit();
}

function finish(job: Job): void {
  const files = job.files.map((f) => f.sameAs ?? f);
  const anyDelivered = files.some((f) => f.status === 'registered' || f.status === 'queued');
  const anyProblem = files.some((f) => f.status === 'failed');
  job.phase = anyDelivered || !anyProblem ? 'done' : 'failed';
  job.cancellable = false;
  job.emit();
}
