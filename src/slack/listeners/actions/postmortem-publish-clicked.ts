import { incidentRef } from '../../../incidents/index.ts';
import { PublishNeedsReason, publishPostmortem } from '../../../postmortems/index.ts';
import { publishReasonModal } from '../../blocks/postmortem-modals.ts';
import { type ClickHandler, clickedIncident, openModal } from './action-support.ts';
import { tellClicker } from './postmortem-clicked.ts';

/** *Publish*: by the owner or a reviewer; with blameless flags left, a form asks why first. */
export const postmortemPublishClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  try {
    const published = await publishPostmortem(services.deps, {
      teamId: incident.teamId,
      incidentId: incident.id,
      actorId: args.body.user.id,
    });
    await tellClicker(
      args,
      services.copy.render('postmortems.published', { version: published.version, ref: incidentRef(incident) }),
    );
  } catch (error) {
    if (!(error instanceof PublishNeedsReason)) throw error;
    await openModal(args, publishReasonModal(services.copy, { incidentId: incident.id, flags: error.flags }));
  }
};
