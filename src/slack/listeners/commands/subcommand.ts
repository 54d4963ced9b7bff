import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.ts';

export type SubcommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs & { rest: string };

/** One `/incident <name>` subcommand: it acks, parses, calls one service, renders. */
export type Subcommand = (services: SlackServices, args: SubcommandArgs) => Promise<void>;

/** The acknowledgement most subcommands end with: done, said only to the person who asked. */
export async function ackDone(services: SlackServices, args: SubcommandArgs): Promise<void> {
  await args.ack({ response_type: 'ephemeral', text: services.copy.render('commands.done') });
}
