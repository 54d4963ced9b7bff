import { incidentRef, makePrivate } from '../../../incidents/index.ts';
import { incidentForCommand } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident private`: moves a public incident into a new private channel. */
export const privateCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { incident } = await incidentForCommand(services, client, command, rest);
  await makePrivate(services.deps, { teamId: command.team_id, incidentId: incident.id, actorId: command.user_id });
  await ack({
    response_type: 'ephemeral',
    text: services.copy.render('private.made_private_reply', { ref: incidentRef(incident) }),
  });
};
