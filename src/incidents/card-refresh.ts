import { and, eq, sql } from 'drizzle-orm';
import { outboxTable } from '../outbox/outbox.sql.ts';
import { enqueueEffects } from '../outbox/index.ts';
import type { Queryable } from '../platform/db.ts';

// Changes within this window share one chat.update: a busy incident stays inside Slack's limits.
export const cardRefreshDelayMs = 1500;

/** The outbox stream of an incident's card edits (separate from its declare steps). */
export function cardStream(incidentId: number): string {
  return `card:${incidentId}`;
}

/** The outbox stream of an incident's topic edits, coalesced like the card. */
export function topicStream(incidentId: number): string {
  return `topic:${incidentId}`;
}

/**
 * Asks for the pinned card to be redrawn from current state. Coalesced: while one redraw is still
 * waiting, later changes ride on it (it reads the database when it runs), so bursts cost one edit.
 */
export async function queueCardRefresh(db: Queryable, params: { teamId: string; incidentId: number }): Promise<void> {
  await queueCoalesced(db, { ...params, stream: cardStream(params.incidentId), kind: 'card.refresh' });
}

/** Asks for the channel topic (severity · status · commander) to be set again; coalesced like the card. */
export async function queueTopicRefresh(db: Queryable, params: { teamId: string; incidentId: number }): Promise<void> {
  await queueCoalesced(db, { ...params, stream: topicStream(params.incidentId), kind: 'topic.refresh' });
}

async function queueCoalesced(db: Queryable, params: { teamId: string; incidentId: number; stream: string; kind: string }): Promise<void> {
  const [waiting] = await db
    .select({ id: outboxTable.id })
    .from(outboxTable)
    .where(
      and(
        eq(outboxTable.teamId, params.teamId),
        eq(outboxTable.stream, params.stream),
        eq(outboxTable.status, 'pending'),
        sql`${outboxTable.attempts} = 0`,
      ),
    )
    .limit(1);
  if (waiting) return;
  await enqueueEffects(db, [
    {
      teamId: params.teamId,
      stream: params.stream,
      kind: params.kind,
      payload: { incidentId: params.incidentId },
      delayMs: cardRefreshDelayMs,
    },
  ]);
}
