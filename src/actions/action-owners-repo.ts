import { and, eq, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import { actionOwnersTable } from './action.sql.ts';

export type ActionOwner = {
  teamId: string;
  ownerId: string;
  nextReminderAt: Date | null;
  remindedWeek: string | null;
  timeZone: string | null;
};

export async function findActionOwner(
  db: Queryable,
  params: { teamId: string; ownerId: string },
): Promise<ActionOwner | undefined> {
  const [row] = await db
    .select()
    .from(actionOwnersTable)
    .where(and(eq(actionOwnersTable.teamId, params.teamId), eq(actionOwnersTable.ownerId, params.ownerId)));
  return row;
}

/** Creates the owner's row, or sets its reminder time; the week last reminded is kept either way. */
export async function upsertActionOwner(
  db: Queryable,
  params: { teamId: string; ownerId: string; nextReminderAt: Date | null; timeZone: string | null },
): Promise<void> {
  await db
    .insert(actionOwnersTable)
    .values(params)
    .onConflictDoUpdate({
      target: [actionOwnersTable.teamId, actionOwnersTable.ownerId],
      set: { nextReminderAt: params.nextReminderAt, timeZone: params.timeZone },
    });
}

/**
 * Sets the next reminder (and, where given, the week reminded) of a page of owners in one statement: the
 * sweep's page is one round trip, however many owners it holds.
 */
export async function setOwnerReminders(
  db: Queryable,
  params: { teamId: string; owners: Array<{ ownerId: string; nextReminderAt: Date | null; remindedWeek?: string }> },
): Promise<void> {
  if (params.owners.length === 0) return;
  const rows = sql.join(
    params.owners.map(
      (owner) =>
        sql`(${owner.ownerId}, ${owner.nextReminderAt?.toISOString() ?? null}::timestamptz, ${owner.remindedWeek ?? null}::text)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    UPDATE action_owners AS o
    SET next_reminder_at = v.next_at, reminded_week = COALESCE(v.week, o.reminded_week)
    FROM (VALUES ${rows}) AS v(owner_id, next_at, week)
    WHERE o.team_id = ${params.teamId} AND o.owner_id = v.owner_id`);
}

type DueOwnerRow = {
  owner_id: string;
  next_reminder_at: string | Date;
  reminded_week: string | null;
  time_zone: string | null;
};

/**
 * A page of the workspace's owners whose reminder is due, earliest first, locked so that another
 * replica's sweep skips them (action_owners_due makes this an index range scan, however many owners).
 */
export async function claimDueOwners(
  db: Queryable,
  params: { teamId: string; now: Date; limit: number },
): Promise<ActionOwner[]> {
  const rows = await queryRows<DueOwnerRow>(db, dueOwnersQuery(params));
  return rows.map((row) => ({
    teamId: params.teamId,
    ownerId: row.owner_id,
    nextReminderAt: new Date(row.next_reminder_at),
    remindedWeek: row.reminded_week,
    timeZone: row.time_zone,
  }));
}

/** The query claimDueOwners runs (the benchmark prints its plan). */
export function dueOwnersQuery(params: { teamId: string; now: Date; limit: number }) {
  return sql`
    SELECT owner_id, next_reminder_at, reminded_week, time_zone FROM action_owners
    WHERE team_id = ${params.teamId} AND next_reminder_at IS NOT NULL
      AND next_reminder_at <= ${params.now.toISOString()}::timestamptz
    ORDER BY next_reminder_at
    LIMIT ${params.limit}
    FOR UPDATE SKIP LOCKED`;
}

/** The soonest reminder still to send in the workspace, if any (when the sweep next has work). */
export async function earliestReminder(db: Queryable, params: { teamId: string }): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(${actionOwnersTable.nextReminderAt})` })
    .from(actionOwnersTable)
    .where(eq(actionOwnersTable.teamId, params.teamId));
  return row?.at ? new Date(row.at) : undefined;
}
