import { reviewModal } from '../../blocks/postmortem-modals.ts';
import { type ClickHandler, openModal } from './action-support.ts';
import { clickedPostmortem } from './postmortem-clicked.ts';

/** *Request review*: pick reviewers (those already asked are pre-selected). */
export const postmortemReviewClicked: ClickHandler = async (services, args) => {
  const { incident, postmortem } = await clickedPostmortem(services, args);
  await openModal(args, reviewModal(services.copy, { incidentId: incident.id, reviewers: postmortem.reviewers }));
};
