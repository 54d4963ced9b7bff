import { appendTimelineEntries } from '../entry-log/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import type { Incident } from './incident.ts';
import type { IncidentChangeListener } from './incident-changes.ts';
import { listMilestoneRows, upsertMilestone } from './milestone-repo.ts';

// The lifecycle sets these times on the incident (a back-dated resolution included); the milestones follow.
const milestoneTimes: Array<[name: string, time: (incident: Incident) => Date | null]> = [
  ['mitigated', (incident) => incident.mitigatedAt],
  ['resolved', (incident) => incident.resolvedAt],
  ['closed', (incident) => incident.closedAt],
];

/** Status changes record the mitigated, resolved and closed milestones once (later corrections use /incident milestone). */
export function recordStatusMilestones(deps: ServiceDeps): IncidentChangeListener {
  return async (tx, _effects, incident, change) => {
    if (change.kind !== 'status_changed') return;
    const rows = await listMilestoneRows(tx, { teamId: incident.teamId, incidentId: incident.id });
    const now = deps.clock.now();
    for (const [name, time] of milestoneTimes) {
      const at = time(incident);
      if (!at || rows.some((row) => row.name === name)) continue;
      await upsertMilestone(tx, {
        teamId: incident.teamId,
        incidentId: incident.id,
        name,
        at,
        setBy: 'firebreak',
        now,
      });
      await appendTimelineEntries(tx, [
        {
          teamId: incident.teamId,
          incidentId: incident.id,
          kind: 'milestone',
          occurredAt: at,
          text: name,
          data: { milestone: name, previous: null, setAt: at.toISOString() },
          sourceKey: `milestone:${incident.id}:${name}:status`,
        },
      ]);
    }
  };
}
