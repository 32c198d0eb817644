/**
 * Delivering one signed file into SIGEX from its outbox record: only the steps still missing
 * run, always with the stored CMS. Exactly once:
 * - POST /api is announced on disk first; if its answer is lost, the SAME CMS is sent again
 *   and SIGEX's "already submitted" leads to the id through POST /api/exported;
 * - a lost answer to /data ("digests are already known") is confirmed by GET /api/{id};
 * - network trouble queues the record (it resumes by itself); a refusal fails it at once.
 */
import * as path from 'node:path';
import { isTransient, type EmailOutcome, type HistoryEntry, type Language, type SettingsView } from '../../../src-shared/model';
import { documentPageUrl, verifyPageUrl } from '../../../src-shared/sigex-pages';
import { CopyTee, teeTempPath } from '../copy-tee';
import { AppError, isAppError, toErrorView } from '../errors';
import { assertSameStat, signedChunks } from '../files';
import type { HistoryJournal } from '../history/journal';
import { stepIndex, type OutboxRecord } from '../outbox/record';
import { backoffDelay, withRetry, type RetryPolicy, type Sleep } from '../retry';
import { buildSigexName, splitExtension } from '../sigex-id';
import type { FileJob } from './file-job';
import { placeCopy } from './register';
import type { RegisterBody, SigexPort } from './ports';

export const ALREADY_SUBMITTED = 'This signature has already been submitted';
export const DIGESTS_KNOWN = 'Document digests are already known';
export const DIGESTS_UPDATE = 'Digests values update required';
/** Files from this size have their copy written by the upload's read (copy-tee.ts). */
const TEE_MIN_BYTES = 1 << 20;

export interface DeliveryContext {
  sigex: SigexPort;
  settings: SettingsView;
  lang: Language;
  history: HistoryJournal;
  /** In-run retries of one call. */
  callPolicy: RetryPolicy;
  /** When a queued record is tried next. */
  queuePolicy: RetryPolicy;
  /** Aborted by a user's cancel or by shutdown (the record then stays queued). */
  signal?: AbortSignal | undefined;
  now: () => number;
  onProgress?: DeliveryProgress;
  sleep?: Sleep;
}

/** Byte progress of a delivery step (upload unless named); 'registering' and 'saving' have no byte count (0 of 0). */
export type DeliveryProgress = (done: number, total: number, step?: 'checking' | 'registering' | 'uploading' | 'saving') => void;

export function registerBody(r: OutboxRecord): RegisterBody {
  const body: RegisterBody = {
    title: r.file.name,
    description: r.file.name,
    signType: 'cms',
    signature: r.cms,
    settings: r.options.settings,
  };
  if (r.options.emails.length > 0) body.emailNotifications = { to: [...r.options.emails] };
  return body;
}

const transient = (e: unknown): boolean => isAppError(e) && isTransient(toErrorView(e));

function before(r: OutboxRecord, step: OutboxRecord['step']): boolean {
  return stepIndex(r.step) < stepIndex(step);
}

/**
 * SIGEX holds everything this record sends: the bytes of a new document (step 'uploaded'), or a
 * co-signature once added (step 'registered'; a co-signature uploads nothing after it). Only
 * our own bookkeeping is left.
 */
function inSigex(r: OutboxRecord): boolean {
  return !before(r, 'uploaded') || (r.kind === 'cosign' && !before(r, 'registered'));
}

export async function deliver(fj: FileJob, ctx: DeliveryContext): Promise<void> {
  const r = fj.record;
  if (!r) throw new AppError('internal', 'deliver: no outbox record');
  // The upload's read also writes the copy's temp file, so saving the copy reads nothing again
  // (small files are copied as before: a batch of them showed no gain, maybe a few ms lost).
  const tee =
    r.kind === 'register' && r.copyDir !== null && before(r, 'uploaded') && r.file.size >= TEE_MIN_BYTES
      ? new CopyTee(teeTempPath(r.copyDir, r.id), r.file.size)
      : null;
  try {
    // The file must still be the one that was signed before its signature or its bytes go
    // anywhere: its size and time are checked here (no read), and the upload checks the bytes
    // themselves as they go (signedChunks: a changed file never completes an upload).
    let changed: unknown = null;
    if (!inSigex(r)) {
      try {
        await assertSameStat(r.file.path, r.file);
      } catch (e) {
        // Registered, and maybe uploaded too with the answer lost: SIGEX is asked first.
        if (!(r.kind === 'register' && r.step === 'registered' && isAppError(e) && e.kind === 'file-changed')) throw e;
        changed = e;
      }
    }
    if (r.kind === 'cosign') return await cosign(fj, r, ctx);
    if (before(r, 'registered')) await register(fj, r, ctx);
    describe(fj, r, ctx);
    if (r.step === 'registered') await upload(fj, r, ctx, tee, changed);
    if (r.step === 'uploaded') await saveCopy(fj, r, ctx, tee);
    if (r.step === 'done') {
      await ctx.history.append(historyEntry(r, fj.view.documentUrl ?? '', ctx.now()));
      await fj.close();
    }
  } catch (e) {
    // The record's step is set before it is written: "uploaded" here means SIGEX has the bytes
    // even when writing that step is what failed (a full disk right after the upload); the same
    // for a co-signature's "registered".
    if (fj.status === 'registered' || fj.status === 'saving' || inSigex(r)) {
      // In SIGEX and uploaded: only our own bookkeeping failed. Never "failed" (it is not).
      await fj.bookkeepingLater(e, ctx.now() + backoffDelay(ctx.queuePolicy, r.attempts + 1)).catch((later: unknown) => void later);
      return;
    }
    if (ctx.signal?.aborted) {
      // Stopped (quit, Ctrl+C): nothing failed, the record continues next time.
      await fj.queue(new AppError('cancelled', 'stopped before it finished'), ctx.now());
    } else if (transient(e) || (!before(r, 'registered') && !isAppError(e))) {
      // A document SIGEX registered whose next step failed on our side (writing its record: a
      // busy or lost disk; SIGEX's and the file's own errors are AppErrors): it waits for the
      // retry like a network failure. Failed, it waited for the user, its bytes never sent.
      await fj.queue(e, ctx.now() + backoffDelay(ctx.queuePolicy, r.attempts + 1));
    } else {
      await fj.fail(e);
    }
  } finally {
    await tee?.discard();
  }
}

/**
 * A co-signature: POST /api/{id} with the stored CMS. "Already submitted" means an earlier
 * attempt got through (its answer was lost); "Digests values update required" sends the bytes
 * again ("digests already known": an earlier re-upload got through) and adds once more. A
 * refusal after an attempt whose answer may have been lost (the document may since have turned
 * private at its signature limit, by OUR signature) is checked with SIGEX before it counts:
 * the signature that SIGEX holds is a success. No upload and no copy: the file carries its id.
 */
async function cosign(fj: FileJob, r: OutboxRecord, ctx: DeliveryContext): Promise<void> {
  const documentId = r.documentId;
  if (!documentId) throw new AppError('internal', 'cosign record without a document id');
  if (before(r, 'registered')) {
    await fj.registering();
    ctx.onProgress?.(0, 0, 'registering');
    const o = { signal: ctx.signal };
    const retry = { policy: ctx.callPolicy, retriable: transient, signal: ctx.signal, ...(ctx.sleep ? { sleep: ctx.sleep } : {}) };
    const keyOf = (e: unknown) => (isAppError(e) ? e.info.sigexKey : undefined);
    const add = async () => {
      try {
        await withRetry(() => ctx.sigex.addSignature(documentId, r.cms, o), retry);
      } catch (e) {
        if (keyOf(e) !== ALREADY_SUBMITTED) throw e;
      }
    };
    try {
      try {
        await add();
      } catch (e) {
        if (keyOf(e) !== DIGESTS_UPDATE) throw e;
        // SIGEX computes the digest it lacks from these bytes: they are checked as they go
        // (signedChunks), so a file changed since it was signed never completes the upload. A
        // separate check before a plain read left the moment between the two open.
        const source = { size: r.file.size, open: () => signedChunks(r.file.path, r.file, ctx.signal) };
        try {
          await withRetry(() => ctx.sigex.uploadData(documentId, source, o), retry);
        } catch (u) {
          if (keyOf(u) !== DIGESTS_KNOWN) throw u;
        }
        await add();
      }
    } catch (e) {
      if (!(isAppError(e) && e.kind === 'sigex-error' && (await signatureIsIn(documentId, r, ctx)))) throw e;
    }
    await fj.registered(documentId);
  }
  describe(fj, r, ctx);
  if (r.step !== 'done') await fj.done({});
  await ctx.history.append(historyEntry(r, fj.view.documentUrl ?? '', ctx.now()));
  await fj.close();
}

/** Does SIGEX hold this record's signature on this document (POST /api/exported)? */
async function signatureIsIn(documentId: string, r: OutboxRecord, ctx: DeliveryContext): Promise<boolean> {
  try {
    const found = await ctx.sigex.findBySignature(r.cms, { signal: ctx.signal });
    return found.documentId === documentId;
  } catch {
    return false; // unknown: the refusal stands
  }
}

async function register(fj: FileJob, r: OutboxRecord, ctx: DeliveryContext): Promise<void> {
  await fj.registering();
  ctx.onProgress?.(0, 0, 'registering');
  const o = { signal: ctx.signal };
  const retry = { policy: ctx.callPolicy, retriable: transient, signal: ctx.signal, ...(ctx.sleep ? { sleep: ctx.sleep } : {}) };
  let documentId: string;
  try {
    ({ documentId } = await withRetry(() => ctx.sigex.register(registerBody(r), o), retry));
  } catch (e) {
    if (!isAppError(e) || e.info.sigexKey !== ALREADY_SUBMITTED) throw e;
    // Our own earlier attempt got through and its answer was lost: find the document.
    try {
      ({ documentId } = await withRetry(() => ctx.sigex.findBySignature(r.cms, o), retry));
    } catch (lookup) {
      if (transient(lookup) || (isAppError(lookup) && lookup.kind === 'cancelled')) throw lookup;
      throw new AppError('id-not-returned', 'SIGEX knows the signature but the document id could not be found', {
        params: { name: r.file.name },
        cause: lookup,
      });
    }
  }
  await fj.registered(documentId);
}

/**
 * Uploads the signed bytes. `changed`: the file is known to differ from the signed one (its
 * size or time); nothing is sent then, and only SIGEX already holding the bytes (an earlier
 * upload whose answer was lost) lets the document count as complete.
 */
async function upload(fj: FileJob, r: OutboxRecord, ctx: DeliveryContext, tee: CopyTee | null, changed: unknown = null): Promise<void> {
  const documentId = r.documentId as string;
  fj.uploading();
  const o = { signal: ctx.signal };
  const retry = { policy: ctx.callPolicy, retriable: transient, signal: ctx.signal, ...(ctx.sleep ? { sleep: ctx.sleep } : {}) };
  const chunks = () => signedChunks(r.file.path, r.file, ctx.signal);
  const source = { size: r.file.size, open: () => (tee ? tee.wrap(chunks()) : chunks()) };
  let outcome: { emailOutcome?: EmailOutcome; certificateEmail?: string };
  try {
    if (changed) throw changed;
    outcome = await withRetry(
      () => ctx.sigex.uploadData(documentId, source, { ...o, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) }),
      retry,
    );
  } catch (e) {
    const fileChanged = isAppError(e) && e.kind === 'file-changed';
    if (!isAppError(e) || (e.info.sigexKey !== DIGESTS_KNOWN && !fileChanged)) throw e;
    // An earlier upload got through and its answer was lost: SIGEX has data; is it ours? (The
    // file may have been edited since: SIGEX already holding the signed bytes, the document is
    // complete, and only the copy, made from the file, is refused.)
    const info = await withRetry(() => ctx.sigex.getDocument(documentId, o), retry).catch((lookup: unknown) => {
      throw fileChanged && !transient(lookup) ? e : lookup;
    });
    if (info.signedDataSize !== r.file.size) throw e;
    outcome = {};
  }
  await fj.uploaded(outcome, r.copyDir !== null);
}

async function saveCopy(fj: FileJob, r: OutboxRecord, ctx: DeliveryContext, tee: CopyTee | null): Promise<void> {
  const documentId = r.documentId as string;
  if (r.copyDir === null) {
    fj.view.copy = { name: buildSigexName(r.file.name, documentId), saved: false };
    return fj.done({});
  }
  fj.saving();
  ctx.onProgress?.(0, 0, 'saving');
  const placed = await placeCopy(fj, {
    source: r.file.path,
    dir: r.copyDir,
    originalName: r.file.name,
    documentId,
    expectedSha256: r.file.sha256,
    tag: r.id,
    // Written and checked by this run's upload; null (a resumed or queued record): read again.
    prepared: await tee?.take(),
  });
  if ('error' in placed) return fj.done({ copyError: placed.error });
  // Placed: whatever happens to the bookkeeping after this, the copy is never reported failed.
  await fj.done({ copy: placed.saved });
}

/** Links and names of a registered document on the file's view. */
function describe(fj: FileJob, r: OutboxRecord, ctx: DeliveryContext): void {
  const documentId = r.documentId;
  if (!documentId) return;
  const v = fj.view;
  v.documentId = documentId;
  v.documentUrl = documentPageUrl(ctx.settings.sigexUrl, documentId, ctx.lang);
  v.verifyUrl = verifyPageUrl(ctx.settings.sigexUrl, ctx.lang);
  v.suggestedNames = {
    withExtension: buildSigexName(r.file.name, documentId),
    withoutExtension: `${splitExtension(r.file.name).stem}-SigexId${documentId}`,
  };
  if (r.emailOutcome) v.emailOutcome = r.emailOutcome;
  if (r.certificateEmail) v.certificateEmail = r.certificateEmail;
  if (r.copy) {
    fj.copyPath = r.copy.path;
    v.copy = { name: r.copy.name, saved: true, folder: path.dirname(r.copy.path) };
  }
}

export function historyEntry(r: OutboxRecord, documentUrl: string, now: number): HistoryEntry {
  const e: HistoryEntry = {
    id: r.id,
    kind: r.kind,
    name: r.file.name,
    path: r.file.path,
    size: r.file.size,
    sha256: r.file.sha256,
    signedAt: r.createdAt,
    registeredAt: new Date(now).toISOString(),
    documentId: r.documentId as string,
    documentUrl,
    method: r.method,
  };
  if (r.signer) {
    e.signer = { name: r.signer.subject };
    if (r.signer.iin) e.signer.iin = r.signer.iin;
    if (r.signer.bin) e.signer.bin = r.signer.bin;
  }
  if (r.copy) e.copyPath = r.copy.path;
  if (r.emailOutcome) e.emailOutcome = r.emailOutcome;
  return e;
}
