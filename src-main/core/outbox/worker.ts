/**
 * Works off the outbox by itself while the app runs: every queued record at start, each one
 * again when its backoff has passed, and all of them as soon as SIGEX answers again after an
 * outage (a light GET /api/version every `pingMs` while anything waits). Records that failed
 * for good wait for the user ("Try again" / "Discard"). One delivery at a time.
 */
import type { OutboxItemView } from '../../../src-shared/model';
import type { Deliveries } from '../signing/deliveries';

export interface OutboxWorkerOptions {
  /** true when SIGEX answers (GET /api/version). */
  ping: () => Promise<boolean>;
  /** How often to ask whether SIGEX is back while records wait. Default 20 s. */
  pingMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private nudgeTimer: NodeJS.Timeout | null = null;
  private passing: Promise<void> | null = null;
  private again: Occasion | null = null;
  private stopped = false;

  constructor(
    private readonly deliveries: Deliveries,
    private readonly o: OutboxWorkerOptions,
  ) {}

  /** At start every waiting record is due, whatever its backoff said. */
  start(): void {
    this.kick('start');
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.nudgeTimer) clearTimeout(this.nudgeTimer);
    this.timer = null;
  }

  /** The outbox changed (e.g. a file was just queued): plan the next attempt (coalesced). */
  nudge(): void {
    if (this.stopped || this.nudgeTimer) return;
    this.nudgeTimer = setTimeout(() => {
      this.nudgeTimer = null;
      if (!this.passing) void this.schedule();
    }, 250);
    this.nudgeTimer.unref?.();
  }

  /** Runs a pass now (see `isDue` for what each occasion makes due). */
  kick(occasion: Occasion = 'scheduled'): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = stronger(this.again, occasion);
      return;
    }
    this.passing = this.pass(occasion)
      .catch((e: unknown) => this.o.log?.(`outbox pass failed: ${String(e)}`))
      .finally(() => {
        this.passing = null;
        const again = this.again;
        this.again = null;
        if (again !== null) this.kick(again);
        else this.schedule();
      });
  }

  /** Resolves when the current pass (if any) is over: for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.passing) await this.passing;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private async pass(occasion: Occasion): Promise<void> {
    for (const item of await this.deliveries.list()) {
      if (this.stopped) return;
      if (!isDue(item, this.now(), occasion)) continue;
      try {
        await this.deliveries.deliverRecord(item.id);
      } catch (e) {
        // One record's unexpected failure (its file held, a disk error) is that record's: the
        // records after it still go in this pass.
        this.o.log?.(`outbox delivery of ${item.id} failed: ${String(e)}`);
      }
    }
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pingMs = this.o.pingMs ?? 20_000;
    let waiting: OutboxItemView[];
    try {
      waiting = (await this.deliveries.list()).filter((i) => i.state === 'queued');
    } catch (e) {
      // The outbox could not be read (a record held by a scanner, a full or lost disk): look
      // again later. Unhandled, this was a rejection nobody caught, and no next pass was planned.
      this.o.log?.(`outbox schedule failed: ${String(e)}`);
      if (this.stopped) return;
      this.timer = setTimeout(() => this.kick('scheduled'), pingMs);
      this.timer.unref?.();
      return;
    }
    if (waiting.length === 0 || this.stopped) return;
    const next = Math.min(...waiting.map((i) => i.nextAttemptAt ?? Infinity));
    const untilNext = Math.max(0, next - this.now());
    if (untilNext <= pingMs) {
      this.timer = setTimeout(() => this.kick('scheduled'), untilNext);
    } else {
      this.timer = setTimeout(() => void this.probe(), pingMs);
    }
    this.timer.unref?.();
  }

  /** SIGEX answers: whatever waited for the connection goes now. */
  private async probe(): Promise<void> {
    this.timer = null;
    const up = await this.o.ping().catch(() => false);
    if (up) this.kick('online');
    else void this.schedule();
  }
}

/** start: the app just started; online: SIGEX answers again; scheduled: a backoff ran out. */
export type Occasion = 'start' | 'online' | 'scheduled';

const CONNECTIVITY = new Set(['network', 'timeout', 'cancelled']);

/**
 * At start every waiting record is due. When SIGEX answers again, those that waited for the
 * connection are due at once; those SIGEX itself turned away for now (OCSP / TSP outage, rate
 * limit, HTTP 5xx) keep their backoff, so an outage is not hammered.
 */
export function isDue(item: OutboxItemView, now: number, occasion: Occasion): boolean {
  if (item.state !== 'queued') return false;
  if (occasion === 'start') return true;
  if (occasion === 'online' && CONNECTIVITY.has(item.reason?.kind ?? 'network')) return true;
  return item.nextAttemptAt === null || item.nextAttemptAt <= now;
}

function stronger(a: Occasion | null, b: Occasion): Occasion {
  const rank: Record<Occasion, number> = { scheduled: 0, online: 1, start: 2 };
  return a === null || rank[b] > rank[a] ? b : a;
}
