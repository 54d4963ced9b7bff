import { severityModalView } from '../../blocks/lifecycle-modals.ts';
import { type ClickHandler, openModal } from './action-support.ts';
import { cardIncident } from './card-incident.ts';

/** The card's "Change severity" button: opens the severity form for the card's incident. */
export const cardSeverityClicked: ClickHandler = async (services, args) => {
  const incident = await cardIncident(services, args);
  await openModal(args, severityModalView(services.copy, services.config, incident));
};
