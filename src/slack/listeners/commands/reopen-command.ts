import { incidentForCommand } from '../../incident-access.ts';
import { moveTo } from './status-change.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident reopen`: takes a resolved or closed incident back to investigating. */
export const reopenCommand: Subcommand = async (services, args) => {
  const { incident } = await incidentForCommand(services, args.client, args.command, args.rest);
  await moveTo(services, args, incident.id, 'investigating');
};
