import { incidentForChannel } from '../../incident-access.ts';
import { timelineModal } from '../../timeline-modal-loader.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident timeline`: a modal with key moments, counts, paging and export. */
export const timelineCommand: Subcommand = async (services, { ack, command, client }) => {
  const incident = await incidentForChannel(services, client, command);
  await ack();
  // A few indexed reads and cached names: well inside the trigger_id's 3 seconds.
  const view = await timelineModal(services, client, { teamId: command.team_id, incidentId: incident.id, page: 0 });
  await client.views.open({ trigger_id: command.trigger_id, view });
};
