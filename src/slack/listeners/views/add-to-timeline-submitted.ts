import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parsePickIncidentView } from '../../parse/timeline-views.ts';
import { recordPickedMessage } from '../shortcuts/picked-message.ts';
import type { SubmitHandler } from './view-support.ts';

/** The user picked which open incident a message belongs to (one they may see: checked again here). */
export const addToTimelineSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parsePickIncidentView(view);
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  await ack();
  await recordPickedMessage(services, client, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    message: input.message,
  });
};
