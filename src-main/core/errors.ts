/**
 * Errors are values with a kind the UI can explain. Every failure that leaves the core is an
 * AppError; the renderer and the CLI turn `kind` (+ `sigexKey`) into text through i18n.
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
  'file-unreadable',
  'file-in-use',
  'file-too-large',
  'name-too-long',
  'disk-full',
  'copy-failed',
  'qr-expired',
  'qr-declined',
  'requirements-not-met',
  'invalid-input',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface AppErrorInfo {
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
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly info: AppErrorInfo;

  constructor(kind: ErrorKind, message: string, info: AppErrorInfo = {}) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.info = info;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Plain serialisable view of an error: what crosses IPC and what the CLI prints. */
export interface ErrorView {
  kind: ErrorKind;
  message: string;
  sigexKey?: string;
  sigexText?: string;
  sigexDescription?: string;
  code?: string;
  details?: string;
  params?: Record<string, string | number>;
}

export function toErrorView(e: unknown): ErrorView {
  if (isAppError(e)) {
    const { sigexKey, sigexText, sigexDescription, code, details, params } = e.info;
    return stripUndefined({ kind: e.kind, message: e.message, sigexKey, sigexText, sigexDescription, code, details, params });
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** SIGEX keys that point at NCA RK's OCSP / TSP services (the UI adds the status-page hint). */
export function isNcaServiceProblem(sigexKey: string | undefined): boolean {
  return sigexKey === 'OCSP server problem' || sigexKey === 'TSP server problem';
}
