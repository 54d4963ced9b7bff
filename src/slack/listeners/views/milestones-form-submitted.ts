import { setMilestones } from '../../../incidents/index.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseMilestonesView } from '../../parse/timeline-views.ts';
import { isInFuture, type SubmitHandler } from './view-support.ts';

/** The Milestones form: a time in the future shows under its field, otherwise the milestones are set. */
export const milestonesFormSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parseMilestonesView(view);
  const future = Object.entries(input.values).find(([, at]) => isInFuture(services, at));
  if (future) return ack({ response_action: 'errors', errors: { [`ms_${future[0]}`]: 'Pick a time before now.' } });
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  await ack();
  await setMilestones(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    values: input.values,
    requestKey: `view:${view.id}:${view.hash}`,
  });
};
