import type { EventHandler } from './event-support.ts';
import { recordMembership } from './member-joined-channel.ts';

/** Someone left a channel: in an incident channel, recorded as the end of their participation. */
export const memberLeftChannel: EventHandler<'member_left_channel'> = (services, args) =>
  recordMembership(services, args, false);
