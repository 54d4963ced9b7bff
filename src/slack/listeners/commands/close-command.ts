import { incidentForCommand } from '../../incident-access.ts';
import { moveTo } from './status-change.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident close`: closes a resolved incident. */
export const closeCommand: Subcommand = async (services, args) => {
  const { incident } = await incidentForCommand(services, args.client, args.command, args.rest);
  await moveTo(services, args, incident.id, 'closed');
};
