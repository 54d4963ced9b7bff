import { bigint, bigserial, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Work noticed during an incident for its postmortem's actions (e.g. "write a runbook for X"). */
export const followUpsTable = pgTable(
  'follow_ups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('follow_ups_once').on(table.teamId, table.incidentId, table.kind, table.text)],
);
