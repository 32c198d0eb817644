/**
 * Errors are values with a kind the UI can explain. Every failure that leaves the core is an
 * AppError; the renderer and the CLI turn `kind` (+ `sigexKey`) into text through i18n.
 */
import type { ErrorKind, ErrorView } from '../../src-shared/model/errors';

import { ERROR_KINDS } from '../../src-shared/model/errors';

export { ERROR_KINDS, isNcaServiceProblem, isTransient } from '../../src-shared/model/errors';
export type { ErrorKind, ErrorView } from '../../src-shared/model/errors';

/** An AppError's details: the fields of its ErrorView besides kind and message, and a cause. */
export type AppErrorInfo = Omit<ErrorView, 'kind' | 'message'> & { cause?: unknown };

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

export function toErrorView(e: unknown): ErrorView {
  if (isAppError(e)) {
    const { sigexKey, sigexText, sigexDescription, code, details, params } = e.info;
    return stripUndefined({ kind: e.kind, message: e.message, sigexKey, sigexText, sigexDescription, code, details, params });
  }
  if (isErrorView(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message };
}

/** Already a view (e.g. a job's error handed on to its files). */
function isErrorView(e: unknown): e is ErrorView {
  if (typeof e !== 'object' || e === null || e instanceof Error) return false;
  const o = e as Record<string, unknown>;
  return typeof o['message'] === 'string' && (ERROR_KINDS as readonly unknown[]).includes(o['kind']);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
