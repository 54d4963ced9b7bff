import type { Logger } from 'pino';
import type { Db } from '../platform/db.ts';
import { isDatabaseDown } from '../platform/db-errors.ts';
import {
  backoffMs,
  type EffectExecutor,
  maxAttempts,
  type OutboxEffect,
  PermanentEffectError,
  RetryableEffectError,
  slackAwayBackoffCapMs,
  unknownFailureBackoffCapMs,
} from './outbox.ts';
import { claimDueEffects, markEffectDead, markEffectDone, rescheduleEffect } from './outbox-repo.ts';

export type DispatcherOptions = {
  db: Db;
  logger: Logger;
  executors: Record<string, EffectExecutor>;
  pollIntervalMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  onSettled?: (effect: OutboxEffect, outcome: 'done' | 'retry' | 'dead') => void;
  /** Awaited before each claim and each effect: lets more urgent work (acknowledgements) go first. */
  waitForTurn?: () => Promise<void>;
};

/** How often an outcome that could not be recorded (the database was down) is tried again. */
const recordRetryMs = 500;
/** Retrying stops this long before the lease ends, so no write lands after another replica took the effect over. */
const leaseMarginMs = 5000;

/**
 * Drains the outbox: polls for due effects (other replicas' too) and runs at once when kicked after a
 * local commit. Each effect runs under a lease, so a crashed replica's work is picked up again.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private kickedWhileDraining = false;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  // Wakes a drain that waits for a free slot: new work was kicked, or the dispatcher stops.
  private wake: (() => void) | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    this.stopped = false;
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.draining;
  }

  /** Runs due effects now (called after a transaction that queued some commits). */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.kickedWhileDraining = true;
      this.wake?.();
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.kickedWhileDraining) {
        this.kickedWhileDraining = false;
        this.kick();
      }
    });
  }

  /** Resolves once nothing local is running (tests use it to wait for effects). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedulePoll();
    }, this.options.pollIntervalMs ?? 500);
    this.timer.unref?.();
  }

  /**
   * Keeps up to `batchSize` effects running, claiming more when they have ended or work is kicked: a call
   * that hangs until Slack's timeout holds up only its own stream, not every other one behind its batch.
   */
  private async drain(): Promise<void> {
    const { db, logger } = this.options;
    const slots = this.options.batchSize ?? 16;
    while (!this.stopped) {
      const free = slots - this.inFlight.size;
      if (free > 0) {
        let batch: OutboxEffect[];
        await this.options.waitForTurn?.();
        // Taken before the claim, so it is never later than the lease the database sets.
        const leaseEndsAt = Date.now() + (this.options.leaseSeconds ?? 60) * 1000;
        try {
          batch = await claimDueEffects(db, { limit: free, leaseSeconds: this.options.leaseSeconds ?? 60 });
        } catch (error) {
          logger.error({ err: error }, 'outbox: cannot claim effects');
          break;
        }
        for (const effect of batch) {
          const running: Promise<void> = this.run(effect, leaseEndsAt).finally(() => this.inFlight.delete(running));
          this.inFlight.add(running);
        }
        if (batch.length === free) continue;
      }
      if (this.inFlight.size === 0) break;
      // As a batch: more are claimed once all that run have ended, or at the next kick or poll (every
      // pollIntervalMs), so a hung call holds up the others for a poll at most, not for its whole timeout.
      await Promise.race([Promise.all(this.inFlight), new Promise<void>((resolve) => (this.wake = resolve))]);
      this.wake = undefined;
    }
    await Promise.all(this.inFlight);
  }

  private async run(effect: OutboxEffect, leaseEndsAt: number): Promise<void> {
    const { db, logger, executors } = this.options;
    const log = logger.child({
      effectId: effect.id,
      kind: effect.kind,
      stream: effect.stream,
      attempt: effect.attempts,
    });
    const executor = executors[effect.kind];
    await this.options.waitForTurn?.();
    try {
      if (!executor) throw new PermanentEffectError(`no executor for effect kind "${effect.kind}"`);
      const result = await executor(effect);
      await this.record(() => markEffectDone(db, { id: effect.id, ...(result ? { result } : {}) }), leaseEndsAt);
      this.options.onSettled?.(effect, 'done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Slack being down or rate limiting is waited out however long it takes; unknown failures are capped.
      const retryable =
        error instanceof RetryableEffectError ||
        (!(error instanceof PermanentEffectError) && effect.attempts < maxAttempts);
      try {
        if (retryable) {
          const slackAway = error instanceof RetryableEffectError;
          const hinted = slackAway ? error.options.retryAfterMs : undefined;
          const uncertain = slackAway ? error.options.uncertain : true;
          const delayMs =
            hinted ?? backoffMs(effect.attempts, slackAway ? slackAwayBackoffCapMs : unknownFailureBackoffCapMs);
          log.warn({ err: error, delayMs }, 'outbox: effect failed, will retry');
          await this.record(
            () => rescheduleEffect(db, { id: effect.id, delayMs, error: message, uncertain }),
            leaseEndsAt,
          );
          this.options.onSettled?.(effect, 'retry');
        } else {
          log.error({ err: error }, 'outbox: effect failed for good');
          await this.record(() => markEffectDead(db, { id: effect.id, error: message }), leaseEndsAt);
          this.options.onSettled?.(effect, 'dead');
        }
      } catch (writeError) {
        // The lease expires and another pass picks the effect up again as uncertain.
        log.error({ err: writeError }, 'outbox: cannot record effect failure');
      }
    }
  }

  /**
   * Writes an effect's outcome. While the database is down the write is tried again for as long as this process
   * holds the lease: the stream then goes on as soon as the database is back, instead of waiting for the lease to
   * end (and the effect to be run again as uncertain).
   */
  private async record(write: () => Promise<void>, leaseEndsAt: number): Promise<void> {
    for (;;) {
      try {
        return await write();
      } catch (error) {
        const leaseLeft = leaseEndsAt - leaseMarginMs - Date.now();
        if (!isDatabaseDown(error) || this.stopped || leaseLeft < recordRetryMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, recordRetryMs));
      }
    }
  }
}
