import { openActionForm } from '../../action-form.ts';
import { type ClickHandler, clickedIncident } from './action-support.ts';

/** *Add action* on the card or the postmortem message: opens the new-action form for that incident. */
export const actionAddClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  await openActionForm(services, args.client, { triggerId: args.body.trigger_id, incident });
};
