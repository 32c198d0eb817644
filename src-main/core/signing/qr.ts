/**
 * eGov mobile / eGov Business signing by QR through SIGEX: create the QR, hand over the
 * documents (blocks until the phone fetched them: then the QR is spent), wait for the
 * signatures. The caller registers them like NCALayer's.
 */
import { promises as fsp } from 'node:fs';
import { AppError, isAppError } from '../errors';
import type { Job } from './job';
import type { QrView } from '../../../src-shared/model';
import type { QrDocument, SigexPort } from './ports';

/**
 * The whole file travels base64-encoded inside one JSON request to SIGEX and then to the
 * phone, so the QR path is for office-sized documents. 10 MiB per file, 20 MiB per batch.
 */
import { QR_MAX_FILE_BYTES, QR_MAX_TOTAL_BYTES } from '../../../src-shared/model';
export { QR_MAX_FILE_BYTES, QR_MAX_TOTAL_BYTES };

/** When SIGEX does not say when the QR expires, assume this lifetime (its operations are short-lived). */
export const QR_ASSUMED_TTL_MS = 120_000;

export function mimeFor(name: string): string {
  return /\.pdf$/i.test(name) ? '@file/pdf' : '';
}

export function qrImageDataUrl(base64: string): string {
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  const type = head.subarray(0, 4).toString('latin1') === '\x89PNG' ? 'image/png' : 'image/gif';
  return `data:${type};base64,${base64}`;
}

function checkSizes(job: Job): void {
  let total = 0;
  for (const f of job.active()) {
    total += f.file.size;
    if (f.file.size > QR_MAX_FILE_BYTES) {
      f.failNow(
        new AppError('file-too-large', `too large for QR signing: ${f.file.name}`, {
          params: { name: f.file.name, limitMb: QR_MAX_FILE_BYTES / 1048576 },
        }),
      );
    }
  }
  if (total > QR_MAX_TOTAL_BYTES && job.active().length > 1) {
    throw new AppError('file-too-large', 'the files together are too large for QR signing', {
      params: { name: '', limitMb: QR_MAX_TOTAL_BYTES / 1048576 },
    });
  }
}

export async function runQrSigning(job: Job, sigex: SigexPort, signal: AbortSignal = job.signal): Promise<void> {
  checkSizes(job);
  const files = job.active();
  if (files.length === 0) return;
  const documents: QrDocument[] = [];
  for (const f of files) {
    const bytes = await fsp.readFile(f.file.path);
    if (f.snap && bytes.length !== f.snap.size) throw new AppError('file-changed', 'file changed', { params: { name: f.file.name } });
    documents.push({ name: f.file.name, mime: mimeFor(f.file.name), base64: bytes.toString('base64') });
  }
  job.setPhase('qr-scan');
  const signatures = await qrExchange(sigex, files.map((f) => f.file.name).join(', '), documents, signal, {
    onQr: (qr) => {
      job.qr = qr;
      job.emit();
    },
    onSpent: () => {
      if (job.qr) job.qr = { ...job.qr, spent: true };
      for (const f of files) f.signing();
      job.setPhase('qr-waiting');
    },
  });
  files.forEach((f, i) => (f.cms = signatures[i] as Buffer));
}

/** Told when the QR is there to scan, and when the phone fetched the data (the QR is spent). */
export interface QrHooks {
  onQr(qr: QrView): void;
  onSpent(): void;
}

/**
 * The exchange itself, shared by new documents and co-signatures: create the QR, hand over the
 * documents (the QR expires at expireAt until the phone fetched them), wait for one detached
 * CMS per document, in order.
 */
export async function qrExchange(
  sigex: Pick<SigexPort, 'createQr' | 'sendQrData' | 'waitQrSignatures'>,
  description: string,
  documents: QrDocument[],
  signal: AbortSignal,
  hooks: QrHooks,
): Promise<Buffer[]> {
  const session = await sigex.createQr(description, { signal });
  const expireAt = session.expireAt > 0 ? session.expireAt : Date.now() + QR_ASSUMED_TTL_MS;
  hooks.onQr({
    image: qrImageDataUrl(session.qrCode),
    expireAt,
    eGovMobileLaunchLink: session.eGovMobileLaunchLink,
    eGovBusinessLaunchLink: session.eGovBusinessLaunchLink,
    spent: false,
  });

  // Until the phone fetches the data, the QR expires at expireAt.
  const expiry = new AbortController();
  const timer = setTimeout(() => expiry.abort(new AppError('qr-expired', 'the QR code expired')), Math.max(0, expireAt - Date.now()));
  try {
    await sigex.sendQrData(session.dataURL, documents, { signal: AbortSignal.any([signal, expiry.signal]) });
  } catch (e) {
    if (expiry.signal.aborted) throw expiry.signal.reason;
    throw asQrError(e);
  } finally {
    clearTimeout(timer);
  }
  hooks.onSpent();
  let signatures: string[];
  try {
    signatures = await sigex.waitQrSignatures(session.signURL, { signal });
  } catch (e) {
    throw asQrError(e);
  }
  if (signatures.length !== documents.length) {
    throw new AppError('sigex-server', `expected ${documents.length} signatures from eGov, got ${signatures.length}`);
  }
  return signatures.map(decodeSignature);
}

function decodeSignature(text: string): Buffer {
  const bare = text.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(bare, 'base64');
}

/**
 * SIGEX's QR timeout is the same thing to the user as our own expiry, and a failed exchange
 * with the phone is a refusal or failure in the eGov app: both offer a new QR.
 */
function asQrError(e: unknown): unknown {
  if (isAppError(e) && e.info.sigexKey === 'QR signing operation timeout') {
    return new AppError('qr-expired', e.message, { ...e.info, cause: e });
  }
  if (isAppError(e) && e.info.sigexKey === 'eGov mobile data exchange failed') {
    return new AppError('qr-declined', e.message, { ...e.info, cause: e });
  }
  return e;
}
