import type { Queryable } from '../platform/db.ts';
import type { FieldRedaction } from '../platform/secrets.ts';
import type { EffectQueue } from '../platform/transaction.ts';
import { appendTimelineEntries } from './timeline-repo.ts';

export type TypedRedactions = {
  teamId: string;
  incidentId: number;
  /** The person who typed the fields, who is told. */
  userId: string;
  at: Date;
  found: FieldRedaction[];
  /** Names the request, so a repeated one records and tells once. */
  key: string;
  /** The outbox stream the notice joins (after the incident's channel exists). */
  stream: string;
};

/**
 * Records, in the caller's transaction, that secrets were taken out of what a person typed before it
 * was stored: a bot timeline entry naming the kinds and fields (never the secret) and a notice to that
 * person, sent after commit. Nothing when nothing was found.
 */
export async function recordTypedRedactions(
  tx: Queryable,
  effects: EffectQueue,
  params: TypedRedactions,
): Promise<boolean> {
  if (params.found.length === 0) return false;
  const kinds = [...new Set(params.found.flatMap((f) => f.kinds))];
  const fields = params.found.map((f) => f.field);
  const inserted = await appendTimelineEntries(tx, [
    {
      teamId: params.teamId,
      incidentId: params.incidentId,
      kind: 'secret_redacted',
      occurredAt: params.at,
      text: `Redacted ${kinds.join(', ').replace(/_/g, ' ')} from the ${fields.join(', ').replace(/_/g, ' ')} typed by <@${params.userId}>`,
      data: { kinds, fields, userId: params.userId, bot: true },
      sourceKey: `redacted:${params.key}`,
    },
  ]);
  if (inserted === 0) return false;
  effects.add({
    teamId: params.teamId,
    stream: params.stream,
    kind: 'secrets.removed_notice',
    payload: { incidentId: params.incidentId, userId: params.userId, found: params.found },
  });
  return true;
}
