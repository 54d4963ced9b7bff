import type { IncidentChangeListener } from '../incidents/index.ts';
import { listMilestoneRows, upsertMilestone } from './milestone-repo.ts';
import { appendTimelineEntries } from './timeline-repo.ts';

/** Resolving or closing an incident records that milestone (once; a later correction uses /incident milestone). */
export const recordStatusMilestones: IncidentChangeListener = async (tx, deps, incident, change) => {
  if (change.kind !== 'status_changed' || (change.to !== 'resolved' && change.to !== 'closed')) return;
  const rows = await listMilestoneRows(tx, { teamId: incident.teamId, incidentId: incident.id });
  if (rows.some((row) => row.name === change.to)) return;
  const now = deps.clock.now();
  await upsertMilestone(tx, { teamId: incident.teamId, incidentId: incident.id, name: change.to, at: now, setBy: 'firebreak', now });
  await appendTimelineEntries(tx, [
    { teamId: incident.teamId, incidentId: incident.id, kind: 'milestone', occurredAt: now, text: change.to, data: { milestone: change.to, previous: null, setAt: now.toISOString() }, sourceKey: `milestone:${incident.id}:${change.to}:status` },
  ]);
};
