import { findFollowUp } from '../../../follow-ups/index.ts';
import { openActionForm } from '../../action-form.ts';
import { incidentForAction, incidentNotVisible } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { ClickHandler } from './action-support.ts';

/** *Accept* on a proposed action: opens the form prefilled with the proposal, to pick its owner and due date. */
export const actionAcceptClicked: ClickHandler = async (services, args) => {
  const teamId = teamIdOf(args.body);
  const followUp = await findFollowUp(services.deps.db, { teamId, id: recordIdOf(actionValueOf(args.action)) });
  // A proposal names its incident: one that does not exist reads as an incident not visible.
  if (!followUp) throw incidentNotVisible(services);
  const incident = await incidentForAction(services, args.client, teamId, followUp.incidentId, args.body.user.id);
  await openActionForm(services, args.client, {
    triggerId: args.body.trigger_id,
    incident,
    followUpId: followUp.id,
    draft: { text: followUp.text, type: followUp.kind === 'write_runbook' ? 'runbook' : 'corrective' },
  });
};
