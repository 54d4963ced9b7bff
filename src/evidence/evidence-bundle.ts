import { type Action, type ActionEvent, listActionEvents, listIncidentActions } from '../actions/index.ts';
import { type AuditEntry, listAudit } from '../audit/index.ts';
import {
  type Incident,
  incidentRef,
  listMilestones,
  listRoleHolders,
  type Milestones,
  type RoleHolder,
  requireIncident,
} from '../incidents/index.ts';
import type { Queryable } from '../platform/db.ts';
import { redactDeep } from '../platform/secrets.ts';
import { findPostmortem, listVersionDocuments, type Postmortem, type PostmortemVersion } from '../postmortems/index.ts';
import { foldTimeline, listTimeline, mentionedUserIds, type TimelineItem } from '../timeline/index.ts';
import { listUpdates, type StakeholderUpdate } from '../updates/index.ts';
import { historyFromAudit, type IncidentHistory } from './evidence-history.ts';

/** Everything on record about one incident, as an auditor asks for it; every list oldest first. */
export type EvidenceBundle = {
  incident: Incident;
  ref: string;
  milestones: Milestones;
  /** Who holds each role now; how that came about is in `history.roles`. */
  roles: RoleHolder[];
  /** Every timeline item: messages with their earlier versions, deleted ones kept and marked. */
  timeline: TimelineItem[];
  updates: StakeholderUpdate[];
  history: IncidentHistory;
  postmortem: { record: Postmortem; versions: PostmortemVersion[] } | null;
  actions: Array<{ action: Action; events: ActionEvent[] }>;
  audit: AuditEntry[];
  /** Everyone the bundle names (authors, actors, owners, mentions), for display names. */
  userIds: string[];
};

/**
 * Loads the evidence bundle of one incident of the team (an unknown one is incident.not_found). Every
 * string in it has been through the secret redaction, so text stored before it was redacted at write
 * time (older actions, notes, audit values) cannot reach a file.
 */
export async function loadEvidenceBundle(
  db: Queryable,
  params: { teamId: string; incidentId: number },
): Promise<EvidenceBundle> {
  const { teamId } = params;
  const incident = await requireIncident(db, params);
  const scope = { teamId, incidentId: incident.id };
  const [milestones, roles, entries, updates, postmortem, actions, audit] = await Promise.all([
    listMilestones(db, incident),
    listRoleHolders(db, scope),
    listTimeline(db, scope),
    listUpdates(db, scope),
    findPostmortem(db, scope),
    listIncidentActions(db, scope),
    listAudit(db, scope),
  ]);
  const versions = postmortem ? await listVersionDocuments(db, { teamId, postmortemId: postmortem.id }) : [];
  const withEvents = await Promise.all(
    [...actions]
      .sort((a, b) => a.number - b.number)
      .map(async (action) => ({ action, events: await listActionEvents(db, { teamId, actionId: action.id }) })),
  );
  const timeline = foldTimeline(entries);
  const bundle: EvidenceBundle = {
    incident,
    ref: incidentRef(incident),
    milestones,
    roles,
    timeline,
    updates: [...updates].reverse(),
    history: historyFromAudit(audit),
    postmortem: postmortem ? { record: postmortem, versions } : null,
    actions: withEvents,
    audit,
    userIds: [],
  };
  return redactDeep({ ...bundle, userIds: namedIn(bundle) });
}

function namedIn(bundle: EvidenceBundle): string[] {
  const ids = new Set<string>([bundle.incident.declaredBy]);
  const add = (id: string | null | undefined) => id && ids.add(id);
  for (const holder of bundle.roles) add(holder.userId);
  for (const item of bundle.timeline) {
    add(item.actorId);
    for (const text of [item.text, ...item.previousTexts]) for (const id of mentionedUserIds(text)) add(id);
  }
  for (const update of bundle.updates) add(update.authorId);
  for (const change of bundle.history.roles) [change.by, change.from, change.to].forEach(add);
  for (const change of [...bundle.history.severity, ...bundle.history.status]) add(change.by);
  if (bundle.postmortem) {
    add(bundle.postmortem.record.ownerId);
    add(bundle.postmortem.record.publishedBy);
    for (const version of bundle.postmortem.versions) add(version.createdBy);
  }
  for (const { action, events } of bundle.actions) {
    [action.ownerId, action.createdBy, action.closedBy].forEach(add);
    for (const event of events) add(event.actorId);
  }
  for (const entry of bundle.audit) add(entry.actorId);
  return [...ids];
}
