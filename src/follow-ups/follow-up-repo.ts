import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { followUpsTable } from './follow-up.sql.ts';

export type FollowUp = typeof followUpsTable.$inferSelect;

/** Records follow-ups once each (same incident, kind and text is the same follow-up); returns the new ones. */
export async function addFollowUps(
  db: Queryable,
  items: Array<{ teamId: string; incidentId: number; kind: string; text: string; at: Date }>,
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insert(followUpsTable)
    .values(
      items.map((i) => ({ teamId: i.teamId, incidentId: i.incidentId, kind: i.kind, text: i.text, createdAt: i.at })),
    )
    .onConflictDoNothing()
    .returning({ text: followUpsTable.text });
  return rows.map((r) => r.text);
}

/** An incident's pending follow-ups, oldest first (the postmortem turns them into actions). */
export async function listFollowUps(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<FollowUp[]> {
  return db
    .select()
    .from(followUpsTable)
    .where(and(eq(followUpsTable.teamId, params.teamId), eq(followUpsTable.incidentId, params.incidentId)))
    .orderBy(asc(followUpsTable.id));
}

export async function findFollowUp(
  db: Queryable,
  params: { teamId: string; id: number },
): Promise<FollowUp | undefined> {
  const [row] = await db
    .select()
    .from(followUpsTable)
    .where(and(eq(followUpsTable.teamId, params.teamId), eq(followUpsTable.id, params.id)));
  return row;
}

/** Marks a follow-up as turned into an action (it is no longer offered as a proposal). */
export async function markFollowUpAccepted(db: Queryable, params: { teamId: string; id: number }): Promise<void> {
  await db
    .update(followUpsTable)
    .set({ status: 'accepted' })
    .where(and(eq(followUpsTable.teamId, params.teamId), eq(followUpsTable.id, params.id)));
}
