import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { incidentsTable, teamCountersTable } from './incident.sql.ts';
import { type Incident, type IncidentStatus, incidentNotFound } from './incident.ts';

type IncidentRow = typeof incidentsTable.$inferSelect;
type IncidentChanges = Partial<Omit<typeof incidentsTable.$inferInsert, 'id' | 'teamId' | 'number'>>;

function toIncident(row: IncidentRow): Incident {
  return { ...row, status: row.status as IncidentStatus, sourceMessage: row.sourceMessage ?? null };
}

/** Takes the next value of a per-workspace counter; concurrent callers queue on the row lock. */
export async function nextCounterValue(db: Queryable, params: { teamId: string; name: string }): Promise<number> {
  const [row] = await db
    .insert(teamCountersTable)
    .values({ teamId: params.teamId, name: params.name, value: 1 })
    .onConflictDoUpdate({
      target: [teamCountersTable.teamId, teamCountersTable.name],
      set: { value: sql`${teamCountersTable.value} + 1` },
    })
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

export async function findIncidentById(
  db: Queryable,
  params: { teamId: string; id: number },
): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.id)));
  return row && toIncident(row);
}

export async function findIncidentByDeclareKey(
  db: Queryable,
  params: { teamId: string; declareKey: string },
): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.declareKey, params.declareKey)));
  return row && toIncident(row);
}

export async function findIncidentByChannel(
  db: Queryable,
  params: { teamId: string; channelId: string },
): Promise<Incident | undefined> {
  const [row] = await db
    .select()
    .from(incidentsTable)
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.channelId, params.channelId)));
  return row && toIncident(row);
}

export async function listIncidents(db: Queryable, params: { teamId: string }): Promise<Incident[]> {
  const rows = await db
    .select()
    .from(incidentsTable)
    .where(eq(incidentsTable.teamId, params.teamId))
    .orderBy(incidentsTable.number);
  return rows.map(toIncident);
}

/** Records where Slack put the incident's channel, card or announcement. */
export async function updateIncidentSlackRefs(
  db: Queryable,
  params: { teamId: string; id: number } & Partial<
    Pick<Incident, 'channelId' | 'channelName' | 'cardTs' | 'announcementChannelId' | 'announcementTs'>
  >,
): Promise<void> {
  const { teamId, id, ...refs } = params;
  await db
    .update(incidentsTable)
    .set({ ...refs, updatedAt: sql`now()` })
    .where(and(eq(incidentsTable.teamId, teamId), eq(incidentsTable.id, id)));
}

/** Stores the permalink of the message the incident was declared from. */
export async function setSourcePermalink(
  db: Queryable,
  params: { teamId: string; id: number; permalink: string },
): Promise<void> {
  await db
    .update(incidentsTable)
    .set({
      sourceMessage: sql`jsonb_set(${incidentsTable.sourceMessage}, '{permalink}', to_jsonb(${params.permalink}::text))`,
    })
    .where(and(eq(incidentsTable.teamId, params.teamId), eq(incidentsTable.id, params.id)));
}

/** Finds an incident by its number (INC-12 → 12). */
export async function findIncidentByNumber(
  db: Queryable,
  params: { teamId: string; number: number },
): Promise<Incident | undefined> {
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
  params: {
    teamId: string;
    id: number;
    expect: { status?: IncidentStatus; severity?: string; isPrivate?: boolean };
    set: IncidentChanges;
  },
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

/**
 * Incidents neither resolved nor closed, counted by severity over every workspace: an operator's view,
 * so deliberately not filtered by team; at most `limit` severities (the configured ones, plus any since removed).
 */
export async function countOpenIncidentsBySeverity(
  db: Queryable,
  params: { limit: number },
): Promise<Array<{ severity: string; open: number }>> {
  const rows = await db
    .select({ severity: incidentsTable.severity, open: sql<number>`count(*)::int` })
    .from(incidentsTable)
    .where(sql`${incidentsTable.status} NOT IN ('resolved', 'closed')`)
    .groupBy(incidentsTable.severity)
    .orderBy(incidentsTable.severity)
    .limit(params.limit);
  return rows.map((row) => ({ severity: row.severity, open: Number(row.open) }));
}
