import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { EffectSink } from '../platform/effects.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type JobHandler, jobBackoffMs, maxJobAttempts, type ScheduledJob } from './job.ts';
import { claimDueJobs, completeJob, failJob, recordJobSuccess } from './scheduler-repo.ts';

export type JobRunnerOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /** Where a job's queued Slack effects are written (in its transaction) and announced after commit. */
  effects: EffectSink;
  pollIntervalMs?: number;
  leaseMs?: number;
};

/** Runs due jobs on every replica; leases and SKIP LOCKED make each job run once. */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(private readonly options: JobRunnerOptions) {}

  start(): void {
    this.stopped = false;
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every job due now and returns how many ran (tests call it after moving the clock). */
  async runDue(): Promise<number> {
    while (this.running) await this.running;
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runDue()
        .catch((error) => this.options.logger.error({ err: error }, 'scheduler: poll failed'))
        .finally(() => this.schedulePoll());
    }, this.options.pollIntervalMs ?? 1000);
    this.timer.unref?.();
  }

  private async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const jobs = await claimDueJobs(this.options.db, {
        now: this.options.clock.now(),
        limit: 20,
        leaseMs: this.options.leaseMs ?? 120_000,
      });
      if (jobs.length === 0) return ran;
      for (const job of jobs) {
        await this.run(job);
        ran++;
      }
    }
  }

  private async run(job: ScheduledJob): Promise<void> {
    const { db, logger, handlers } = this.options;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await inTransaction({ db, effects: this.options.effects }, async (tx, effects) => {
        await handler(tx, effects, job);
        const done = await completeJob(tx, { id: job.id, attempts: job.attempts });
        // Our lease ran out and another runner has the job: undo our work, theirs counts.
        if (!done) tx.rollback();
        // In the same transaction: a stuck or failing scheduler shows as this timestamp going stale.
        await recordJobSuccess(tx, { teamId: job.teamId, kind: job.kind, at: this.options.clock.now() });
      });
    } catch (error) {
      if ((error as Error)?.constructor?.name === 'TransactionRollbackError') return;
      const message = error instanceof Error ? error.message : String(error);
      const retryAt =
        job.attempts < maxJobAttempts
          ? new Date(this.options.clock.now().getTime() + jobBackoffMs(job.attempts))
          : undefined;
      logger.error({ err: error, jobId: job.id, kind: job.kind, retryAt }, 'scheduler: job failed');
      await failJob(db, { id: job.id, error: message, retryAt }).catch(() => {});
    }
  }
}
