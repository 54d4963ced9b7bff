import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import type { Incident, IncidentStatus } from './incident.ts';
import { incidentsTable } from './incident.sql.ts';
import { incidentNotFound } from './incident-lookups.ts';

type IncidentRow = typeof incidentsTable.$inferSelect;
type IncidentChanges = Partial<Omit<typeof incidentsTable.$inferInsert, 'id' | 'teamId' | 'number'>>;

function toIncident(row: IncidentRow): Incident {
  return { ...row, status: row.status as IncidentStatus, sourceMessage: row.sourceMessage ?? null };
}

/** Finds an incident by its number (INC-12 → 12). */
export async function findIncidentByNumber(db: Queryable, params: { teamId: string; number: number }): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.number, params.number)));
  return row && toIncident(row);
}

/** Loads an incident and locks its row until the transaction ends, so concurrent changes queue up. */
export async function lockIncident(db: Queryable, params: { teamId: string; id: number }): Promise<Incident> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.id)))
    .for('update');
  if (!row) throw incidentNotFound();
  return toIncident(row);
}

/**
 * Changes an incident only while it still has the state the caller saw (`expect`), so a double
 * click or a stale form changes nothing twice; returns the updated incident or undefined.
 */
export async function updateIncidentIf(
  db: Queryable,
  params: { teamId: string; id: number; expect: { status?: IncidentStatus; severity?: string; isPrivate?: boolean }; set: IncidentChanges },
): Promise<Incident | undefined> {
  const conditions = [eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.id)];
  if (params.expect.status !== undefined) conditions.push(eq(incidentsTable.status, params.expect.status));
  if (params.expect.severity !== undefined) conditions.push(eq(incidentsTable.severity, params.expect.severity));
  if (params.expect.isPrivate !== undefined) conditions.push(eq(incidentsTable.isPrivate, params.expect.isPrivate));
  const [row] = await db
    .update(incidentsTable)
    .set({ ...params.set, updatedAt: sql`now()` })
    .where(and(...conditions))
    .returning();
  return row && toIncident(row);
}
