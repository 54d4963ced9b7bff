import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import type { LocalDate } from '../platform/local-time.ts';
import { actionEventsTable, actionsTable } from './action.sql.ts';
import type { Action, ActionEvent } from './action-model.ts';

type ActionRow = typeof actionsTable.$inferSelect;
export type NewAction = Omit<typeof actionsTable.$inferInsert, 'id'>;
type ActionChanges = Partial<Omit<NewAction, 'teamId' | 'number' | 'incidentId'>>;

function toAction(row: ActionRow): Action {
  return row;
}

/** Stores a new action; null when its follow-up was already accepted (the other click won). */
export async function insertAction(db: Queryable, values: NewAction): Promise<Action | null> {
  const [row] = await db.insert(actionsTable).values(values).onConflictDoNothing().returning();
  return row ? toAction(row) : null;
}

export async function findActionByNumber(
  db: Queryable,
  params: { teamId: string; number: number },
): Promise<Action | undefined> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), eq(actionsTable.number, params.number)));
  return row ? toAction(row) : undefined;
}

/** The action with this id in the team (effects carry ids), or undefined. */
export async function findActionById(
  db: Queryable,
  params: { teamId: string; id: number },
): Promise<Action | undefined> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), eq(actionsTable.id, params.id)));
  return row ? toAction(row) : undefined;
}

export async function findActionByFollowUp(
  db: Queryable,
  params: { teamId: string; followUpId: number },
): Promise<Action | undefined> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), eq(actionsTable.followUpId, params.followUpId)));
  return row ? toAction(row) : undefined;
}

/** The action, locked until the transaction ends, so two closes of it queue and the second sees the first. */
export async function lockActionByNumber(
  db: Queryable,
  params: { teamId: string; number: number },
): Promise<Action | undefined> {
  const [row] = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), eq(actionsTable.number, params.number)))
    .for('update');
  return row ? toAction(row) : undefined;
}

export async function updateAction(db: Queryable, id: number, changes: ActionChanges): Promise<Action> {
  const [row] = await db.update(actionsTable).set(changes).where(eq(actionsTable.id, id)).returning();
  if (!row) throw new Error(`action ${id} vanished`);
  return toAction(row);
}

export async function insertActionEvent(
  db: Queryable,
  event: Omit<ActionEvent, 'id'> & { teamId: string },
): Promise<void> {
  await db.insert(actionEventsTable).values(event);
}

export async function listActionEvents(
  db: Queryable,
  params: { teamId: string; actionId: number },
): Promise<ActionEvent[]> {
  return db
    .select({
      id: actionEventsTable.id,
      actionId: actionEventsTable.actionId,
      kind: actionEventsTable.kind,
      actorId: actionEventsTable.actorId,
      at: actionEventsTable.at,
      note: actionEventsTable.note,
      before: actionEventsTable.before,
      after: actionEventsTable.after,
    })
    .from(actionEventsTable)
    .where(and(eq(actionEventsTable.teamId, params.teamId), eq(actionEventsTable.actionId, params.actionId)))
    .orderBy(asc(actionEventsTable.at), asc(actionEventsTable.id));
}

/** An incident's actions, open ones first by due date, then closed ones by number. */
export async function listIncidentActions(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<Action[]> {
  const rows = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), eq(actionsTable.incidentId, params.incidentId)))
    .orderBy(sql`(${actionsTable.status} <> 'open')`, asc(actionsTable.dueDate), asc(actionsTable.number));
  return rows.map(toAction);
}

export type ActionFilter =
  | { scope: 'incident'; incidentId: number }
  | { scope: 'owner'; ownerId: string }
  | { scope: 'overdue'; today: LocalDate };

/**
 * One page of actions for a list: open ones first, overdue before the rest, by due date; closed ones
 * after (only for an incident's list). Returns the page and the total, so the list can say "3 of 40".
 */
export async function listActionsPage(
  db: Queryable,
  params: { teamId: string; filter: ActionFilter; offset: number; limit: number },
): Promise<{ actions: Action[]; total: number }> {
  const { filter } = params;
  const where = and(
    eq(actionsTable.teamId, params.teamId),
    filter.scope === 'incident'
      ? eq(actionsTable.incidentId, filter.incidentId)
      : filter.scope === 'owner'
        ? and(eq(actionsTable.ownerId, filter.ownerId), eq(actionsTable.status, 'open'))
        : and(eq(actionsTable.status, 'open'), lt(actionsTable.dueDate, filter.today)),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(actionsTable)
      .where(where)
      .orderBy(sql`(${actionsTable.status} <> 'open')`, asc(actionsTable.dueDate), asc(actionsTable.number))
      .offset(params.offset)
      .limit(params.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(actionsTable).where(where),
  ]);
  return { actions: rows.map(toAction), total: Number(count?.total ?? 0) };
}

/** Open actions of these owners (one query for a page of owners), by owner then due date. */
export async function listOpenActionsOfOwners(
  db: Queryable,
  params: { teamId: string; ownerIds: string[] },
): Promise<Action[]> {
  if (params.ownerIds.length === 0) return [];
  const rows = await db
    .select()
    .from(actionsTable)
    .where(
      and(
        eq(actionsTable.teamId, params.teamId),
        eq(actionsTable.status, 'open'),
        inArray(actionsTable.ownerId, params.ownerIds),
      ),
    )
    .orderBy(asc(actionsTable.ownerId), asc(actionsTable.dueDate), asc(actionsTable.number));
  return rows.map(toAction);
}

/** Open actions due before `before` (overdue past the grace period), oldest due first, at most `limit`. */
export async function listOpenActionsDueBefore(
  db: Queryable,
  params: { teamId: string; before: LocalDate; limit: number },
): Promise<Action[]> {
  const rows = await db
    .select()
    .from(actionsTable)
    .where(
      and(
        eq(actionsTable.teamId, params.teamId),
        eq(actionsTable.status, 'open'),
        lt(actionsTable.dueDate, params.before),
      ),
    )
    .orderBy(asc(actionsTable.dueDate), asc(actionsTable.number))
    .limit(params.limit);
  return rows.map(toAction);
}

/**
 * Open actions over every workspace, and how many of them are overdue (due before `today`), for
 * /metrics; one pass over the open-actions index (actions_open_due).
 */
export async function countOpenActions(
  db: Queryable,
  params: { today: LocalDate },
): Promise<{ open: number; overdue: number }> {
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${actionsTable.dueDate} < ${params.today}))::int`,
    })
    .from(actionsTable)
    // The literal (not a parameter) lets the planner match the partial index's predicate.
    .where(sql`${actionsTable.status} = 'open'`);
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/** How many actions an incident has, open and closed (the postmortem and card say so). */
export async function countIncidentActions(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<{ open: number; closed: number }> {
  const rows = await db
    .select({ status: actionsTable.status, count: sql<number>`count(*)::int` })
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), eq(actionsTable.incidentId, params.incidentId)))
    .groupBy(actionsTable.status);
  const open = Number(rows.find((row) => row.status === 'open')?.count ?? 0);
  const all = rows.reduce((sum, row) => sum + Number(row.count), 0);
  return { open, closed: all - open };
}

/** The actions with these ids in the workspace (any status), by due date; ids of another team are ignored. */
export async function listActionsByIds(db: Queryable, params: { teamId: string; ids: number[] }): Promise<Action[]> {
  if (params.ids.length === 0) return [];
  const rows = await db
    .select()
    .from(actionsTable)
    .where(and(eq(actionsTable.teamId, params.teamId), inArray(actionsTable.id, params.ids)))
    .orderBy(asc(actionsTable.dueDate), asc(actionsTable.number));
  return rows.map(toAction);
}
