import { updateFormContext } from '../../../updates/index.ts';
import { stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { type ClickHandler, clickedIncident, openModal } from './action-support.ts';

/** The card's "Post update" button: opens the stakeholder update form for the card's incident. */
export const cardUpdateClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  const form = await updateFormContext(services.deps, { teamId: incident.teamId, incidentId: incident.id });
  await openModal(
    args,
    stakeholderUpdateView(services.copy, {
      incidentId: form.incident.id,
      ref: form.ref,
      cadenceMinutes: form.cadenceMinutes,
    }),
  );
};
