import { changeStatus, type Incident, type IncidentStatus, requireTransition } from '../../../incidents/index.ts';
import { resolveModalView } from '../../blocks/lifecycle-modals.ts';
import type { SlackServices } from '../../services.ts';
import { ackDone, type SubcommandArgs } from './subcommand.ts';

/** Moves the incident to `to` for the person who ran the command, and says it is done. */
export async function moveTo(
  services: SlackServices,
  args: SubcommandArgs,
  incidentId: number,
  to: IncidentStatus,
): Promise<void> {
  await changeStatus(services.deps, { teamId: args.command.team_id, incidentId, to, actorId: args.command.user_id });
  await ackDone(services, args);
}

/** Opens the resolution form; checked first, so nobody fills it in for nothing. */
export async function openResolveForm(
  services: SlackServices,
  args: SubcommandArgs,
  incident: Incident,
): Promise<void> {
  requireTransition(incident.status, 'resolved');
  await args.ack();
  await args.client.views.open({
    trigger_id: args.command.trigger_id,
    view: resolveModalView(services.copy, services.config, incident, services.deps.clock.now()),
  });
}
