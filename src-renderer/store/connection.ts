/**
 * NCALayer / SIGEX reachability for the status bar. Checked at start, when the window gets
 * focus (at most every MIN_INTERVAL_MS) and on demand; concurrent requests share one check.
 */
import { create } from 'zustand';
import type { ConnectionStatus } from '../../src-main/ipc/contract';
import { logWarning, sigex } from './app';

export const MIN_INTERVAL_MS = 5000;

interface ConnectionState {
  status: ConnectionStatus | null;
  checking: boolean;
  checkedAt: number;
  check(): Promise<void>;
  /** For focus events: skips the check when the last one is recent. */
  checkIfStale(now?: number): Promise<void>;
}

let inFlight: Promise<void> | null = null;

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  status: null,
  checking: false,
  checkedAt: 0,
  check: () => {
    if (inFlight) return inFlight;
    set({ checking: true });
    inFlight = (async () => {
      try {
        const status = await sigex().checkConnection();
        set({ status, checkedAt: Date.now() });
      } catch (e) {
        logWarning('connection check failed', e);
        set({
          status: { ncalayer: { state: 'error' }, sigex: { state: 'error' } },
          checkedAt: Date.now(),
        });
      } finally {
        set({ checking: false });
        inFlight = null;
      }
    })();
    return inFlight;
  },
  checkIfStale: (now = Date.now()) => {
    const { checking, checkedAt } = get();
    if (checking || now - checkedAt < MIN_INTERVAL_MS) return Promise.resolve();
    return get().check();
  },
}));
