import { publishPostmortem } from '../../../postmortems/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parsePublishView } from '../../parse/postmortem-views.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

export const publishFormFields: FieldOf = (code) =>
  code === 'postmortem.flags_left' ? ids.postmortemModal.reason : undefined;

/** Publishing with flagged phrases left: the reason given is kept in the audit log. */
export const publishSubmitted: SubmitHandler = async (services, { body, view, client }) => {
  const input = parsePublishView(view);
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  await publishPostmortem(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    flagsReason: input.reason,
  });
};
