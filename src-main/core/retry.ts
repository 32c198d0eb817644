/**
 * The one retry policy for SIGEX calls: capped exponential backoff with jitter, abortable.
 * Used for in-run retries (registration, upload, the QR exchange) and for the outbox's
 * schedule of queued jobs, so every "try again later" in the app follows the same rule.
 */
import { AppError } from './errors';

export interface RetryPolicy {
  /** Pause before the first retry. */
  baseMs: number;
  /** Growth per attempt. */
  factor: number;
  /** No pause is longer than this (before jitter). */
  capMs: number;
  /** 0..1: the pause is drawn from [d * (1 - jitter), d]. */
  jitter: number;
  /** Retries after the first attempt. */
  retries: number;
}

/** In-run retries of one call (the user is watching): a few quick attempts. */
export const CALL_RETRY: RetryPolicy = { baseMs: 1000, factor: 3, capMs: 8000, jitter: 0.3, retries: 2 };

/** The outbox's schedule for queued jobs (the user is not waiting): up to every 15 minutes. */
export const QUEUE_RETRY: RetryPolicy = { baseMs: 15_000, factor: 2, capMs: 15 * 60_000, jitter: 0.3, retries: Infinity };

/** The pause before retry number `attempt` (1-based). `random` returns [0, 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const n = Math.max(1, attempt);
  const raw = Math.min(policy.capMs, policy.baseMs * policy.factor ** (n - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(raw * (1 - jitter * random()));
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise that rejects with `cancelled` when the signal aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Why a signal aborted, as an error the UI can explain (a bare abort is a cancel). */
function abortReason(signal: AbortSignal | undefined): AppError {
  return signal?.reason instanceof AppError ? signal.reason : new AppError('cancelled', 'Cancelled');
}

export interface RetryOptions {
  policy?: RetryPolicy;
  /** Which failures are worth another attempt. */
  retriable: (e: unknown) => boolean;
  signal?: AbortSignal | undefined;
  sleep?: Sleep;
  random?: () => number;
  /** Called before each pause: retry number (1-based), the failure, the pause. */
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, fails for good, or the policy's retries are spent. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, o: RetryOptions): Promise<T> {
  const policy = o.policy ?? CALL_RETRY;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (o.signal?.aborted) throw abortReason(o.signal);
      if (!o.retriable(e) || n >= policy.retries) throw e;
      const delay = backoffDelay(policy, n + 1, o.random);
      o.onRetry?.(n + 1, e, delay);
      await (o.sleep ?? sleep)(delay, o.signal);
    }
  }
}
