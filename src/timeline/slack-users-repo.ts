import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { slackUsersTable } from './slack-user.sql.ts';

// Names change rarely; a day-old name is good enough for a timeline.
export const userNameTtlMs = 24 * 60 * 60 * 1000;

/** Cached display names still fresh at `now`, by user id. */
export async function cachedUserNames(
  db: Queryable,
  params: { teamId: string; userIds: string[]; now: Date },
): Promise<Map<string, string>> {
  if (params.userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: slackUsersTable.userId, displayName: slackUsersTable.displayName })
    .from(slackUsersTable)
    .where(
      and(
        eq(slackUsersTable.teamId, params.teamId),
        inArray(slackUsersTable.userId, params.userIds),
        gt(slackUsersTable.fetchedAt, new Date(params.now.getTime() - userNameTtlMs)),
      ),
    );
  return new Map(rows.map((row) => [row.userId, row.displayName]));
}

/** Remembers a display name fetched from Slack. */
export async function saveUserName(
  db: Queryable,
  params: { teamId: string; userId: string; displayName: string; now: Date },
): Promise<void> {
  await db
    .insert(slackUsersTable)
    .values({ teamId: params.teamId, userId: params.userId, displayName: params.displayName, fetchedAt: params.now })
    .onConflictDoUpdate({
      target: [slackUsersTable.teamId, slackUsersTable.userId],
      set: { displayName: params.displayName, fetchedAt: params.now },
    });
}
