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

/** Display names from users.info, kept for a while so timelines show names without a call per mention. */
export const slackUsersTable = pgTable(
  'slack_users',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId] })],
);
