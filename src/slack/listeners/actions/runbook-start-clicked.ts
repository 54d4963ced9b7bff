import { offerStartKey, startRunbook } from '../../../runbooks/index.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { ClickHandler } from './action-support.ts';

/** A runbook offer's "Start" button: starts the runbook once per offer message, however often it is clicked. */
export const runbookStartClicked: ClickHandler = async (services, args) => {
  const [incidentId, name = ''] = actionValueOf(args.action).split(':');
  const incident = await incidentForAction(
    services,
    args.client,
    teamIdOf(args.body),
    recordIdOf(incidentId),
    args.body.user.id,
  );
  const messageTs =
    (args.body as { container?: { message_ts?: string } }).container?.message_ts ?? args.body.trigger_id;
  // One run per offer message and runbook, however often the Start button is clicked.
  const startKey = offerStartKey(messageTs, name);
  await startRunbook(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    name,
    userId: args.body.user.id,
    startKey,
  });
};
