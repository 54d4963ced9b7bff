import { parsePushpinReaction } from '../../parse/timeline-events.ts';
import type { EventHandler } from './event-support.ts';
import { flagKeyMessage } from './key-flag.ts';

/** A 📌 reaction flags the message as key. */
export const reactionAdded: EventHandler<'reaction_added'> = (services, args) =>
  flagKeyMessage(services, args, parsePushpinReaction(args.event), { via: 'reaction', on: true });
