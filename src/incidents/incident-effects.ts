import type { Effect, IncidentEffect } from '../platform/effects.ts';

/** The outbox stream of an incident's own steps (declare, moves, posts), which run strictly in order. */
export function incidentStream(incidentId: number): string {
  return `incident:${incidentId}`;
}

/** An incident's effect with its team, stream and id filled in. */
export function incidentEffect(incident: { teamId: string; id: number }, effect: IncidentEffect): Effect {
  return {
    teamId: incident.teamId,
    stream: incidentStream(incident.id),
    kind: effect.kind,
    payload: { incidentId: incident.id, ...effect.payload },
  } as Effect;
}
