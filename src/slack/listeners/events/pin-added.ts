import { parsePinEvent } from '../../parse/timeline-events.ts';
import type { EventHandler } from './event-support.ts';
import { flagKeyMessage } from './key-flag.ts';

/** A pin flags the message as key. */
export const pinAdded: EventHandler<'pin_added'> = (services, args) =>
  flagKeyMessage(services, args, parsePinEvent(args.event), { via: 'pin', on: true });
