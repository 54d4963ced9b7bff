import type { Logger } from 'pino';
import { describeDbFailure } from '../platform/db-errors.ts';
import type { InboxGate } from './inbox-gate.ts';

/**
 * Replays unhandled requests all the time, not only at start-up: a request stored just before the
 * database went away, whose handling then failed, is handled once it is back, without a restart. Every
 * replica runs one; the inbox leases make each request run in one of them at a time.
 */
export class InboxReplayer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failing = false;

  constructor(
    private readonly gate: InboxGate,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
  ) {}

  /** Starts replaying: at once (rows backing off included: a restart is a fresh start), then every interval. */
  start(): void {
    this.stopped = false;
    this.tick(true);
  }

  /** Stops after the replay in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(now: boolean): void {
    this.running = this.replayAll(now).finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.tick(false), this.intervalMs);
    });
  }

  private async replayAll(now: boolean): Promise<void> {
    try {
      // A full page means more are waiting: take the next at once.
      let claimed = await this.gate.replayUnhandled({ now });
      while (!this.stopped && claimed >= 100) claimed = await this.gate.replayUnhandled({ now });
      if (this.failing) this.logger.info('inbox: replaying again, the database answers');
      this.failing = false;
    } catch (error) {
      // Once per outage, not once per interval.
      if (!this.failing)
        this.logger.warn({ cause: describeDbFailure(error) }, 'inbox: cannot replay unhandled requests yet');
      this.failing = true;
    }
  }
}
