import { requireActive, roleHoldersOf } from '../../../incidents/index.ts';
import { rolesModalView } from '../../blocks/lifecycle-modals.ts';
import { type ClickHandler, openModal } from './action-support.ts';
import { cardIncident } from './card-incident.ts';

/** The card's "Assign roles" button: opens the roles form, filled with who holds what, while the incident is active. */
export const cardRolesClicked: ClickHandler = async (services, args) => {
  const incident = await cardIncident(services, args);
  requireActive(incident);
  const holders = await roleHoldersOf(services.deps, { teamId: incident.teamId, incidentId: incident.id });
  await openModal(args, rolesModalView(services.copy, services.config, incident, holders));
};
