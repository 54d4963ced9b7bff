import type { EffectQueue } from '../platform/transaction.ts';

/** The outbox stream of an incident's postmortem in Slack: its message, canvas and files, in order. */
export function postmortemStream(incidentId: number): string {
  return `postmortem:${incidentId}`;
}

/**
 * Redraws the postmortem's message and canvas from the latest version. Coalesced, each in a stream of
 * its own (coalescing looks at the whole stream): a burst of edits costs one chat.update and one
 * canvases.edit, which read the database when they run.
 */
export function queuePostmortemRefresh(effects: EffectQueue, incident: { teamId: string; id: number }): void {
  for (const kind of ['postmortem.message', 'postmortem.canvas'] as const)
    effects.coalesce({
      teamId: incident.teamId,
      stream: `${kind}:${incident.id}`,
      kind,
      payload: { incidentId: incident.id },
      // Like the card: changes within a moment share one edit, and the message follows the post that caused it.
      delayMs: 1500,
    });
}
