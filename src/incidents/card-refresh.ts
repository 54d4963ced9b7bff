import type { EffectQueue } from '../platform/transaction.ts';

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
export function queueCardRefresh(effects: EffectQueue, params: { teamId: string; incidentId: number }): void {
  effects.coalesce({
    teamId: params.teamId,
    stream: cardStream(params.incidentId),
    kind: 'card.refresh',
    payload: { incidentId: params.incidentId },
    delayMs: cardRefreshDelayMs,
  });
}

/** Asks for the channel topic (severity · status · commander) to be set again; coalesced like the card. */
export function queueTopicRefresh(effects: EffectQueue, params: { teamId: string; incidentId: number }): void {
  effects.coalesce({
    teamId: params.teamId,
    stream: topicStream(params.incidentId),
    kind: 'topic.refresh',
    payload: { incidentId: params.incidentId },
    delayMs: cardRefreshDelayMs,
  });
}
