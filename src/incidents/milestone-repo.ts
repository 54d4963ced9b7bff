import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { incidentsTable } from './incident.sql.ts';
import { incidentMilestonesTable } from './milestone.sql.ts';

export type MilestoneRow = typeof incidentMilestonesTable.$inferSelect;

/** Milestones recorded for an incident (started/declared also live on the incident row). */
export async function listMilestoneRows(
  db: Queryable,
  params: { teamId: string; incidentId: number; forUpdate?: boolean },
): Promise<MilestoneRow[]> {
  const query = db
    .select()
    .from(incidentMilestonesTable)
    .where(
      and(eq(incidentMilestonesTable.teamId, params.teamId), eq(incidentMilestonesTable.incidentId, params.incidentId)),
    );
  return params.forUpdate ? query.for('update') : query;
}

export async function upsertMilestone(
  db: Queryable,
  params: { teamId: string; incidentId: number; name: string; at: Date; setBy: string; now: Date },
): Promise<void> {
  await db
    .insert(incidentMilestonesTable)
    .values({
      teamId: params.teamId,
      incidentId: params.incidentId,
      name: params.name,
      at: params.at,
      setBy: params.setBy,
      updatedAt: params.now,
    })
    .onConflictDoUpdate({
      target: [incidentMilestonesTable.teamId, incidentMilestonesTable.incidentId, incidentMilestonesTable.name],
      set: { at: params.at, setBy: params.setBy, updatedAt: params.now },
    });
}

/** Locks the incident row so concurrent milestone corrections queue, and returns its mirrored times. */
export async function lockIncidentTimes(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<{ startedAt: Date | null; declaredAt: Date } | undefined> {
  const [row] = await db
    .select({ startedAt: incidentsTable.startedAt, declaredAt: incidentsTable.declaredAt })
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.incidentId)))
    .for('update');
  return row;
}

/** Keeps incidents.started_at / declared_at equal to the started / declared milestones. */
export async function mirrorIncidentTime(
  db: Queryable,
  params: { teamId: string; incidentId: number; name: 'started' | 'declared'; at: Date },
): Promise<void> {
  await db
    .update(incidentsTable)
    .set(
      params.name === 'started'
        ? { startedAt: params.at, updatedAt: sql`now()` }
        : { declaredAt: params.at, updatedAt: sql`now()` },
    )
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.incidentId)));
}
