/** Retry policies for tests: the app's shape, with pauses short enough for a test run. */
import type { RetryPolicy } from '../../src-main/core/retry';

export const FAST_RETRY: { call: RetryPolicy; queue: RetryPolicy } = {
  call: { baseMs: 20, factor: 2, capMs: 100, jitter: 0, retries: 2 },
  queue: { baseMs: 300, factor: 2, capMs: 2_000, jitter: 0, retries: Infinity },
};
