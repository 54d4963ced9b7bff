import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who opened Firebreak's Home tab, and when last: incident changes republish the Home of people who
 * looked recently, and nobody else's (a Home is published anew whenever its owner opens it).
 */
export const homeViewersTable = pgTable(
  'home_viewers',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.userId] }),
    // Recent viewers first, a bounded number per change.
    index('home_viewers_recent').on(table.teamId, table.openedAt),
  ],
);
