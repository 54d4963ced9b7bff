import { and, desc, eq, gte } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { homeViewersTable } from './home-viewer.sql.ts';

/** Records that the person opened Home now (one row per person, the latest time kept). */
export async function recordHomeViewer(
  db: Queryable,
  params: { teamId: string; userId: string; at: Date },
): Promise<void> {
  await db
    .insert(homeViewersTable)
    .values({ teamId: params.teamId, userId: params.userId, openedAt: params.at })
    .onConflictDoUpdate({
      target: [homeViewersTable.teamId, homeViewersTable.userId],
      set: { openedAt: params.at },
    });
}

/** People who opened Home since `since`, most recent first, at most `limit`. */
export async function listRecentHomeViewers(
  db: Queryable,
  params: { teamId: string; since: Date; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ userId: homeViewersTable.userId })
    .from(homeViewersTable)
    .where(and(eq(homeViewersTable.teamId, params.teamId), gte(homeViewersTable.openedAt, params.since)))
    .orderBy(desc(homeViewersTable.openedAt))
    .limit(params.limit);
  return rows.map((row) => row.userId);
}

/** When the person last opened Home, if ever. */
export async function findHomeViewer(
  db: Queryable,
  params: { teamId: string; userId: string },
): Promise<Date | undefined> {
  const [row] = await db
    .select({ openedAt: homeViewersTable.openedAt })
    .from(homeViewersTable)
    .where(and(eq(homeViewersTable.teamId, params.teamId), eq(homeViewersTable.userId, params.userId)));
  return row?.openedAt;
}
