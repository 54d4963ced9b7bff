import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Display names from users.info, kept for a while so timelines show names without a call per mention. */
export const slackUsersTable = pgTable(
  'slack_users',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    /** users.info `tz` (IANA), for reminders at the person's own working hour; null when Slack has none. */
    tz: text('tz'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId] })],
);
