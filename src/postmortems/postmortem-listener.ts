import type { ActionChangeListener } from '../actions/index.ts';
import { cancelChannelArchive, type IncidentChangeListener } from '../incidents/index.ts';
import { postmortemRequired } from './postmortem.ts';
import { type PostmortemDeps, recordPostmortemEvent, storeVersion } from './postmortem-drafting.ts';
import { findPostmortem, lockPostmortem } from './postmortem-repo.ts';
import { ensurePostmortem } from './postmortem-service.ts';

/**
 * Resolving drafts the postmortem at once when the severity requires one; resolving an incident that
 * already has one (re-opened, resolved again) regenerates it from the fuller record.
 */
export function postmortemOnResolve(deps: PostmortemDeps): IncidentChangeListener {
  return async (tx, effects, incident, change) => {
    if (change.kind !== 'status_changed' || change.to !== 'resolved') return;
    const actorId = incident.declaredBy;
    const existing = await findPostmortem(tx, { teamId: incident.teamId, incidentId: incident.id });
    if (!existing) {
      if (postmortemRequired(deps.config.severities, incident.severity))
        await ensurePostmortem(tx, effects, deps, incident, actorId);
      return;
    }
    // The channel, where the postmortem lives, stays open until it is published.
    if (!existing.firstPublishedAt) await cancelChannelArchive(tx, incident);
    const { postmortem } = await ensurePostmortem(tx, effects, deps, incident, actorId);
    const result = await storeVersion(tx, effects, deps, {
      incident,
      postmortem,
      human: postmortem.human,
      status: postmortem.status === 'published' ? 'draft' : postmortem.status,
      reason: 'regenerated on resolve',
      actorId,
    });
    if (result.changed)
      await recordPostmortemEvent(tx, {
        incident,
        postmortem: result.postmortem,
        actorId,
        at: deps.clock.now(),
        kind: 'postmortem_regenerated',
        text: `Postmortem regenerated on resolve (version ${result.postmortem.version})`,
        key: `version:${result.postmortem.version}`,
      });
  };
}

/**
 * A corrective action added, closed, snoozed or reassigned is reflected in the incident's postmortem
 * at once: a new version with the current actions section. A published postmortem stays published
 * (closing its actions is what publishing asked for), its newer version showing the progress.
 */
export function postmortemOnActionChange(deps: PostmortemDeps): ActionChangeListener {
  return async (tx, effects, change) => {
    const postmortem = await lockPostmortem(tx, { teamId: change.incident.teamId, incidentId: change.incident.id });
    if (!postmortem) return;
    await storeVersion(tx, effects, deps, {
      incident: change.incident,
      postmortem,
      human: postmortem.human,
      reason: `action ${change.kind.replace('_', ' ')}`,
      actorId: change.actorId,
    });
  };
}
