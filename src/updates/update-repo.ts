import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { stakeholderUpdatesTable } from './stakeholder-update.sql.ts';

export type StakeholderUpdate = typeof stakeholderUpdatesTable.$inferSelect;

/** Stores one posted update and returns it. */
export async function insertUpdate(
  db: Queryable,
  values: typeof stakeholderUpdatesTable.$inferInsert,
): Promise<StakeholderUpdate> {
  const [row] = await db.insert(stakeholderUpdatesTable).values(values).returning();
  if (!row) throw new Error('stakeholder update insert returned no row');
  return row;
}

export async function findUpdate(
  db: Queryable,
  params: { teamId: string; id: number },
): Promise<StakeholderUpdate | undefined> {
  const [row] = await db
    .select()
    .from(stakeholderUpdatesTable)
    .where(and(eq(stakeholderUpdatesTable.teamId, params.teamId), eq(stakeholderUpdatesTable.id, params.id)));
  return row;
}

/** An incident's updates, newest first. */
export async function listUpdates(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<StakeholderUpdate[]> {
  return db
    .select()
    .from(stakeholderUpdatesTable)
    .where(
      and(eq(stakeholderUpdatesTable.teamId, params.teamId), eq(stakeholderUpdatesTable.incidentId, params.incidentId)),
    )
    .orderBy(desc(stakeholderUpdatesTable.postedAt), desc(stakeholderUpdatesTable.id));
}
