/**
 * Fault injection for Web API calls: rate limiting, server errors, refusals, slow, lost and hung responses.
 */

/** A fault to inject into matching Web API calls. */
export type Fault =
  /** HTTP 429 with `Retry-After: retryAfter` and `{"ok":false,"error":"ratelimited"}`; the call is not performed. */
  | { kind: 'ratelimit'; retryAfter: number }
  /** HTTP 5xx (default 500); the call is not performed. */
  | { kind: 'server_error'; status?: number }
  /** Waits `ms` (real time), then performs the call and answers normally. */
  | { kind: 'slow'; ms: number }
  /** Performs the call (state changes happen) but destroys the socket without answering. */
  | { kind: 'lost' }
  /**
   * Holds the request `ms` (real time), then destroys the socket without performing the call: an outage
   * that still accepts connections and never answers, so the client's own timeout is what ends the call.
   */
  | { kind: 'hang'; ms: number }
  /** HTTP 200 with `{"ok":false,"error":error}`, as Slack refuses a call (e.g. cant_delete_message); not performed. */
  | { kind: 'refuse'; error: string };

interface PendingFault {
  method: string;
  fault: Fault;
  remaining: number;
}

/** Registry of pending faults; each matching call consumes one use of the first matching fault. */
export class FaultInjector {
  private pending: PendingFault[] = [];

  /**
   * Injects `fault` into the next `opts.times` (default 1, `Infinity` allowed) calls of `method`
   * ('*' matches every method). Faults apply in the order they were added.
   */
  add(method: string, fault: Fault, opts: { times?: number } = {}): void {
    const times = opts.times ?? 1;
    if (!(times > 0)) throw new Error('faults.add: times must be > 0');
    this.pending.push({ method, fault, remaining: times });
  }

  /** Removes all pending faults. */
  clear(): void {
    this.pending = [];
  }

  /** Number of pending faults (with uses left). */
  get size(): number {
    return this.pending.length;
  }

  /** Consumes and returns the fault for a call of `method`, if any. */
  take(method: string): Fault | undefined {
    const match = this.pending.find((entry) => entry.method === method || entry.method === '*');
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining <= 0) this.pending = this.pending.filter((entry) => entry !== match);
    return match.fault;
  }
}
