import { recordAudit } from '../audit/index.ts';
import { addFollowUps } from '../follow-ups/index.ts';
import { type IncidentChangeListener, incidentEffect, requireIncident } from '../incidents/index.ts';
import { matchRunbooks, type RunbookDeps, servicesWithoutRunbook } from './runbook.ts';

export const writeRunbookKind = 'write_runbook';
// Audit actor for what Firebreak did on its own (no Slack user behind it).
const systemActor = 'firebreak';

/**
 * When an incident is declared or its services change, offers the runbooks that apply in its channel
 * and notes a "write a runbook" follow-up for each affected service no runbook covers.
 */
export function offerRunbooks(deps: RunbookDeps): IncidentChangeListener {
  return async (tx, effects, incident, change) => {
    if (change.kind !== 'declared' && change.kind !== 'services_changed') return;
    const runbooks = deps.runbooks ?? [];
    const services = change.kind === 'services_changed' ? change.services : incident.services;
    const names = matchRunbooks(runbooks, { services, severity: incident.severity, title: incident.title }).map(
      (r) => r.name,
    );
    const now = deps.clock.now();
    const uncovered = servicesWithoutRunbook(runbooks, services);
    const added = await addFollowUps(
      tx,
      uncovered.map((service) => ({
        teamId: incident.teamId,
        incidentId: incident.id,
        kind: writeRunbookKind,
        text: `Write a runbook for ${service}`,
        at: now,
      })),
    );
    if (added.length > 0) {
      await recordAudit(tx, [
        {
          teamId: incident.teamId,
          incidentId: incident.id,
          actorId: systemActor,
          action: 'follow_up.added',
          after: { kind: writeRunbookKind, items: added },
          at: now,
        },
      ]);
    }
    const missing = uncovered.filter((service) => added.includes(`Write a runbook for ${service}`));
    if (names.length === 0 && missing.length === 0) return;
    effects.add(incidentEffect(incident, { kind: 'runbooks.offer', payload: { names, missing } }));
  };
}

/** The runbooks to choose from for an incident: those that match it first, then the rest. */
export async function runbookChoices(
  deps: RunbookDeps,
  input: { teamId: string; incidentId?: number; channelId?: string },
) {
  const incident = await requireIncident(deps.db, input);
  const runbooks = deps.runbooks ?? [];
  const matching = matchRunbooks(runbooks, {
    services: incident.services,
    severity: incident.severity,
    title: incident.title,
  });
  return { incident, matching, others: runbooks.filter((r) => !matching.includes(r)) };
}
