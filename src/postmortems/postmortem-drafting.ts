import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries } from '../entry-log/index.ts';
import type { Incident } from '../incidents/index.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import type { EffectQueue } from '../platform/transaction.ts';
import { cachedUserNames } from '../timeline/index.ts';
import type { HumanSections, Postmortem } from './postmortem.ts';
import { queuePostmortemRefresh } from './postmortem-effects.ts';
import { buildPostmortemModel } from './postmortem-model.ts';
import { loadPostmortemRecord } from './postmortem-record.ts';
import { findVersion, insertVersion, updatePostmortem } from './postmortem-repo.ts';
import type { PostmortemTemplate } from './postmortem-template.ts';

/** What postmortem services need besides the shared deps: the team's template, checked at start-up. */
export type PostmortemDeps = ServiceDeps & { postmortemTemplate: PostmortemTemplate };

/** Renders the document from the current record, what people wrote and the cached display names. */
export async function renderPostmortem(
  db: Queryable,
  deps: PostmortemDeps,
  incident: Incident,
  postmortem: Pick<Postmortem, 'status' | 'ownerId' | 'dueDate'>,
  human: HumanSections,
): Promise<{ markdown: string; userIds: string[] }> {
  const record = await loadPostmortemRecord(db, incident);
  const userIds = [...new Set([...record.userIds, postmortem.ownerId])];
  const names = await cachedUserNames(db, { teamId: incident.teamId, userIds, now: deps.clock.now(), anyAge: true });
  const model = buildPostmortemModel(record, postmortem, { config: deps.config, names, human });
  return { markdown: deps.postmortemTemplate.render(model), userIds };
}

/**
 * Stores a new version when the document changed (a regenerate that changes nothing stores nothing,
 * so two people pressing Regenerate at once make one version), and asks Slack to show it.
 * The postmortem row must be locked by the caller.
 */
export async function storeVersion(
  tx: Tx,
  effects: EffectQueue,
  deps: PostmortemDeps,
  params: {
    incident: Incident;
    postmortem: Postmortem;
    human: HumanSections;
    status?: Postmortem['status'];
    reason: string;
    actorId: string;
  },
): Promise<{ postmortem: Postmortem; changed: boolean }> {
  const { incident, postmortem } = params;
  const now = deps.clock.now();
  const status = params.status ?? postmortem.status;
  const current =
    postmortem.version > 0
      ? await findVersion(tx, { teamId: incident.teamId, postmortemId: postmortem.id, version: postmortem.version })
      : undefined;
  const { markdown } = await renderPostmortem(tx, deps, incident, { ...postmortem, status }, params.human);
  if (current?.markdown === markdown && status === postmortem.status) return { postmortem, changed: false };
  const next = postmortem.version + 1;
  await insertVersion(tx, {
    teamId: incident.teamId,
    postmortemId: postmortem.id,
    version: next,
    markdown,
    human: params.human,
    reason: params.reason,
    createdBy: params.actorId,
    createdAt: now,
  });
  const updated = await updatePostmortem(tx, postmortem.id, {
    version: next,
    human: params.human,
    status,
    updatedAt: now,
  });
  queuePostmortemRefresh(effects, incident);
  return { postmortem: updated, changed: true };
}

/** One transition or edit on the incident's timeline and in the audit log. */
export async function recordPostmortemEvent(
  tx: Tx,
  params: {
    incident: Incident;
    postmortem: Postmortem;
    actorId: string;
    at: Date;
    kind: string;
    text: string;
    after?: Record<string, unknown>;
    key: string;
  },
): Promise<void> {
  await appendTimelineEntries(tx, [
    {
      teamId: params.incident.teamId,
      incidentId: params.incident.id,
      kind: params.kind,
      occurredAt: params.at,
      actorId: params.actorId,
      text: params.text,
      data: { postmortemId: params.postmortem.id, ...params.after },
      sourceKey: `postmortem:${params.postmortem.id}:${params.key}`,
    },
  ]);
  await recordAudit(tx, [
    {
      teamId: params.incident.teamId,
      incidentId: params.incident.id,
      actorId: params.actorId,
      action: params.kind.replace(/^postmortem_/, 'postmortem.'),
      after: { postmortemId: params.postmortem.id, version: params.postmortem.version, ...params.after },
      at: params.at,
    },
  ]);
}
