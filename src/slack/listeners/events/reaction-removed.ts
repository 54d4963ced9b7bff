import { parsePushpinReaction } from '../../parse/timeline-events.ts';
import type { EventHandler } from './event-support.ts';
import { flagKeyMessage } from './key-flag.ts';

/** Removing a 📌 reaction unflags the message. */
export const reactionRemoved: EventHandler<'reaction_removed'> = (services, args) =>
  flagKeyMessage(services, args, parsePushpinReaction(args.event), { via: 'reaction', on: false });
