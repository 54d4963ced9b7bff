import { listTimeline } from '../entry-log/index.ts';
import { type Incident, incidentRef, requireIncident } from '../incidents/index.ts';
import type { Queryable } from '../platform/db.ts';
import { mentionedUserIds } from './slack-text.ts';
import { countByKind, foldTimeline, type TimelineItem } from './timeline-fold.ts';

export type TimelineSummary = {
  incident: Incident;
  ref: string;
  items: TimelineItem[];
  keyItems: TimelineItem[];
  counts: Record<string, number>;
  /** Everyone named in it (authors and mentions), for display names. */
  userIds: string[];
};

/** The folded timeline of an incident with its key moments (deleted messages left out) and counts. */
export async function loadTimelineSummary(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<TimelineSummary> {
  const incident = await requireIncident(db, { teamId: params.teamId, incidentId: params.incidentId });
  const items = foldTimeline(await listTimeline(db, { teamId: params.teamId, incidentId: incident.id }));
  const userIds = new Set<string>();
  for (const item of items) {
    if (item.actorId) userIds.add(item.actorId);
    for (const id of mentionedUserIds(item.text)) userIds.add(id);
  }
  return {
    incident,
    ref: incidentRef(incident),
    items,
    keyItems: items.filter((item) => item.key && !item.deleted),
    counts: countByKind(items),
    userIds: [...userIds],
  };
}
