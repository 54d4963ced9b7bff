import type { Tx } from '../platform/db.ts';
import type { EffectQueue } from '../platform/transaction.ts';

export type ScheduledJob = {
  id: number;
  teamId: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number;
};

export type NewScheduledJob = {
  teamId: string;
  kind: string;
  key: string;
  runAt: Date;
  payload?: Record<string, unknown>;
};

/**
 * Does a job's work inside the transaction that marks it done, so its database changes (and the
 * outbox effects it queues) happen exactly once, whichever replica runs it.
 */
export type JobHandler = (tx: Tx, effects: EffectQueue, job: ScheduledJob) => Promise<void>;

/** Delay before retrying a job that failed n times: 10 s, 20 s, 40 s … capped at 30 minutes. */
export function jobBackoffMs(failedAttempts: number): number {
  return Math.min(30 * 60_000, 10_000 * 2 ** Math.max(0, failedAttempts - 1));
}

export const maxJobAttempts = 8;
