import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Slack effects to perform after a domain change commits. Rows of one stream run strictly in id
 * order; a row is done, pending (maybe after run_after), running (leased until lease_until) or dead.
 */
export const outboxTable = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    stream: text('stream').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    status: text('status').notNull().default('pending').$type<'pending' | 'running' | 'done' | 'dead'>(),
    attempts: integer('attempts').notNull().default(0),
    // True once an attempt ended without knowing whether Slack performed it (timeout, 5xx, crash).
    uncertain: integer('uncertain').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (table) => [
    index('outbox_open').on(table.teamId, table.stream, table.id).where(sql`status IN ('pending', 'running')`),
    index('outbox_due').on(table.runAfter).where(sql`status IN ('pending', 'running')`),
  ],
);
