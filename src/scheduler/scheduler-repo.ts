import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import type { NewScheduledJob, ScheduledJob } from './job.ts';
import { jobRunsTable, scheduledJobsTable } from './scheduler.sql.ts';

/** Schedules a job, replacing any pending job with the same key; call inside the change's transaction. */
export async function scheduleJob(db: Queryable, job: NewScheduledJob): Promise<void> {
  await db
    .update(scheduledJobsTable)
    .set({ status: 'cancelled', doneAt: sql`now()` })
    .where(
      and(
        eq(scheduledJobsTable.teamId, job.teamId),
        eq(scheduledJobsTable.key, job.key),
        eq(scheduledJobsTable.status, 'pending'),
      ),
    );
  await db
    .insert(scheduledJobsTable)
    .values({ teamId: job.teamId, kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {} });
}

/**
 * Makes sure a job with this key runs no later than `runAt`: scheduled when none is pending, moved
 * earlier when the pending one is later, left alone when it already runs sooner.
 */
export async function scheduleJobBy(db: Queryable, job: NewScheduledJob): Promise<void> {
  // One statement on the pending-key index: two transactions planning the same job at once (two
  // replicas, two new actions) meet in the index instead of both inserting and one failing.
  await db.execute(sql`
    INSERT INTO scheduled_jobs (team_id, kind, key, run_at, payload)
    VALUES (${job.teamId}, ${job.kind}, ${job.key}, ${job.runAt.toISOString()}::timestamptz, ${JSON.stringify(job.payload ?? {})}::jsonb)
    ON CONFLICT (team_id, key) WHERE status = 'pending'
    DO UPDATE SET run_at = LEAST(scheduled_jobs.run_at, EXCLUDED.run_at)`);
}

/** Cancels every pending job whose key starts with the prefix (e.g. all of an incident's reminders). */
export async function cancelJobs(db: Queryable, params: { teamId: string; keyPrefix: string }): Promise<number> {
  const cancelled = await db
    .update(scheduledJobsTable)
    .set({ status: 'cancelled', doneAt: sql`now()` })
    .where(
      and(
        eq(scheduledJobsTable.teamId, params.teamId),
        eq(scheduledJobsTable.status, 'pending'),
        like(scheduledJobsTable.key, `${escapeLike(params.keyPrefix)}%`),
      ),
    )
    .returning({ id: scheduledJobsTable.id });
  return cancelled.length;
}

type ClaimedJobRow = {
  id: string | number;
  team_id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown> | string;
  run_at: string | Date;
  attempts: number;
};

/** Leases due jobs (by the app's clock) that no replica holds; an expired lease means a crashed runner. */
export async function claimDueJobs(
  db: Queryable,
  params: { now: Date; limit: number; leaseMs: number },
): Promise<ScheduledJob[]> {
  const now = params.now.toISOString();
  const leaseUntil = new Date(params.now.getTime() + params.leaseMs).toISOString();
  const rows = await queryRows<ClaimedJobRow>(
    db,
    sql`
      UPDATE scheduled_jobs SET status = 'running', attempts = attempts + 1, lease_until = ${leaseUntil}::timestamptz
      WHERE id IN (
        SELECT id FROM scheduled_jobs
        WHERE (status = 'pending' AND run_at <= ${now}::timestamptz) OR (status = 'running' AND lease_until < ${now}::timestamptz)
        ORDER BY run_at, id
        LIMIT ${params.limit}
        FOR UPDATE SKIP LOCKED
      )
      AND ((status = 'pending' AND run_at <= ${now}::timestamptz) OR (status = 'running' AND lease_until < ${now}::timestamptz))
      RETURNING id, team_id, kind, key, payload, run_at, attempts`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    teamId: row.team_id,
    kind: row.kind,
    key: row.key,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    runAt: new Date(row.run_at),
    attempts: row.attempts,
  }));
}

/** Marks a leased job done; false when the lease was lost (another runner took over). */
export async function completeJob(db: Queryable, params: { id: number; attempts: number }): Promise<boolean> {
  const done = await db
    .update(scheduledJobsTable)
    .set({ status: 'done', doneAt: sql`now()`, leaseUntil: null, lastError: null })
    .where(
      and(
        eq(scheduledJobsTable.id, params.id),
        eq(scheduledJobsTable.status, 'running'),
        eq(scheduledJobsTable.attempts, params.attempts),
      ),
    )
    .returning({ id: scheduledJobsTable.id });
  return done.length === 1;
}

export async function failJob(
  db: Queryable,
  params: { id: number; error: string; retryAt: Date | undefined },
): Promise<void> {
  await db
    .update(scheduledJobsTable)
    .set(
      params.retryAt
        ? { status: 'pending', runAt: params.retryAt, leaseUntil: null, lastError: params.error }
        : { status: 'dead', leaseUntil: null, lastError: params.error, doneAt: sql`now()` },
    )
    .where(and(eq(scheduledJobsTable.id, params.id), eq(scheduledJobsTable.status, 'running')));
}

export type JobStats = { pending: number; due: number; lagSeconds: number; dead: number };

/** Queue depth and lag (how late the oldest due job is), for /metrics. */
export async function jobStats(db: Queryable, now: Date): Promise<JobStats> {
  const at = now.toISOString();
  const [row] = await queryRows<{ pending: string; due: string; dead: string; lag: string | null }>(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
               count(*) FILTER (WHERE status = 'pending' AND run_at <= ${at}::timestamptz) AS due,
               count(*) FILTER (WHERE status = 'dead') AS dead,
               extract(epoch FROM ${at}::timestamptz - min(run_at) FILTER (WHERE status = 'pending' AND run_at <= ${at}::timestamptz)) AS lag
        FROM scheduled_jobs`,
  );
  return {
    pending: Number(row?.pending ?? 0),
    due: Number(row?.due ?? 0),
    dead: Number(row?.dead ?? 0),
    lagSeconds: Number(row?.lag ?? 0),
  };
}

/**
 * Records that a job of this kind finished successfully at `at`; call in the job's transaction so it
 * only counts when the work commits. Never moves back (replicas' clocks may differ slightly).
 */
export async function recordJobSuccess(
  db: Queryable,
  params: { teamId: string; kind: string; at: Date },
): Promise<void> {
  await db
    .insert(jobRunsTable)
    .values({ teamId: params.teamId, kind: params.kind, lastSuccessAt: params.at })
    .onConflictDoUpdate({
      target: [jobRunsTable.teamId, jobRunsTable.kind],
      set: { lastSuccessAt: sql`GREATEST(${jobRunsTable.lastSuccessAt}, EXCLUDED.last_success_at)` },
    });
}

/** The latest successful run of each job kind over every workspace, for /metrics (one row per kind). */
export async function lastJobSuccesses(db: Queryable): Promise<Array<{ kind: string; at: Date }>> {
  const rows = await db
    .select({ kind: jobRunsTable.kind, at: sql<string | Date>`max(${jobRunsTable.lastSuccessAt})` })
    .from(jobRunsTable)
    .groupBy(jobRunsTable.kind)
    .orderBy(jobRunsTable.kind);
  return rows.map((row) => ({ kind: row.kind, at: new Date(row.at) }));
}

/** Pending jobs of a team whose key starts with a prefix (tests and `/incident` status views). */
export async function listPendingJobs(db: Queryable, params: { teamId: string; keyPrefix?: string }) {
  return db
    .select()
    .from(scheduledJobsTable)
    .where(
      and(
        eq(scheduledJobsTable.teamId, params.teamId),
        inArray(scheduledJobsTable.status, ['pending', 'running']),
        params.keyPrefix ? like(scheduledJobsTable.key, `${escapeLike(params.keyPrefix)}%`) : undefined,
      ),
    )
    .orderBy(scheduledJobsTable.runAt);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
