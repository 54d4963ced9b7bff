import type { Queryable } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { type Incident, incidentNotFound } from './incident.ts';
import { findIncidentByChannel, findIncidentById, listIncidents } from './incident-repo.ts';

/** The incident a command, button or form is about: by id, or by the channel it was used in. */
export async function requireIncident(
  db: Queryable,
  input: { teamId: string; incidentId?: number; channelId?: string },
): Promise<Incident> {
  const incident =
    input.incidentId !== undefined
      ? await findIncidentById(db, { teamId: input.teamId, id: input.incidentId })
      : input.channelId
        ? await findIncidentByChannel(db, { teamId: input.teamId, channelId: input.channelId })
        : undefined;
  if (!incident) throw incidentNotFound();
  return incident;
}

/** Incidents not yet resolved or closed, newest first. */
export async function listOpenIncidents(db: Queryable, params: { teamId: string }): Promise<Incident[]> {
  const all = await listIncidents(db, params);
  return all.filter((incident) => incident.status !== 'resolved' && incident.status !== 'closed').reverse();
}

/** The incident whose channel this is, or undefined (no access check: the Slack edge checks membership). */
export async function incidentInChannel(
  deps: ServiceDeps,
  params: { teamId: string; channelId: string },
): Promise<Incident | undefined> {
  return findIncidentByChannel(deps.db, params);
}
