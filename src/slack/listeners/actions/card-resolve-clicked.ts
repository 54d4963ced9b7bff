import { type Incident, requireTransition } from '../../../incidents/index.ts';
import { resolveModalView } from '../../blocks/lifecycle-modals.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, type ClickHandler, openModal } from './action-support.ts';
import { cardIncident } from './card-incident.ts';

/** The card's "Resolve" button: opens the resolution form when the incident may be resolved. */
export const cardResolveClicked: ClickHandler = async (services, args) => {
  await openResolveForm(services, args, await cardIncident(services, args));
};

/** Opens the resolution form; checked first, so nobody fills it in for nothing. */
export async function openResolveForm(services: SlackServices, args: ActionArgs, incident: Incident): Promise<void> {
  requireTransition(incident.status, 'resolved');
  await openModal(args, resolveModalView(services.copy, services.config, incident, services.deps.clock.now()));
}
