import { refuseMakePublic } from '../../../incidents/index.ts';
import { incidentForCommand } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident public`: refused with the reason; private incidents stay private. */
export const publicCommand: Subcommand = async (services, { command, client, rest }) => {
  const { incident } = await incidentForCommand(services, client, command, rest);
  refuseMakePublic(incident);
};
