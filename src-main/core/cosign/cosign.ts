/**
 * Adding my signature to documents that already carry a SIGEX id: every file is signed in ONE
 * NCALayer dialog (or with ONE eGov QR), then each signature goes to POST /api/{id}. `Digests values update
 * required` uploads the same bytes again (POST /api/{id}/data) and retries once. The file is
 * never renamed: it already carries its id. Document rules (limit, unique, requirements) come
 * back as SIGEX errors the catalogue explains in ru / kk / en.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { BytesCheckView, Language } from '../../../src-shared/model';
import { summarizeCms } from '../cms-info';
import { AppError, isAppError, toErrorView, type ErrorView } from '../errors';
import { assertUnchanged, fileError, openRead, signedChunks, snapshot, type FileSnapshot } from '../files';
import type { ByteSource, QrDocument } from '../sigex/client';
import type { Deliveries } from '../signing/deliveries';
import { checkSignedBytes } from '../signing/bytes-check';
import type { NcaLayerPort } from '../signing/ports';
import { mimeFor, QR_MAX_FILE_BYTES, QR_MAX_TOTAL_BYTES, qrExchange, type QrHooks } from '../signing/qr';
import { checkFile, sigexIdOf, type CosignSigexPort, type DocumentCard } from './check';

export const DIGESTS_UPDATE = 'Digests values update required';

export interface CosignContext {
  sigex: CosignSigexPort;
  ncalayer: NcaLayerPort;
  sigexUrl: string;
  lang: Language;
  signal?: AbortSignal;
  /** Told when the NCALayer dialog opens (the CLI prints a hint). */
  onSigning?: () => void;
  /**
   * The outbox: each co-signature is written there before it is sent, waits there while SIGEX
   * is unreachable (status `queued`) and lands in the history once accepted. Without it the
   * signature is sent directly (nothing is kept when that fails).
   */
  deliveries?: Pick<Deliveries, 'deliverCosign'>;
  /**
   * Sign with eGov mobile / eGov Business by QR instead of NCALayer: one QR for all files
   * (each file travels base64 to the phone, so the QR size limits apply). The hooks show the
   * QR and tell when the phone fetched the data.
   */
  qr?: QrHooks;
}

export interface CosignResult {
  file: string;
  status: 'cosigned' | 'failed' | 'queued';
  /** The outbox record of this co-signature (when sent through the outbox). */
  outboxId?: string;
  documentId?: string;
  signId?: number;
  /** The document after the signature was added (absent when only that last look failed). */
  card?: DocumentCard;
  /** The CMS that was produced (base64): kept for the outbox when SIGEX was unreachable. */
  cms?: string;
  snapshot?: FileSnapshot;
  /** The signature was checked to cover these bytes before SIGEX (or could not be: unknown digest). */
  bytesCheck?: BytesCheckView;
  error?: ErrorView;
}

export function fileSource(file: string, size: number): ByteSource {
  return { size, open: () => openRead(file, size) };
}

interface Prepared {
  file: string;
  documentId: string;
  snap: FileSnapshot;
}

/** POST /api/{id}; on "Digests values update required" the bytes go up again, then one retry. */
export async function addSignature(
  sigex: CosignSigexPort,
  p: { file: string; documentId: string; snap: FileSnapshot; cms: string },
  signal?: AbortSignal,
): Promise<{ signId: number }> {
  const o = signal ? { signal } : {};
  try {
    return await sigex.addSignature(p.documentId, p.cms, o);
  } catch (e) {
    if (!(isAppError(e) && e.info.sigexKey === DIGESTS_UPDATE)) throw e;
  }
  // SIGEX computes the digest it lacks from these bytes: checked as they go (signedChunks), so
  // a file changed since it was signed never completes the upload (as in deliver.ts).
  await sigex.uploadData(p.documentId, { size: p.snap.size, open: () => signedChunks(p.file, p.snap, signal) }, o);
  return sigex.addSignature(p.documentId, p.cms, o);
}

export async function cosignFiles(files: readonly string[], ctx: CosignContext): Promise<CosignResult[]> {
  const results: CosignResult[] = files.map((file) => ({ file, status: 'failed' }));
  const ready: Array<{ i: number; p: Prepared }> = [];
  // A document gets ONE signature from this batch: the same file given twice, or two copies of
  // one document, share the first one's outcome instead of adding the signer again.
  const firstOf = new Map<string, number>();
  const twins: Array<{ i: number; of: number }> = [];
  for (const [i, file] of files.entries()) {
    try {
      const documentId = sigexIdOf(file, ctx.sigexUrl, ctx.lang);
      results[i] = { file, status: 'failed', documentId };
      const st = await stat(file).catch(() => null);
      if (st && !st.isFile()) throw new AppError('file-unreadable', `not a file: ${file}`);
      const first = firstOf.get(documentId);
      if (first !== undefined) {
        twins.push({ i, of: first });
        continue;
      }
      ready.push({ i, p: { file, documentId, snap: await snapshot(file) } });
      firstOf.set(documentId, i);
    } catch (e) {
      results[i] = { ...results[i], file, status: 'failed', error: toErrorView(e) };
    }
  }
  const shareOutcomes = () => {
    for (const { i, of } of twins) results[i] = { ...(results[of] as CosignResult), file: files[i] as string };
    return results;
  };
  if (ready.length === 0) return shareOutcomes();

  if (ctx.qr) {
    // Too large for the phone: that file fails here, the others go on.
    for (let k = ready.length - 1; k >= 0; k--) {
      const { i, p } = ready[k] as { i: number; p: Prepared };
      if (p.snap.size > QR_MAX_FILE_BYTES) {
        results[i] = {
          ...results[i],
          file: p.file,
          status: 'failed',
          error: toErrorView(tooLargeForQr(path.basename(p.file), QR_MAX_FILE_BYTES)),
        };
        ready.splice(k, 1);
      }
    }
    if (ready.length === 0) return shareOutcomes();
  }

  let signatures: Buffer[];
  try {
    signatures = ctx.qr ? await signByQr(ready, ctx, ctx.qr) : await signWithNcaLayer(ready, ctx);
    if (signatures.length !== ready.length)
      throw new AppError(ctx.qr ? 'sigex-server' : 'ncalayer-protocol', 'a different number of signatures came back');
  } catch (e) {
    const error = toErrorView(e);
    for (const { i } of ready) results[i] = { ...results[i], file: files[i] as string, status: 'failed', error };
    return shareOutcomes();
  }

  for (const [k, { i, p }] of ready.entries()) {
    const cms = (signatures[k] as Buffer).toString('base64');
    const base: CosignResult = { file: p.file, status: 'failed', documentId: p.documentId, cms, snapshot: p.snap };
    try {
      await assertUnchanged(p.file, p.snap);
      // The signature must cover these bytes, in the digest it names (as for new documents).
      const info = summarizeCms(signatures[k] as Buffer);
      base.bytesCheck = await checkSignedBytes({
        path: p.file,
        name: path.basename(p.file),
        snap: p.snap,
        digestAlgorithm: info.digestAlgorithm,
        messageDigest: info.messageDigest,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      if (ctx.deliveries) {
        const r = await throughOutbox(ctx.deliveries, p, cms, ctx.lang);
        results[i] = { ...base, ...r };
        if (r.status !== 'cosigned') continue;
      } else {
        const { signId } = await addSignature(ctx.sigex, { ...p, cms }, ctx.signal);
        results[i] = { ...base, status: 'cosigned', signId };
      }
    } catch (e) {
      results[i] = { ...base, error: toErrorView(e) };
      continue;
    }
    try {
      const card = await checkFile(p.file, {
        sigex: ctx.sigex,
        sigexUrl: ctx.sigexUrl,
        lang: ctx.lang,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      results[i] = { ...(results[i] as CosignResult), card };
    } catch {
      // The signature is added; only the refreshed list is missing (e.g. the document turned
      // private when its limit was reached). The result stays a success.
    }
  }
  return shareOutcomes();
}

async function signWithNcaLayer(ready: ReadonlyArray<{ p: Prepared }>, ctx: CosignContext): Promise<Buffer[]> {
  try {
    await ctx.ncalayer.connect(ctx.signal);
    ctx.onSigning?.();
    return await ctx.ncalayer.sign({
      documents: ready.map(({ p }) => fileSource(p.file, p.snap.size)),
      locale: ctx.lang,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } finally {
    ctx.ncalayer.close();
  }
}

function tooLargeForQr(name: string, limit: number): AppError {
  return new AppError('file-too-large', `too large for QR signing: ${name || 'the files together'}`, {
    params: { name, limitMb: limit / 1048576 },
  });
}

/**
 * One QR for all files. Should a file change between its hash and this read, the signature
 * will not match the snapshot and the check after signing stops it before SIGEX.
 */
async function signByQr(ready: ReadonlyArray<{ p: Prepared }>, ctx: CosignContext, hooks: QrHooks): Promise<Buffer[]> {
  const total = ready.reduce((n, { p }) => n + p.snap.size, 0);
  if (total > QR_MAX_TOTAL_BYTES && ready.length > 1) throw tooLargeForQr('', QR_MAX_TOTAL_BYTES);
  const documents: QrDocument[] = [];
  for (const { p } of ready) {
    const bytes = await readFile(p.file).catch((e: unknown) => {
      throw fileError(e, p.file);
    });
    const name = path.basename(p.file);
    documents.push({ name, mime: mimeFor(name), base64: bytes.toString('base64') });
  }
  const signal = ctx.signal ?? new AbortController().signal;
  return qrExchangeRenewing(ctx.sigex, documents.map((d) => d.name).join(', '), documents, signal, hooks);
}

/** How many times an expired, unscanned co-sign QR is replaced by a new one before the run ends. */
export const QR_MAX_RENEWALS = 3;

/**
 * The QR exchange, with a QR that expired before the phone fetched the data (nobody scanned it)
 * replaced by a new one, at most `max` times; each QR says how many renewals came before it.
 * Once the phone fetched the data nothing is renewed (the signing is under way in eGov).
 */
export async function qrExchangeRenewing(
  sigex: CosignSigexPort,
  description: string,
  documents: QrDocument[],
  signal: AbortSignal,
  hooks: QrHooks,
  max = QR_MAX_RENEWALS,
): Promise<Buffer[]> {
  for (let done = 0; ; done++) {
    let spent = false;
    try {
      return await qrExchange(sigex, description, documents, signal, {
        onQr: (qr) => hooks.onQr({ ...qr, renewals: { done, max } }),
        onSpent: () => {
          spent = true;
          hooks.onSpent();
        },
      });
    } catch (e) {
      const unscanned = isAppError(e) && e.kind === 'qr-expired' && !spent;
      if (!unscanned || done >= max || signal.aborted) throw e;
    }
  }
}

async function throughOutbox(
  deliveries: Pick<Deliveries, 'deliverCosign'>,
  p: Prepared,
  cms: string,
  lang: Language,
): Promise<Pick<CosignResult, 'status' | 'outboxId' | 'error'>> {
  const fj = await deliveries.deliverCosign({
    file: { path: p.file, name: path.basename(p.file), size: p.snap.size, mtimeMs: p.snap.mtimeMs, sha256: p.snap.sha256 },
    documentId: p.documentId,
    cms,
    language: lang,
  });
  // The record was written and sent under its lock: this outcome is this delivery's own.
  const outboxId = fj.record?.id;
  const v = fj.view;
  if (v.status === 'registered') return { status: 'cosigned', outboxId };
  if (v.status === 'queued') return { status: 'queued', outboxId, ...(v.queue?.reason ? { error: v.queue.reason } : {}) };
  return { status: 'failed', outboxId, ...(v.error ? { error: v.error } : {}) };
}
