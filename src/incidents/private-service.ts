import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { recordIncidentChange } from './change-record.ts';
import { type Incident, incidentRef } from './incident.ts';
import type { IncidentDeps } from './incident-changes.ts';
import { lockIncident, updateIncidentIf } from './incident-repo.ts';
import { listRoleHolders } from './roles/role-holder-repo.ts';

/**
 * Makes a public incident private. Slack does not let apps convert a public channel, so the incident
 * moves: the public channel is renamed to a neutral name (the old one carries the title), its members
 * are invited to a new private channel with a fresh card, the announcement is redacted, everything else
 * Firebreak posted outside the new channel is removed (what cannot be is reported there), and the old
 * channel is archived with a pointer that names no one. From this moment nothing more is shared.
 */
export async function makePrivate(
  deps: IncidentDeps,
  input: { teamId: string; incidentId: number; actorId: string },
): Promise<Incident> {
  const updated = await inTransaction(deps, async (tx, effects) => {
    const incident = await lockIncident(tx, { teamId: input.teamId, id: input.incidentId });
    const now = deps.clock.now();
    if (incident.isPrivate)
      throw new DomainError('incident.already_private', `${incidentRef(incident)} is already private.`);
    if (!incident.channelId || !incident.cardTs)
      throw new DomainError(
        'incident.channel_pending',
        'The incident channel is still being set up; try again in a moment.',
      );
    const oldChannelId = incident.channelId;
    const changed = await updateIncidentIf(tx, {
      teamId: input.teamId,
      id: incident.id,
      expect: { isPrivate: false },
      set: { isPrivate: true, channelId: null, cardTs: null },
    });
    if (!changed) throw new DomainError('incident.already_private', `${incidentRef(incident)} is already private.`);
    const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
    await recordIncidentChange(tx, effects, deps, changed, {
      actorId: input.actorId,
      at: now,
      timeline: [
        {
          kind: 'made_private',
          text: `${incidentRef(incident)} made private; moved out of the public channel`,
          data: { oldChannelId },
          key: 'made_private',
        },
      ],
      audit: [
        {
          action: 'incident.made_private',
          before: { isPrivate: false, channelId: oldChannelId },
          after: { isPrivate: true },
        },
      ],
      changes: [{ kind: 'made_private' }],
      effects: [
        { kind: 'private.retire_channel', payload: { oldChannelId } },
        { kind: 'channel.create' },
        { kind: 'private.move_members', payload: { oldChannelId } },
        {
          kind: 'channel.invite',
          payload: { userIds: [...new Set([input.actorId, ...holders.map((h) => h.userId)])] },
        },
        { kind: 'channel.topic' },
        { kind: 'card.post' },
        { kind: 'card.pin' },
        { kind: 'announcement.redact' },
        // Removes what was posted outside the new channel, then archives the old one (see private-cleanup).
        { kind: 'private.clear_public', payload: { oldChannelId } },
      ],
    });
    return changed;
  });
  return updated;
}

/** Private incidents stay private: their people and details were promised confidentiality. */
export function refuseMakePublic(incident: Incident): never {
  if (!incident.isPrivate)
    throw new DomainError('incident.already_public', `${incidentRef(incident)} is already public.`);
  throw new DomainError(
    'incident.private_is_final',
    `${incidentRef(incident)} stays private: people joined it on the promise that its details stay confidential. Declare a new public incident and link it if others need to follow along.`,
  );
}
