import { listFollowUps } from '../follow-ups/index.ts';
import { type IncidentChangeListener, incidentEffect } from '../incidents/index.ts';

/**
 * When an incident is resolved, offers its pending follow-ups ("Write a runbook for search-api") in its
 * channel as proposed actions, one click each to accept with an owner and a due date. Queued in the
 * resolving transaction, so a rolled-back resolve offers nothing; read again when posted.
 */
export function proposeActionsOnResolve(): IncidentChangeListener {
  return async (tx, effects, incident, change) => {
    if (change.kind !== 'status_changed' || change.to !== 'resolved') return;
    const pending = (await listFollowUps(tx, { teamId: incident.teamId, incidentId: incident.id })).filter(
      (followUp) => followUp.status === 'pending',
    );
    if (pending.length > 0) effects.add(incidentEffect(incident, { kind: 'action.proposals' }));
  };
}
