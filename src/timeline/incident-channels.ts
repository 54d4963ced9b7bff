import { findIncidentByChannel } from '../incidents/index.ts';
import type { Queryable } from '../platform/db.ts';

// A channel id, once it belongs to an incident, never moves to another: a positive answer can be kept
// by every replica forever. Misses are not kept, since a channel may become an incident channel later.
const known = new Map<string, number>();
const maxKnown = 10_000;

/** The id of the incident whose channel this is, or undefined; cheap on the hot event path. */
export async function incidentIdForChannel(
  db: Queryable,
  params: { teamId: string; channelId: string },
): Promise<number | undefined> {
  const cacheKey = `${params.teamId}:${params.channelId}`;
  const cached = known.get(cacheKey);
  if (cached !== undefined) return cached;
  const incident = await findIncidentByChannel(db, params);
  if (!incident) return undefined;
  if (known.size >= maxKnown) known.clear();
  known.set(cacheKey, incident.id);
  return incident.id;
}
