import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every request Slack sends, stored before it is acknowledged, so retries are dropped and crashes replayed.
 * `lease_until`: while in the future, one process is handling the row (the one that stored it, or the
 * replayer that claimed it) and no other takes it; once past, any replica's replayer may.
 */
export const inboxTable = pgTable(
  'inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('inbox_team_dedupe_key').on(table.teamId, table.dedupeKey),
    index('inbox_unhandled').on(table.receivedAt).where(sql`handled_at IS NULL`),
  ],
);
