import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Append-only record of what happened in an incident; a source key makes each capture exactly-once. */
export const timelineEntriesTable = pgTable(
  'timeline_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    // Slack's ts exactly as sent, when the entry mirrors a Slack message.
    slackTs: text('slack_ts'),
    actorId: text('actor_id'),
    text: text('text').notNull().default(''),
    data: jsonb('data').notNull().$type<Record<string, unknown>>().default({}),
    sourceKey: text('source_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('timeline_team_source_key').on(table.teamId, table.sourceKey),
    index('timeline_incident_time').on(table.teamId, table.incidentId, table.occurredAt),
    // Role coverage in stats reads when each incident's commander was first named, among all its entries.
    index('timeline_role_assigned')
      .on(table.teamId, table.incidentId, table.occurredAt)
      .where(sql`kind = 'role_assigned'`),
  ],
);
