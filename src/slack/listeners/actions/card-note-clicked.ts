import { noteModalView } from '../../blocks/timeline-forms.ts';
import { type ClickHandler, clickedIncident, openModal } from './action-support.ts';

/** The card's "Add note" button: opens the note form (the button carries the incident id). */
export const cardNoteClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  await openModal(args, noteModalView(services.copy, { incidentId: incident.id }));
};
