import { incidentForCommand } from '../../incident-access.ts';
import { openResolveForm } from './status-change.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident resolve`: opens the resolution form. */
export const resolveCommand: Subcommand = async (services, args) => {
  const { incident } = await incidentForCommand(services, args.client, args.command, args.rest);
  await openResolveForm(services, args, incident);
};
