import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import type { Incident, IncidentStatus } from './incident.ts';
import { incidentRolesTable, incidentsTable, teamCountersTable } from './incident.sql.ts';

type IncidentRow = typeof incidentsTable.$inferSelect;

function toIncident(row: IncidentRow): Incident {
  return { ...row, status: row.status as IncidentStatus, sourceMessage: row.sourceMessage ?? null };
}

/** Takes the next value of a per-workspace counter; concurrent callers queue on the row lock. */
export async function nextCounterValue(db: Queryable, params: { teamId: string; name: string }): Promise<number> {
  const [row] = await db
    .insert(teamCountersTable)
    .values({ teamId: params.teamId, name: params.name, value: 1 })
    .onConflictDoUpdate({ target: [teamCountersTable.teamId, teamCountersTable.name], set: { value: sql`${teamCountersTable.value} + 1` } })
    .returning({ value: teamCountersTable.value });
  if (!row) throw new Error('counter upsert returned no row');
  return row.value;
}

export type NewIncident = typeof incidentsTable.$inferInsert;

export async function insertIncident(db: Queryable, values: NewIncident): Promise<Incident> {
  const [row] = await db.insert(incidentsTable).values(values).returning();
  if (!row) throw new Error('incident insert returned no row');
  return toIncident(row);
}

export async function findIncidentById(db: Queryable, params: { teamId: string; id: number }): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.id)));
  return row && toIncident(row);
}

export async function findIncidentByDeclareKey(db: Queryable, params: { teamId: string; declareKey: string }): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.declareKey, params.declareKey)));
  return row && toIncident(row);
}

export async function findIncidentByChannel(db: Queryable, params: { teamId: string; channelId: string }): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.channelId, params.channelId)));
  return row && toIncident(row);
}

export async function listIncidents(db: Queryable, params: { teamId: string }): Promise<Incident[]> {
  const rows = await db.select().from(incidentsTable).where(eq(incidentsTable.teamId, params.teamId)).orderBy(incidentsTable.number);
  return rows.map(toIncident);
}

/** Records where Slack put the incident's channel, card or announcement. */
export async function updateIncidentSlackRefs(
  db: Queryable,
  params: { teamId: string; id: number } & Partial<Pick<Incident, 'channelId' | 'channelName' | 'cardTs' | 'announcementChannelId' | 'announcementTs'>>,
): Promise<void> {
  const { teamId, id, ...refs } = params;
  await db
    .update(incidentsTable)
    .set({ ...refs, updatedAt: sql`now()` })
    .where(and(eq(incidentsTable.teamId, teamId), eq(incidentsTable.id, id)));
}

export type RoleHolder = { role: string; userId: string; assignedAt: Date };

export async function listRoleHolders(db: Queryable, params: { teamId: string; incidentId: number }): Promise<RoleHolder[]> {
  return db
    .select({ role: incidentRolesTable.role, userId: incidentRolesTable.userId, assignedAt: incidentRolesTable.assignedAt })
    .from(incidentRolesTable)
    .where(and(eq(incidentRolesTable.teamId, params.teamId), eq(incidentRolesTable.incidentId, params.incidentId)));
}

/** Gives a role to a user, replacing any holder; returns the previous holder. */
export async function upsertRoleHolder(
  db: Queryable,
  params: { teamId: string; incidentId: number; role: string; userId: string; assignedBy: string; at: Date },
): Promise<string | undefined> {
  const [previous] = await db
    .select({ userId: incidentRolesTable.userId })
    .from(incidentRolesTable)
    .where(and(eq(incidentRolesTable.teamId, params.teamId), eq(incidentRolesTable.incidentId, params.incidentId), eq(incidentRolesTable.role, params.role)))
    .for('update');
  await db
    .insert(incidentRolesTable)
    .values({ teamId: params.teamId, incidentId: params.incidentId, role: params.role, userId: params.userId, assignedBy: params.assignedBy, assignedAt: params.at })
    .onConflictDoUpdate({
      target: [incidentRolesTable.teamId, incidentRolesTable.incidentId, incidentRolesTable.role],
      set: { userId: params.userId, assignedBy: params.assignedBy, assignedAt: params.at },
    });
  return previous?.userId;
}

/** Stores the permalink of the message the incident was declared from. */
export async function setSourcePermalink(db: Queryable, params: { teamId: string; id: number; permalink: string }): Promise<void> {
  await db
    .update(incidentsTable)
    .set({ sourceMessage: sql`jsonb_set(${incidentsTable.sourceMessage}, '{permalink}', to_jsonb(${params.permalink}::text))` })
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.id)));
}
