import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { inboxTable } from './inbox.sql.ts';

export type InboxRow = typeof inboxTable.$inferSelect;

/** Stores a request; returns its row id, or undefined when the same key was stored before (a retry). */
export async function insertInboxRow(
  db: Queryable,
  params: { teamId: string; dedupeKey: string; kind: string; payload: unknown },
): Promise<number | undefined> {
  const [row] = await db
    .insert(inboxTable)
    .values({ teamId: params.teamId, dedupeKey: params.dedupeKey, kind: params.kind, payload: params.payload })
    .onConflictDoNothing({ target: [inboxTable.teamId, inboxTable.dedupeKey] })
    .returning({ id: inboxTable.id });
  return row?.id;
}

export async function markInboxHandled(db: Queryable, params: { id: number; error?: string }): Promise<void> {
  await db
    .update(inboxTable)
    .set({ handledAt: sql`now()`, attempts: sql`${inboxTable.attempts} + 1`, lastError: params.error ?? null })
    .where(eq(inboxTable.id, params.id));
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
