import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import { outboxTable } from './outbox.sql.ts';
import type { NewOutboxEffect, OutboxEffect } from './outbox.ts';

/** Queues effects; call inside the transaction that makes the change they announce. */
export async function enqueueEffects(db: Queryable, effects: NewOutboxEffect[]): Promise<void> {
  if (effects.length === 0) return;
  await db.insert(outboxTable).values(
    effects.map((effect) => ({
      teamId: effect.teamId,
      stream: effect.stream,
      kind: effect.kind,
      payload: effect.payload,
      ...(effect.delayMs ? { runAfter: sql`now() + make_interval(secs => ${effect.delayMs / 1000})` } : {}),
    })),
  );
}

/**
 * Queues an effect that reads current state when it runs (a card redraw, a checklist redraw): while
 * one is still waiting untried in the stream, the new one rides on it, so bursts cost one Slack call.
 * The waiting row is locked until this transaction commits: the dispatcher's claim skips locked rows,
 * so the redraw cannot start, and read the state from before this change, while the change is unseen.
 */
export async function enqueueCoalesced(db: Queryable, effect: NewOutboxEffect): Promise<void> {
  const [waiting] = await db
    .select({ id: outboxTable.id })
    .from(outboxTable)
    .where(
      and(
        eq(outboxTable.teamId, effect.teamId),
        eq(outboxTable.stream, effect.stream),
        eq(outboxTable.status, 'pending'),
        sql`${outboxTable.attempts} = 0`,
      ),
    )
    .limit(1)
    .for('update');
  if (!waiting) await enqueueEffects(db, [effect]);
}

type ClaimedRow = {
  id: string | number;
  team_id: string;
  stream: string;
  kind: string;
  payload: Record<string, unknown> | string;
  attempts: number;
  uncertain: number;
};

/**
 * Leases up to `limit` due effects, at most one per stream and only the oldest open one of each,
 * so a stream's effects run in order even across replicas. An expired lease means a crash mid-call.
 */
export async function claimDueEffects(
  db: Queryable,
  params: { limit: number; leaseSeconds: number },
): Promise<OutboxEffect[]> {
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`
      WITH heads AS (
        SELECT DISTINCT ON (team_id, stream) id
        FROM outbox
        WHERE status IN ('pending', 'running')
        ORDER BY team_id, stream, id
      ),
      due AS (
        SELECT o.id FROM outbox o JOIN heads h ON h.id = o.id
        -- Conditions on o (not h) are re-checked on the row's latest version after waiting for a lock.
        WHERE (o.status = 'pending' AND o.run_after <= now()) OR (o.status = 'running' AND o.lease_until < now())
        ORDER BY o.id
        LIMIT ${params.limit}
        FOR UPDATE OF o SKIP LOCKED
      )
      UPDATE outbox SET
        uncertain = CASE WHEN outbox.status = 'running' THEN 1 ELSE outbox.uncertain END,
        status = 'running',
        attempts = outbox.attempts + 1,
        lease_until = now() + make_interval(secs => ${params.leaseSeconds})
      FROM due WHERE outbox.id = due.id
      RETURNING outbox.id, outbox.team_id, outbox.stream, outbox.kind, outbox.payload, outbox.attempts, outbox.uncertain`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    teamId: row.team_id,
    stream: row.stream,
    kind: row.kind,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    attempts: row.attempts,
    uncertain: row.uncertain === 1,
  }));
}

export async function markEffectDone(
  db: Queryable,
  params: { id: number; result?: Record<string, unknown> },
): Promise<void> {
  await db
    .update(outboxTable)
    .set({ status: 'done', doneAt: sql`now()`, leaseUntil: null, result: params.result ?? null, lastError: null })
    .where(eq(outboxTable.id, params.id));
}

export async function rescheduleEffect(
  db: Queryable,
  params: { id: number; delayMs: number; error: string; uncertain: boolean },
): Promise<void> {
  await db
    .update(outboxTable)
    .set({
      status: 'pending',
      leaseUntil: null,
      lastError: params.error,
      runAfter: sql`now() + make_interval(secs => ${params.delayMs / 1000})`,
      ...(params.uncertain ? { uncertain: 1 } : {}),
    })
    .where(eq(outboxTable.id, params.id));
}

export async function markEffectDead(db: Queryable, params: { id: number; error: string }): Promise<void> {
  await db
    .update(outboxTable)
    .set({ status: 'dead', leaseUntil: null, lastError: params.error, doneAt: sql`now()` })
    .where(eq(outboxTable.id, params.id));
}

export type OutboxStats = { pending: number; running: number; dead: number; oldestPendingSeconds: number };

/** Depth and lag of the outbox, for /metrics. */
export async function outboxStats(db: Queryable): Promise<OutboxStats> {
  const [row] = await queryRows<{ pending: string; running: string; dead: string; lag: string | null }>(
    db,
    sql`SELECT
          count(*) FILTER (WHERE status = 'pending') AS pending,
          count(*) FILTER (WHERE status = 'running') AS running,
          count(*) FILTER (WHERE status = 'dead') AS dead,
          extract(epoch FROM now() - min(run_after) FILTER (WHERE status = 'pending' AND run_after <= now())) AS lag
        FROM outbox`,
  );
  return {
    pending: Number(row?.pending ?? 0),
    running: Number(row?.running ?? 0),
    dead: Number(row?.dead ?? 0),
    oldestPendingSeconds: Number(row?.lag ?? 0),
  };
}

/** Effects of one stream, oldest first (for tests and the audit export). */
export async function listStreamEffects(db: Queryable, params: { teamId: string; stream: string }) {
  return db
    .select()
    .from(outboxTable)
    .where(and(eq(outboxTable.teamId, params.teamId), eq(outboxTable.stream, params.stream)))
    .orderBy(outboxTable.id);
}

/** Every effect about one incident, in any stream, oldest first (the private move's clean-up reads their results). */
export async function listIncidentEffects(
  db: Queryable,
  params: { teamId: string; incidentId: number; beforeId?: number },
) {
  return db
    .select()
    .from(outboxTable)
    .where(
      and(
        eq(outboxTable.teamId, params.teamId),
        sql`${outboxTable.payload}->>'incidentId' = ${String(params.incidentId)}`,
        params.beforeId === undefined ? undefined : sql`${outboxTable.id} < ${params.beforeId}`,
      ),
    )
    .orderBy(outboxTable.id);
}

export async function countOpenEffects(db: Queryable, params: { teamId?: string } = {}): Promise<number> {
  const rows = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(outboxTable)
    .where(
      and(
        inArray(outboxTable.status, ['pending', 'running']),
        params.teamId ? eq(outboxTable.teamId, params.teamId) : undefined,
      ),
    );
  return rows[0]?.count ?? 0;
}
