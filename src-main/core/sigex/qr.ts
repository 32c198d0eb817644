/**
 * eGov mobile / eGov Business QR signing through SIGEX (PROTOCOLS.md §2, QR): register an
 * operation, hand the data to the phone (blocks until it fetched it), wait for signatures.
 * Like the official client, the two long calls are retried on network errors, with backoff
 * here; SIGEX's own errors (`QR signing operation timeout`, ...) are final.
 */
import { AppError } from '../errors.js';
import { withRetry, type RetryPolicy } from '../retry.js';
import { sameOrigin, type CallOptions, type SigexTransport } from './http.js';
import { badShape, isObject } from './responses.js';

export interface QrOperation {
  /** Base64 image of the QR code (GIF). */
  qrCode: string;
  dataURL: string;
  signURL: string;
  eGovMobileLaunchLink: string;
  eGovBusinessLaunchLink: string;
  /** Epoch milliseconds; 0 when the service did not say. */
  expireAt: number;
}

export interface QrDocument {
  /** File name, shown on the phone (same text in ru / kk / en). */
  name: string;
  /** MIME type; only PDF gets a hint (`@file/pdf`) for the phone's viewer. */
  mime?: string;
  /** The file, base64. */
  base64: string;
}

export interface RetryOptions {
  signal?: AbortSignal;
  /** Further attempts after the first on network errors. Default 10. */
  retries?: number;
  /** First pause; doubles each time up to 30 s. Default 1000. */
  backoffMs?: number;
  /** Per attempt; default none (the service ends these waits itself at expiry). */
  timeoutMs?: number | null;
  onRetry?: (attempt: number, error: AppError) => void;
}

const DEFAULT_RETRIES = 10;
const DEFAULT_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** What the dataURL answers once the operation moved past "registered". */
export const QR_ALREADY_DELIVERED = 'Invalid QR signing state';
const FILE_NAME_META = 'Имя файла / Файл атауы / File name';

export async function createQr(http: SigexTransport, description: string, o: CallOptions = {}): Promise<QrOperation> {
  const json = await http.postJson('/api/egovQr', { description }, o);
  const what = 'the QR registration';
  const field = (key: string): string => {
    const v = json[key];
    if (typeof v !== 'string' || v === '') throw badShape(what);
    return v;
  };
  return {
    qrCode: field('qrCode'),
    dataURL: sameOrigin(checkedUrl(field('dataURL'), what), http.baseUrl),
    signURL: sameOrigin(checkedUrl(field('signURL'), what), http.baseUrl),
    eGovMobileLaunchLink: field('eGovMobileLaunchLink'),
    eGovBusinessLaunchLink: field('eGovBusinessLaunchLink'),
    expireAt: epochMs(json['expireAt']),
  };
}

/** The request body for the dataURL: detached CMS of each document, in this order. */
export function qrDataRequest(documents: readonly QrDocument[]): Record<string, unknown> {
  return {
    signMethod: 'CMS_SIGN_ONLY',
    documentsToSign: documents.map((d, i) => ({
      id: i + 1,
      nameRu: d.name,
      nameKz: d.name,
      nameEn: d.name,
      meta: [{ name: FILE_NAME_META, value: d.name }],
      document: { file: { mime: isPdf(d.mime) ? '@file/pdf' : '', data: d.base64 } },
    })),
  };
}

/** Resolves once the phone fetched the data: the QR is spent from then on. */
export async function sendQrData(
  http: SigexTransport,
  dataURL: string,
  documents: readonly QrDocument[],
  o: RetryOptions = {},
): Promise<void> {
  if (documents.length === 0) throw new AppError('invalid-input', 'Nothing to sign');
  const body = qrDataRequest(documents);
  let retried = false;
  await withRetries(
    async () => {
      try {
        await http.postJson(dataURL, body, callOptions(o));
      } catch (e) {
        // The attempt before a dropped connection may have got through, and then SIGEX
        // refuses a second delivery. Go on: the signURL wait tells whether the phone got it.
        if (retried && e instanceof AppError && e.info.sigexKey === QR_ALREADY_DELIVERED) return;
        throw e;
      }
    },
    {
      ...o,
      onRetry: (n, e) => {
        retried = true;
        o.onRetry?.(n, e);
      },
    },
  );
}

/** Waits for the phone's signatures: base64 CMS per document, in order. */
export async function waitQrSignatures(http: SigexTransport, signURL: string, o: RetryOptions = {}): Promise<string[]> {
  const json = await withRetries(() => http.getJson(signURL, callOptions(o)), o);
  const docs = json['documentsToSign'];
  if (!Array.isArray(docs) || docs.length === 0) throw badShape('the QR signatures');
  return docs.map((d: unknown) => {
    const document = isObject(d) ? d['document'] : undefined;
    const file = isObject(document) ? document['file'] : undefined;
    const data = isObject(file) ? file['data'] : undefined;
    if (typeof data !== 'string' || data === '') throw badShape('the QR signatures');
    return data;
  });
}

function callOptions(o: RetryOptions): CallOptions {
  return { signal: o.signal, timeoutMs: o.timeoutMs === undefined ? null : o.timeoutMs };
}

/** The QR exchange's retries on network errors: the shared policy, up to 30 s apart. */
function withRetries<T>(attempt: () => Promise<T>, o: RetryOptions): Promise<T> {
  const policy: RetryPolicy = {
    baseMs: o.backoffMs ?? DEFAULT_BACKOFF_MS,
    factor: 2,
    capMs: MAX_BACKOFF_MS,
    jitter: 0.2,
    retries: o.retries ?? DEFAULT_RETRIES,
  };
  return withRetry(attempt, {
    policy,
    signal: o.signal,
    retriable: (e) => e instanceof AppError && e.kind === 'network',
    onRetry: (n, e) => o.onRetry?.(n, e as AppError),
  });
}

function isPdf(mime: string | undefined): boolean {
  return mime === 'application/pdf' || mime === '@file/pdf';
}

function checkedUrl(url: string, what: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw badShape(what);
  return url;
}

/** expireAt as epoch ms: accepts ms, seconds, or an ISO date. */
export function epochMs(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v < 1e11 ? v * 1000 : v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return epochMs(Number(v));
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  return 0;
}
