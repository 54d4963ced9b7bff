import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Durable delayed work (nudges, reminders, archive warnings). A key names "the next X of Y": at most
 * one pending job per key, so rescheduling replaces and cancelling by key prefix is one statement.
 */
export const scheduledJobsTable = pgTable(
  'scheduled_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('pending').$type<'pending' | 'running' | 'done' | 'cancelled' | 'dead'>(),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('scheduled_jobs_pending_key').on(table.teamId, table.key).where(sql`status = 'pending'`),
    index('scheduled_jobs_due').on(table.runAt).where(sql`status IN ('pending', 'running')`),
  ],
);

/**
 * When each kind of job last finished successfully in a workspace, by the app's clock: one row per
 * team and kind (so /metrics reads a handful of rows, not the job history), written in the job's
 * own transaction so it moves only when the job's work commits.
 */
export const jobRunsTable = pgTable(
  'job_runs',
  {
    teamId: text('team_id').notNull(),
    kind: text('kind').notNull(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.kind] })],
);
