import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { type Action, formatActionRef, listIncidentActions } from '../actions/index.ts';
import { timelineEntriesTable } from '../entry-log/index.ts';
import { listFollowUps } from '../follow-ups/index.ts';
import {
  type Incident,
  incidentRef,
  listMilestones,
  listRoleHolders,
  type Milestones,
  type RelatedIncident,
  relatedIncidents,
} from '../incidents/index.ts';
import type { Queryable } from '../platform/db.ts';
import { foldTimeline, type TimelineItem } from '../timeline/index.ts';
import { listUpdates } from '../updates/index.ts';

// Kinds that belong in a postmortem's key timeline without anyone pinning them.
export const keyTimelineKinds = [
  'declared',
  'milestone',
  'note',
  'status_changed',
  'severity_changed',
  'role_assigned',
  'handover',
  'stakeholder_update',
  'update_missed',
  'runbook_started',
  'runbook_step',
  'runbook_completed',
  'reopened',
  'made_private',
];
const messageKinds = ['message', 'file_shared', 'message_edited', 'message_deleted', 'key_flag'];
// A postmortem reads the key moments; a longer list points to the full export instead.
export const keyTimelineLimit = 150;

export type RoleParticipant = { role: string; userIds: string[] };

/** Everything a postmortem is drafted from, read with bounded queries whatever the timeline's size. */
export type PostmortemRecord = {
  incident: Incident;
  ref: string;
  milestones: Milestones;
  keyTimeline: TimelineItem[];
  /** Key moments beyond `keyTimelineLimit`, left out of the document (the export has them). */
  keyTimelineOmitted: number;
  entryCount: number;
  countsByKind: Record<string, number>;
  participants: RoleParticipant[];
  updatesSent: number;
  /** Follow-ups noticed during the incident and not yet accepted as actions: proposals. */
  followUps: Array<{ id: number; kind: string; text: string }>;
  /** The incident's corrective actions, open ones first. */
  actions: Array<
    Pick<Action, 'number' | 'text' | 'ownerId' | 'dueDate' | 'status' | 'closeNote' | 'type' | 'trackerKey'> & {
      ref: string;
    }
  >;
  related: RelatedIncident[];
  userIds: string[];
};

export async function loadPostmortemRecord(db: Queryable, incident: Incident): Promise<PostmortemRecord> {
  const scope = and(eq(timelineEntriesTable.teamId, incident.teamId), eq(timelineEntriesTable.incidentId, incident.id));
  const [
    milestones,
    plain,
    { items: keyMessages, total: keyMessageTotal },
    counts,
    participants,
    updates,
    followUps,
    related,
    actions,
  ] = await Promise.all([
    listMilestones(db, incident),
    db
      .select()
      .from(timelineEntriesTable)
      .where(and(scope, inArray(timelineEntriesTable.kind, keyTimelineKinds)))
      .orderBy(asc(timelineEntriesTable.occurredAt), asc(timelineEntriesTable.id))
      .limit(keyTimelineLimit + 1),
    loadKeyMessages(db, incident),
    db
      .select({ kind: timelineEntriesTable.kind, n: count() })
      .from(timelineEntriesTable)
      .where(scope)
      .groupBy(timelineEntriesTable.kind),
    loadParticipants(db, incident),
    listUpdates(db, { teamId: incident.teamId, incidentId: incident.id }),
    listFollowUps(db, { teamId: incident.teamId, incidentId: incident.id }),
    relatedIncidents(db, incident, { days: 90, limit: 5 }),
    listIncidentActions(db, { teamId: incident.teamId, incidentId: incident.id }),
  ]);
  const plainCount = counts
    .filter((row) => keyTimelineKinds.includes(row.kind))
    .reduce((sum, row) => sum + Number(row.n), 0);
  const items = foldTimeline(plain.slice(0, keyTimelineLimit))
    .concat(keyMessages)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id);
  const keyTimeline = items.slice(0, keyTimelineLimit);
  const countsByKind = Object.fromEntries(counts.map((row) => [row.kind, Number(row.n)]));
  const userIds = new Set<string>();
  for (const item of keyTimeline) if (item.actorId) userIds.add(item.actorId);
  for (const participant of participants) for (const id of participant.userIds) userIds.add(id);
  for (const action of actions) userIds.add(action.ownerId);
  return {
    incident,
    ref: incidentRef(incident),
    milestones,
    keyTimeline,
    keyTimelineOmitted: Math.max(0, plainCount + keyMessageTotal - keyTimeline.length),
    entryCount: counts.reduce((sum, row) => sum + Number(row.n), 0),
    countsByKind,
    participants,
    updatesSent: updates.length,
    followUps: followUps.filter((f) => f.status === 'pending').map((f) => ({ id: f.id, kind: f.kind, text: f.text })),
    actions: actions.map((action) => ({
      ref: formatActionRef(action.number),
      number: action.number,
      text: action.text,
      ownerId: action.ownerId,
      dueDate: action.dueDate,
      status: action.status,
      closeNote: action.closeNote,
      type: action.type,
      trackerKey: action.trackerKey,
    })),
    related,
    userIds: [...userIds],
  };
}

// Messages someone marked as key (📌, pin, shortcut): only their own entries are read and folded.
// The earliest flagged messages (Slack ts order is time order): without the ORDER BY, which ones the LIMIT
// kept depended on the query plan, so the same record could draft different documents.
async function loadKeyMessages(db: Queryable, incident: Incident): Promise<{ items: TimelineItem[]; total: number }> {
  const scope = and(eq(timelineEntriesTable.teamId, incident.teamId), eq(timelineEntriesTable.incidentId, incident.id));
  const flagged = await db
    .selectDistinct({
      channelId: sql<string>`${timelineEntriesTable.data}->>'channelId'`,
      ts: timelineEntriesTable.slackTs,
    })
    .from(timelineEntriesTable)
    .where(and(scope, eq(timelineEntriesTable.kind, 'key_flag')))
    .orderBy(asc(timelineEntriesTable.slackTs))
    .limit(keyTimelineLimit * 2);
  const refs = flagged.filter((row): row is { channelId: string; ts: string } => !!row.channelId && !!row.ts);
  if (refs.length === 0) return { items: [], total: 0 };
  const entries = await db
    .select()
    .from(timelineEntriesTable)
    .where(
      and(
        scope,
        inArray(timelineEntriesTable.kind, messageKinds),
        inArray(
          timelineEntriesTable.slackTs,
          refs.map((ref) => ref.ts),
        ),
      ),
    );
  const wanted = new Set(refs.map((ref) => `${ref.channelId}:${ref.ts}`));
  const items = foldTimeline(entries.filter((entry) => wanted.has(`${entry.data.channelId}:${entry.slackTs}`))).filter(
    (item) => item.key && !item.deleted,
  );
  if (flagged.length < keyTimelineLimit * 2) return { items, total: items.length };
  // Past the cap, the pointer line counts every flagged message (some may have been unflagged or deleted since).
  const [row] = await db
    .select({
      n: sql<number>`count(DISTINCT (${timelineEntriesTable.data}->>'channelId', ${timelineEntriesTable.slackTs}))`,
    })
    .from(timelineEntriesTable)
    .where(and(scope, eq(timelineEntriesTable.kind, 'key_flag')));
  return { items, total: Math.max(items.length, Number(row?.n ?? 0)) };
}

// Who held each role, in the order they took it (handovers included), from the record's role entries.
async function loadParticipants(db: Queryable, incident: Incident): Promise<RoleParticipant[]> {
  const rows = await db
    .select({ kind: timelineEntriesTable.kind, data: timelineEntriesTable.data })
    .from(timelineEntriesTable)
    .where(
      and(
        eq(timelineEntriesTable.teamId, incident.teamId),
        eq(timelineEntriesTable.incidentId, incident.id),
        inArray(timelineEntriesTable.kind, ['role_assigned', 'handover']),
      ),
    )
    .orderBy(asc(timelineEntriesTable.occurredAt), asc(timelineEntriesTable.id))
    .limit(500);
  const byRole = new Map<string, string[]>();
  const add = (role: unknown, userId: unknown) => {
    if (typeof role !== 'string' || typeof userId !== 'string') return;
    const list = byRole.get(role) ?? [];
    if (!list.includes(userId)) list.push(userId);
    byRole.set(role, list);
  };
  for (const row of rows) add(row.data.role, row.kind === 'handover' ? row.data.to : row.data.userId);
  for (const holder of await listRoleHolders(db, { teamId: incident.teamId, incidentId: incident.id }))
    add(holder.role, holder.userId);
  return [...byRole.entries()].map(([role, userIds]) => ({ role, userIds }));
}
