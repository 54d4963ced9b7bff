import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The weeks whose reliability digest has been queued, per workspace: the row is written in the same
 * transaction as the post, so a week's digest goes out once whichever replica runs the job, however
 * often it is retried or restarted.
 */
export const digestWeeksTable = pgTable(
  'digest_weeks',
  {
    teamId: text('team_id').notNull(),
    /** The Monday (YYYY-MM-DD, in the configured zone) the digested week began. */
    weekStart: text('week_start').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.weekStart] })],
);
