import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../../services.ts';

export type SubcommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs & { rest: string; services: SlackServices };

/** One `/incident <name>` subcommand: it acks, parses, calls one service, renders. */
export type Subcommand = (args: SubcommandArgs) => Promise<void>;
