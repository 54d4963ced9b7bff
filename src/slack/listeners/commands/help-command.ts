import { describeSeverities } from '../../../incidents/index.ts';
import { helpBlocks } from '../../blocks/help.ts';
import type { SlackServices } from '../../services.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident help`: every subcommand with an example. */
export function helpCommand(subcommandNames: () => readonly string[]): Subcommand {
  // Copy and config are fixed once the process starts, so help is the same for every request: render it once.
  const rendered = new WeakMap<SlackServices, ReturnType<typeof helpView>>();
  return async (services, { ack }) => {
    let blocks = rendered.get(services);
    if (!blocks) {
      blocks = helpView(services, subcommandNames());
      rendered.set(services, blocks);
    }
    await ack({ response_type: 'ephemeral', text: 'Firebreak commands', blocks });
  };
}

/** The help blocks, led by `lead` (an unknown subcommand's answer) when given. */
export function helpView(services: SlackServices, subcommands: readonly string[], lead?: string) {
  return helpBlocks(services.copy, { subcommands, severities: describeSeverities(services.config), lead });
}
