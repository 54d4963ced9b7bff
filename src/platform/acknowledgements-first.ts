import { performance } from 'node:perf_hooks';

export type AcknowledgementsFirstOptions = {
  /** Requests must have stopped arriving this long before waiting work goes on. */
  quietMs?: number;
  /** Work never waits longer than this, so a busy period cannot starve it. */
  maxWaitMs?: number;
};

/**
 * Lets acknowledgements go before work that can wait.
 *
 * Slack's 3-second deadline is hard (past it the user sees an error and events are sent again), while
 * the work after an acknowledgement (a declare's transaction, the outbox's Slack calls) is not urgent
 * by a few milliseconds. All of it shares one event loop (and, on embedded PGlite, the database runs
 * on it too). Under a burst, taking turns fairly put every acknowledgement behind a share of that
 * work; a request still unread in its socket cannot be seen, so arrivals stand for it: work that can
 * wait calls `whenQuiet()`, which resolves once no request waits for its acknowledgement and none has
 * arrived for `quietMs`, or after `maxWaitMs`. Waiting work is let go one piece per turn of the event
 * loop, so requests that arrive meanwhile are read in between.
 */
export class AcknowledgementsFirst {
  private pending = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private readonly waiters: Array<{ resolve: () => void; since: number }> = [];
  private timer: NodeJS.Timeout | undefined;
  private releasing = false;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(options: AcknowledgementsFirstOptions = {}) {
    this.quietMs = options.quietMs ?? 5;
    this.maxWaitMs = options.maxWaitMs ?? 250;
  }

  /** Counts a request in; returns the function that counts it out (call it once acknowledged; extra calls do nothing). */
  received(): () => void {
    this.pending += 1;
    this.lastArrival = performance.now();
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.pending -= 1;
      this.wakeLater();
    };
  }

  /** Requests waiting for their acknowledgement now. */
  get waiting(): number {
    return this.pending;
  }

  /** Resolves when no request waits for its acknowledgement and none arrived lately, or after the longest wait. */
  whenQuiet(): Promise<void> {
    if (this.waiters.length === 0 && this.isQuiet(performance.now())) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ resolve, since: performance.now() });
      this.wakeLater();
    });
  }

  private isQuiet(now: number): boolean {
    return this.pending === 0 && now - this.lastArrival >= this.quietMs;
  }

  private wakeLater(): void {
    if (this.timer || this.releasing || this.waiters.length === 0) return;
    const now = performance.now();
    const head = this.waiters[0] as { since: number };
    const untilQuiet = this.pending > 0 ? this.quietMs : Math.max(0, this.lastArrival + this.quietMs - now);
    const untilDue = Math.max(0, head.since + this.maxWaitMs - now);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.releaseOne();
      },
      Math.min(untilQuiet, untilDue),
    );
  }

  private releaseOne(): void {
    const head = this.waiters[0];
    if (!head) return;
    const now = performance.now();
    if (!this.isQuiet(now) && now - head.since < this.maxWaitMs) {
      this.wakeLater();
      return;
    }
    this.waiters.shift();
    head.resolve();
    // The next one after the loop has read what arrived meanwhile.
    this.releasing = true;
    setImmediate(() => {
      this.releasing = false;
      this.releaseOne();
      this.wakeLater();
    });
  }
}
