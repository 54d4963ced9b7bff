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

/**
 * Asks for the pinned card to be redrawn from current state. Coalesced: while one redraw is still
 * waiting, later changes ride on it (it reads the database when it runs), so bursts cost one edit.
 */
export async function queueCardRefresh(db: Queryable, params: { teamId: string; incidentId: number; now?: Date }): Promise<void> {
  const [waiting] = await db
    .select({ id: outboxTable.id })
    .from(outboxTable)
    .where(
      and(
        eq(outboxTable.teamId, params.teamId),
        eq(outboxTable.stream, cardStream(params.incidentId)),
        eq(outboxTable.status, 'pending'),
        sql`${outboxTable.attempts} = 0`,
      ),
    )
    .limit(1);
  if (waiting) return;
  await enqueueEffects(db, [
    {
      teamId: params.teamId,
      stream: cardStream(params.incidentId),
      kind: 'card.refresh',
      payload: { incidentId: params.incidentId },
      delayMs: cardRefreshDelayMs,
    },
  ]);
}
