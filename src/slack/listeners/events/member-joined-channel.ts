import { captureMembership } from '../../../timeline/index.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseMemberEvent } from '../../parse/timeline-events.ts';
import type { SlackServices } from '../../services.ts';
import type { EventHandler } from './event-support.ts';

/** Someone joined a channel: in an incident channel, recorded as participation. */
export const memberJoinedChannel: EventHandler<'member_joined_channel'> = (services, args) =>
  recordMembership(services, args, true);

/** Records a join or leave (not the bot's own) for the incident whose channel it is. */
export async function recordMembership(
  services: SlackServices,
  args: { body: unknown; event: unknown; context: { botUserId?: string } },
  joined: boolean,
): Promise<void> {
  const input = parseMemberEvent(args.event);
  if (input.userId === args.context.botUserId) return;
  await captureMembership(services.deps, { teamId: teamIdOf(args.body), ...input, joined });
}
