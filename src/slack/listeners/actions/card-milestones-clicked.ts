import { milestonesOf } from '../../../incidents/index.ts';
import { milestonesModalView } from '../../blocks/timeline-forms.ts';
import { type ClickHandler, clickedIncident, openModal } from './action-support.ts';

/** The card's "Milestones" button: opens the milestones form filled with the incident's current ones. */
export const cardMilestonesClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  const milestones = await milestonesOf(services.deps, incident);
  await openModal(args, milestonesModalView(services.copy, { incidentId: incident.id, milestones }));
};
