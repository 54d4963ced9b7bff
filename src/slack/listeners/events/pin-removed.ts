import { parsePinEvent } from '../../parse/timeline-events.ts';
import type { EventHandler } from './event-support.ts';
import { flagKeyMessage } from './key-flag.ts';

/** Unpinning unflags the message. */
export const pinRemoved: EventHandler<'pin_removed'> = (services, args) =>
  flagKeyMessage(services, args, parsePinEvent(args.event), { via: 'pin', on: false });
