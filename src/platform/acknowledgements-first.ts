/**
 * Requests received and not yet acknowledged, so that work which can wait does.
 *
 * Slack's 3-second deadline is hard (past it the user sees an error and events are sent again), while
 * the work after an acknowledgement (a declare's transaction, the outbox's Slack calls) is not
 * urgent by a few milliseconds. All of it shares one event loop, and on embedded PGlite one database
 * connection: under a burst, acknowledgements queued behind that work. Work that can wait calls
 * `whenQuiet()` first. It never waits longer than `maxWaitMs`, so a busy period cannot starve it.
 */
export class AcknowledgementsFirst {
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly maxWaitMs = 250) {}

  /** Counts a request in; returns the function that counts it out (call it once acknowledged; extra calls do nothing). */
  received(): () => void {
    this.pending += 1;
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.pending -= 1;
      if (this.pending === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /** Requests waiting for their acknowledgement now. */
  get waiting(): number {
    return this.pending;
  }

  /** Resolves once no request waits for its acknowledgement, or after `maxWaitMs`. */
  whenQuiet(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.maxWaitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }
}
