/**
 * Error values as they leave the core: a kind the UI can explain, plus details. The core's
 * AppError (src-main/core/errors.ts) carries the same fields; this is its plain, serialisable
 * view (what crosses IPC, what the CLI prints, what the outbox stores).
 */
export const ERROR_KINDS = [
  'already-signed',
  'cancelled',
  'ncalayer-not-running',
  'ncalayer-untrusted',
  'ncalayer-error',
  'ncalayer-protocol',
  'ncalayer-closed',
  'ncalayer-timeout',
  'sigex-error',
  'sigex-server',
  'network',
  'timeout',
  'file-changed',
  'signature-mismatch',
  'file-unreadable',
  'file-in-use',
  'file-too-large',
  'name-too-long',
  'disk-full',
  'copy-failed',
  'qr-expired',
  'qr-declined',
  'requirements-not-met',
  'id-not-returned',
  'no-sigex-id',
  'recipients-not-confirmed',
  'invalid-input',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorView {
  kind: ErrorKind;
  message: string;
  /** SIGEX's English error key, e.g. "OCSP server problem" (kind sigex-error only). */
  sigexKey?: string;
  /** Readable text for sigexKey from /api/strings, when the server gave one. */
  sigexText?: string;
  sigexDescription?: string;
  /** NCALayer code / HTTP status / errno: shown as a detail, never as the main text. */
  code?: string;
  details?: string;
  /** Values for the message template (file name, limit, ...). */
  params?: Record<string, string | number>;
}

/** SIGEX keys that point at NCA RK's OCSP / TSP services (the UI adds the status-page hint). */
export function isNcaServiceProblem(sigexKey: string | undefined): boolean {
  return sigexKey === 'OCSP server problem' || sigexKey === 'TSP server problem';
}

/**
 * SIGEX refusals that say "not now" rather than "never": the request may pass later
 * unchanged. Everything else SIGEX refuses (limits, requirements, e-mail format, expired
 * certificate, ...) fails at once.
 */
export const TRANSIENT_SIGEX_KEYS: readonly string[] = [
  'OCSP server problem',
  'TSP server problem',
  'Request rate limit reached',
  'Too much users use QR signing',
];

/**
 * Would the same request, sent again later, have a chance? Network loss, time-outs, server
 * failures (HTTP 5xx), rate limits and NCA RK's OCSP / TSP outages: yes.
 */
export function isTransient(e: Pick<ErrorView, 'kind' | 'sigexKey'>): boolean {
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'sigex-server') return true;
  return e.kind === 'sigex-error' && e.sigexKey !== undefined && TRANSIENT_SIGEX_KEYS.includes(e.sigexKey);
}
