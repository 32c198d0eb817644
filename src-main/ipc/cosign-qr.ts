/**
 * Co-signing by eGov QR over request/response IPC: `start` begins the co-signature and answers
 * once the QR is there (or the run ended before one was needed); `next` answers at the next
 * change (the phone fetched the data, then the outcomes); `cancel` stops it. No event channel:
 * the renderer asks for the next state, main answers when there is one.
 */
import { randomBytes } from 'node:crypto';
import type { CosignOutcome, CosignQrState, QrView } from '../../src-shared/model';
import { AppError, toErrorView } from '../core/errors';
import type { QrHooks } from '../core/signing/qr';

interface Session {
  state: CosignQrState;
  abort: AbortController;
  waiters: Array<() => void>;
}

/** A finished session nobody asked about is forgotten after this long. */
const FORGET_AFTER_MS = 10 * 60_000;

export class CosignQrSessions {
  private readonly sessions = new Map<string, Session>();

  /** Runs `run` with QR hooks and a cancel signal; resolves with the first state that shows something. */
  start(run: (qr: QrHooks, signal: AbortSignal) => Promise<CosignOutcome[]>): Promise<CosignQrState> {
    const sessionId = `cq_${randomBytes(12).toString('base64url')}`;
    const s: Session = { state: { sessionId, version: 0 }, abort: new AbortController(), waiters: [] };
    this.sessions.set(sessionId, s);
    const change = (patch: Partial<CosignQrState>) => {
      s.state = { ...s.state, ...patch, version: s.state.version + 1 };
      for (const w of s.waiters.splice(0)) w();
      if (s.state.outcomes || s.state.error) setTimeout(() => this.sessions.delete(sessionId), FORGET_AFTER_MS).unref();
    };
    const hooks: QrHooks = {
      onQr: (qr: QrView) => change({ qr }),
      onSpent: () => change(s.state.qr ? { qr: { ...s.state.qr, spent: true } } : {}),
    };
    run(hooks, s.abort.signal).then(
      (outcomes) => change({ outcomes }),
      (e: unknown) => change({ error: toErrorView(e) }),
    );
    return this.next(sessionId, 0);
  }

  /** The state once its version is above `afterVersion`; a finished state is handed out once. */
  async next(sessionId: string, afterVersion: number): Promise<CosignQrState> {
    const s = this.sessions.get(sessionId);
    if (!s) throw new AppError('invalid-input', 'no such QR co-signing');
    while (s.state.version <= afterVersion) await new Promise<void>((resolve) => s.waiters.push(resolve));
    if (s.state.outcomes || s.state.error) {
      this.sessions.delete(sessionId);
    }
    return s.state;
  }

  cancel(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    s.abort.abort(new AppError('cancelled', 'Cancelled'));
  }
}
