import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** When each milestone of an incident happened; started/declared mirror incidents.started_at/declared_at. */
export const incidentMilestonesTable = pgTable(
  'incident_milestones',
  {
    teamId: text('team_id').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    setBy: text('set_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.incidentId, table.name] })],
);
