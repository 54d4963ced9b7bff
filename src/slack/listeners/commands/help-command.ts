import { describeSeverities } from '../../../incidents/index.ts';
import { helpBlocks } from '../../blocks/help.ts';
import type { SlackServices } from '../../services.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident help`: every subcommand with an example. */
export function helpCommand(subcommandNames: () => readonly string[]): Subcommand {
  return async ({ ack, services }) => {
    await ack({ response_type: 'ephemeral', text: 'Firebreak commands', blocks: helpView(services, subcommandNames()) });
  };
}

export function helpView(services: SlackServices, subcommands: readonly string[], lead?: string) {
  return helpBlocks(services.copy, { subcommands, severities: describeSeverities(services.config), ...(lead ? { lead } : {}) });
}
