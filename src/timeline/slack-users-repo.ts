import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { slackUsersTable } from './slack-user.sql.ts';

// Names change rarely; a day-old name is good enough for a timeline.
export const userNameTtlMs = 24 * 60 * 60 * 1000;

/**
 * Cached display names still fresh at `now`, by user id; with `anyAge`, every cached name (a document
 * rendered from the record would rather say a name fetched last week than an id).
 */
export async function cachedUserNames(
  db: Queryable,
  params: { teamId: string; userIds: string[]; now: Date; anyAge?: boolean },
): Promise<Map<string, string>> {
  if (params.userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: slackUsersTable.userId, displayName: slackUsersTable.displayName })
    .from(slackUsersTable)
    .where(
      and(
        eq(slackUsersTable.teamId, params.teamId),
        inArray(slackUsersTable.userId, params.userIds),
        params.anyAge ? undefined : gt(slackUsersTable.fetchedAt, new Date(params.now.getTime() - userNameTtlMs)),
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

/** The person's IANA time zone from users.info, if Slack gave one (a day-old value is fine). */
export async function cachedTimeZone(
  db: Queryable,
  params: { teamId: string; userId: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ tz: slackUsersTable.tz })
    .from(slackUsersTable)
    .where(and(eq(slackUsersTable.teamId, params.teamId), eq(slackUsersTable.userId, params.userId)));
  return row?.tz ?? undefined;
}

/** Remembers a person's name and time zone from users.info. */
export async function saveUserProfile(
  db: Queryable,
  params: { teamId: string; userId: string; displayName: string; tz: string | null; now: Date },
): Promise<void> {
  await db
    .insert(slackUsersTable)
    .values({
      teamId: params.teamId,
      userId: params.userId,
      displayName: params.displayName,
      tz: params.tz,
      fetchedAt: params.now,
    })
    .onConflictDoUpdate({
      target: [slackUsersTable.teamId, slackUsersTable.userId],
      set: { displayName: params.displayName, tz: params.tz, fetchedAt: params.now },
    });
}
