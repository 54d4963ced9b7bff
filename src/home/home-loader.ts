import { listActionsPage } from '../actions/index.ts';
import { findIncidentById, type Incident, listOpenIncidents, listRoleHolders } from '../incidents/index.ts';
import type { Queryable } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { localDateOf } from '../platform/local-time.ts';
import { listUnpublishedPostmortemsOfOwner } from '../postmortems/index.ts';
import { cachedTimeZone } from '../timeline/index.ts';
import type { HomeModel } from './home-model.ts';

/** At most this many of each list are loaded: Home has 100 blocks, so more could never be shown. */
export const homeListLimit = 50;

/**
 * One person's Home as it is now, read fresh from the database: bounded lists (at most `homeListLimit`
 * of each), overdue actions first, dates judged in the person's zone (else the configured one).
 */
export async function loadHome(
  db: Queryable,
  deps: Pick<ServiceDeps, 'config' | 'clock'>,
  params: { teamId: string; userId: string },
): Promise<HomeModel> {
  const { teamId, userId } = params;
  const [zone, open, page, postmortems] = await Promise.all([
    cachedTimeZone(db, params),
    listOpenIncidents(db, { teamId }),
    listActionsPage(db, { teamId, filter: { scope: 'owner', ownerId: userId }, offset: 0, limit: homeListLimit }),
    listUnpublishedPostmortemsOfOwner(db, { teamId, ownerId: userId, limit: homeListLimit }),
  ]);
  const shown = open.slice(0, homeListLimit);
  const incidents = await Promise.all(
    shown.map(async (incident) => {
      const holders = await listRoleHolders(db, { teamId, incidentId: incident.id });
      return { incident, roles: holders.filter((holder) => holder.userId === userId).map((holder) => holder.role) };
    }),
  );
  const incidentsById = new Map<number, Incident>(open.map((incident) => [incident.id, incident]));
  const wanted = [...page.actions.map((a) => a.incidentId), ...postmortems.map((p) => p.incidentId)];
  for (const id of new Set(wanted.filter((id) => !incidentsById.has(id)))) {
    const incident = await findIncidentById(db, { teamId, id });
    if (incident) incidentsById.set(id, incident);
  }
  return {
    userId,
    today: localDateOf(deps.clock.now(), zone ?? deps.config.timezone),
    incidents,
    actions: page.actions,
    postmortems: postmortems.flatMap((postmortem) => {
      const incident = incidentsById.get(postmortem.incidentId);
      return incident ? [{ postmortem, incident }] : [];
    }),
    incidentsById,
    moreActions: Math.max(0, page.total - page.actions.length),
  };
}
