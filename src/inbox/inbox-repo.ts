import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import { inboxTable } from './inbox.sql.ts';

export type InboxRow = typeof inboxTable.$inferSelect;

/** A request a replayer took over: what it needs to run it again. */
export type ClaimedInboxRow = {
  id: number;
  teamId: string;
  dedupeKey: string;
  kind: string;
  payload: unknown;
  attempts: number;
};

export type NewInboxRow = { teamId: string; dedupeKey: string; kind: string; payload: unknown };

/** How long the process that stores or claims a request keeps it before another may take it over. */
export type InboxLease = { leaseSeconds: number };

/** Stores a request; returns its row id, or undefined when the same key was stored before (a retry). */
export async function insertInboxRow(
  db: Queryable,
  params: NewInboxRow & Partial<InboxLease>,
): Promise<number | undefined> {
  const stored = await insertInboxRows(db, [params], { leaseSeconds: params.leaseSeconds ?? 30 });
  return stored.get(`${params.teamId}\u0000${params.dedupeKey}`);
}

/**
 * Stores many requests in one statement, each leased to this process for `leaseSeconds` (it handles them
 * next); returns the ids of those that were new, by `teamId NUL dedupeKey` (keys already stored, by
 * earlier statements or earlier in this batch, are absent).
 */
export async function insertInboxRows(
  db: Queryable,
  rows: NewInboxRow[],
  lease: InboxLease = { leaseSeconds: 30 },
): Promise<Map<string, number>> {
  const key = (row: { teamId: string; dedupeKey: string }) => `${row.teamId}\u0000${row.dedupeKey}`;
  const unique = [...new Map(rows.map((row) => [key(row), row])).values()];
  // One parameter for the rows whatever the batch size: the statement text never changes, so it is
  // prepared once and the driver serialises one string instead of four values per request.
  const input = JSON.stringify(
    unique.map((row, ord) => ({
      ord,
      team_id: row.teamId,
      dedupe_key: row.dedupeKey,
      kind: row.kind,
      payload: row.payload,
    })),
  );
  const inserted = await queryRows<{ id: number | string; team_id: string; dedupe_key: string }>(
    db,
    sql`INSERT INTO inbox (team_id, dedupe_key, kind, payload, lease_until)
        SELECT team_id, dedupe_key, kind, payload, now() + make_interval(secs => ${lease.leaseSeconds})
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
    sql`UPDATE inbox SET handled_at = now(), attempts = attempts + 1, last_error = NULL, lease_until = NULL
        WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`,
  );
}

/**
 * Records a failed attempt and hands the request back for a later replay: its lease now ends after a
 * back-off that doubles with each failure (1 s, 2 s, 4 s … at most 5 minutes).
 */
export async function markInboxAttemptFailed(db: Queryable, params: { id: number; error: string }): Promise<void> {
  await db
    .update(inboxTable)
    .set({
      attempts: sql`${inboxTable.attempts} + 1`,
      lastError: params.error,
      leaseUntil: sql`now() + make_interval(secs => least(power(2, ${inboxTable.attempts}), 300))`,
    })
    .where(and(eq(inboxTable.id, params.id), isNull(inboxTable.handledAt)));
}

// A row without a lease was stored by a version that had none: it counts as leased for a minute, as the
// start-up replay of that version waited a minute before taking a row over.
const leaseEnded = sql`(lease_until < now() OR (lease_until IS NULL AND received_at < now() - interval '60 seconds'))`;

/**
 * Takes up to `limit` unhandled requests whose lease has ended (or that never had one) and leases them
 * to the caller: a row is returned to one caller only, however many replicas claim at once (rows another
 * claim holds locked are skipped, and a leased row is not due). `now: true` also takes rows waiting out
 * the back-off after a failure (start-up, an operator's replay), never rows being handled.
 */
export async function claimUnhandledInbox(
  db: Queryable,
  params: InboxLease & { maxAttempts: number; limit: number; now?: boolean },
): Promise<ClaimedInboxRow[]> {
  const rows = await queryRows<{
    id: number | string;
    team_id: string;
    dedupe_key: string;
    kind: string;
    payload: unknown;
    attempts: number;
  }>(
    db,
    sql`UPDATE inbox SET lease_until = now() + make_interval(secs => ${params.leaseSeconds})
        WHERE id IN (
          SELECT id FROM inbox
          WHERE handled_at IS NULL AND attempts < ${params.maxAttempts}
            AND (${leaseEnded} OR (${params.now ?? false}::boolean AND last_error IS NOT NULL))
          ORDER BY id
          LIMIT ${params.limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, team_id, dedupe_key, kind, payload, attempts`,
  );
  return rows
    .map((row) => ({
      id: Number(row.id),
      teamId: row.team_id,
      dedupeKey: row.dedupe_key,
      kind: row.kind,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
      attempts: row.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * A request stored before and not handled, taken over by the caller (a Slack retry of it): its id when
 * the caller now holds it, undefined when it was handled, gave up on, or another process holds its lease.
 */
export async function claimInboxRowByKey(
  db: Queryable,
  params: InboxLease & { teamId: string; dedupeKey: string; maxAttempts: number },
): Promise<number | undefined> {
  const rows = await queryRows<{ id: number | string }>(
    db,
    sql`UPDATE inbox SET lease_until = now() + make_interval(secs => ${params.leaseSeconds})
        WHERE team_id = ${params.teamId} AND dedupe_key = ${params.dedupeKey} AND handled_at IS NULL
          AND attempts < ${params.maxAttempts} AND ${leaseEnded}
        RETURNING id`,
  );
  return rows[0] === undefined ? undefined : Number(rows[0].id);
}

/** Whether a request with this key is stored (handled or not). */
export async function isInboxKeyStored(db: Queryable, params: { teamId: string; dedupeKey: string }): Promise<boolean> {
  const rows = await db
    .select({ id: inboxTable.id })
    .from(inboxTable)
    .where(and(eq(inboxTable.teamId, params.teamId), eq(inboxTable.dedupeKey, params.dedupeKey)))
    .limit(1);
  return rows.length > 0;
}

/** Requests received and still being handled for the first time (work in flight). */
export async function countInFlightInbox(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(inboxTable)
    .where(and(isNull(inboxTable.handledAt), eq(inboxTable.attempts, 0)));
  return row?.count ?? 0;
}
