import { writeUpModal } from '../../blocks/postmortem-modals.ts';
import { type ClickHandler, openModal } from './action-support.ts';
import { clickedPostmortem } from './postmortem-clicked.ts';

/** *Write up*: the human sections in a form, pre-filled with what is there. */
export const postmortemWriteUpClicked: ClickHandler = async (services, args) => {
  const { incident, postmortem } = await clickedPostmortem(services, args);
  await openModal(args, writeUpModal(services.copy, { incidentId: incident.id, human: postmortem.human }));
};
