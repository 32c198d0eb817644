/**
 * App-level state: what main told us at start (AppInfo), which view is open, one-off notices.
 * Also the single accessor for `window.sigex`, read at call time so tests can swap it.
 */
import { create } from 'zustand';
import type { AppInfo, ErrorView, SigexApi } from '../../src-main/ipc/contract';
// Brings in the `window.sigex` declaration wherever the stores are compiled (app and tests).
import type {} from '../global';

export function sigex(): SigexApi {
  return window.sigex;
}

/** Anything thrown across IPC -> an ErrorView the UI can format (main sends ErrorViews). */
export function toErrorView(e: unknown): ErrorView {
  if (
    e &&
    typeof e === 'object' &&
    typeof (e as { kind?: unknown }).kind === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  ) {
    return e as ErrorView;
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Renderer problems go to main's log (never document contents). */
export function logWarning(what: string, e?: unknown): void {
  const reason = e === undefined ? '' : `: ${e instanceof Error ? e.message : String(e)}`;
  try {
    void sigex()
      .log('warn', `${what}${reason}`.replace(/[\r\n\u2028\u2029]+/g, ' | ').slice(0, 2000))
      .catch(() => undefined);
  } catch {
    // No bridge (tests without a log method): nothing else to tell.
  }
}

export type AppView = 'main' | 'settings' | 'history';

interface AppState {
  info: AppInfo | null;
  view: AppView;
  /** Notices from main (e.g. settings were reset) the user has not dismissed yet. */
  notices: AppInfo['notices'];
  setInfo(info: AppInfo): void;
  refreshInfo(): Promise<void>;
  openSettings(): void;
  closeSettings(): void;
  openHistory(): void;
  /**
   * Set by a view with edits that are not saved (Settings): leaving through the status bar
   * goes through it, and it calls `proceed` once the user has decided.
   */
  leaveGuard: ((proceed: () => void) => void) | null;
  setLeaveGuard(guard: ((proceed: () => void) => void) | null): void;
  closeHistory(): void;
  dismissNotice(notice: AppInfo['notices'][number]): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  info: null,
  view: 'main',
  notices: [],
  setInfo: (info) => set({ info, notices: [...info.notices] }),
  refreshInfo: async () => {
    try {
      const info = await sigex().getAppInfo();
      set({ info });
    } catch (e) {
      logWarning('could not refresh app info', e);
    }
  },
  openSettings: () => set({ view: 'settings' }),
  closeSettings: () => set({ view: 'main' }),
  openHistory: () => {
    const go = () => set({ view: 'history' });
    const guard = get().leaveGuard;
    if (guard) guard(go);
    else go();
  },
  leaveGuard: null,
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
  closeHistory: () => set({ view: 'main' }),
  dismissNotice: (notice) => set((s) => ({ notices: s.notices.filter((n) => n !== notice) })),
}));

/** SIGEX base URL in effect (env overrides applied), without a trailing slash. */
export function sigexBaseUrl(info: AppInfo | null): string {
  return (info?.sigexUrl ?? 'https://sigex.kz').replace(/\/+$/, '');
}
