import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { timelineEntriesTable } from './timeline.sql.ts';

export type TimelineEntry = typeof timelineEntriesTable.$inferSelect;
export type NewTimelineEntry = Omit<typeof timelineEntriesTable.$inferInsert, 'id' | 'createdAt'>;

/** Appends entries; an entry whose source key is already recorded is skipped (exactly once). */
export async function appendTimelineEntries(db: Queryable, entries: NewTimelineEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const inserted = await db
    .insert(timelineEntriesTable)
    .values(entries)
    .onConflictDoNothing({ target: [timelineEntriesTable.teamId, timelineEntriesTable.sourceKey] })
    .returning({ id: timelineEntriesTable.id });
  return inserted.length;
}

/** An incident's timeline in event-time order (Slack ts, not arrival). */
export async function listTimeline(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<TimelineEntry[]> {
  return db
    .select()
    .from(timelineEntriesTable)
    .where(and(eq(timelineEntriesTable.teamId, params.teamId), eq(timelineEntriesTable.incidentId, params.incidentId)))
    .orderBy(asc(timelineEntriesTable.occurredAt), asc(timelineEntriesTable.slackTs), asc(timelineEntriesTable.id));
}

/** How many entries of one kind an incident's timeline holds. */
export async function countTimelineEntries(
  db: Queryable,
  params: { teamId: string; incidentId: number; kind: string },
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(timelineEntriesTable)
    .where(
      and(
        eq(timelineEntriesTable.teamId, params.teamId),
        eq(timelineEntriesTable.incidentId, params.incidentId),
        eq(timelineEntriesTable.kind, params.kind),
      ),
    );
  return Number(row?.count ?? 0);
}
