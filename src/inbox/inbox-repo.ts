import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import { inboxTable } from './inbox.sql.ts';

export type InboxRow = typeof inboxTable.$inferSelect;

export type NewInboxRow = { teamId: string; dedupeKey: string; kind: string; payload: unknown };

/** Stores a request; returns its row id, or undefined when the same key was stored before (a retry). */
export async function insertInboxRow(db: Queryable, params: NewInboxRow): Promise<number | undefined> {
  const stored = await insertInboxRows(db, [params]);
  return stored.get(`${params.teamId}\u0000${params.dedupeKey}`);
}

/**
 * Stores many requests in one statement; returns the ids of those that were new, by
 * `teamId NUL dedupeKey` (keys already stored, by earlier statements or earlier in this batch, are absent).
 */
export async function insertInboxRows(db: Queryable, rows: NewInboxRow[]): Promise<Map<string, number>> {
  const key = (row: { teamId: string; dedupeKey: string }) => `${row.teamId}\u0000${row.dedupeKey}`;
  const unique = [...new Map(rows.map((row) => [key(row), row])).values()];
  // One parameter whatever the batch size: the statement text never changes, so it is prepared once
  // and the driver serialises one string instead of four values per request.
  const input = JSON.stringify(unique.map((row, ord) => ({ ord, team_id: row.teamId, dedupe_key: row.dedupeKey, kind: row.kind, payload: row.payload })));
  const inserted = await queryRows<{ id: number | string; team_id: string; dedupe_key: string }>(
    db,
    sql`INSERT INTO inbox (team_id, dedupe_key, kind, payload)
        SELECT team_id, dedupe_key, kind, payload
        FROM jsonb_to_recordset(${input}::jsonb) AS i(ord int, team_id text, dedupe_key text, kind text, payload jsonb)
        ORDER BY ord
        ON CONFLICT (team_id, dedupe_key) DO NOTHING
        RETURNING id, team_id, dedupe_key`,
  );
  return new Map(inserted.map((row) => [key({ teamId: row.team_id, dedupeKey: row.dedupe_key }), Number(row.id)]));
}

export async function markInboxHandled(db: Queryable, params: { id: number }): Promise<void> {
  await markInboxRowsHandled(db, [params.id]);
}

/** Marks requests as handled in one statement (of fixed text, so it is prepared once). */
export async function markInboxRowsHandled(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`UPDATE inbox SET handled_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`,
  );
}

export async function markInboxAttemptFailed(db: Queryable, params: { id: number; error: string }): Promise<void> {
  await db
    .update(inboxTable)
    .set({ attempts: sql`${inboxTable.attempts} + 1`, lastError: params.error })
    .where(eq(inboxTable.id, params.id));
}

/** Requests received more than `olderThanSeconds` ago that no process finished handling. */
export async function listUnhandledInbox(db: Queryable, params: { olderThanSeconds: number; maxAttempts: number; limit: number }): Promise<InboxRow[]> {
  return db
    .select()
    .from(inboxTable)
    .where(
      and(
        isNull(inboxTable.handledAt),
        lt(inboxTable.attempts, params.maxAttempts),
        lt(inboxTable.receivedAt, sql`now() - make_interval(secs => ${params.olderThanSeconds})`),
      ),
    )
    .orderBy(asc(inboxTable.id))
    .limit(params.limit);
}

/** Requests received and still being handled for the first time (work in flight). */
export async function countInFlightInbox(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(inboxTable)
    .where(and(isNull(inboxTable.handledAt), eq(inboxTable.attempts, 0)));
  return row?.count ?? 0;
}
