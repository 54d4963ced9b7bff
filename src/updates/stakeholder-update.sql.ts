import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Stakeholder updates as sent: the evidence of what stakeholders were told and when. */
export const stakeholderUpdatesTable = pgTable(
  'stakeholder_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    teamId: text('team_id').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    authorId: text('author_id').notNull(),
    status: text('status').notNull(),
    impact: text('impact').notNull(),
    actions: text('actions').notNull(),
    nextUpdateMinutes: integer('next_update_minutes'),
    eta: text('eta').notNull().default(''),
    confidence: text('confidence'),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('stakeholder_updates_incident').on(table.teamId, table.incidentId, table.postedAt)],
);
