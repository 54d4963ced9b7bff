/** People pinning and unpinning messages, with the `pin_added` / `pin_removed` events Slack sends. */
import { messageToApi } from './bot-messages.ts';
import { InteractionError } from './element-values.ts';
import type { UserActionResult, UserActivity } from './user-activity.ts';

/** `userId` pins (or with `remove`, unpins) a message of a channel they are in; sends `pin_added` / `pin_removed`. */
export async function userPins(
  activity: UserActivity,
  params: { userId: string; channelId: string; ts: string; remove?: boolean },
): Promise<UserActionResult> {
  const { workspace } = activity;
  const channel = activity.memberChannel(params.userId, params.channelId);
  const message = workspace.store.find(channel.id, params.ts);
  if (!message) throw new InteractionError(`message_not_found: ${params.ts}`);
  const created = workspace.nowSeconds();
  if (params.remove) {
    if (!workspace.store.unpin(channel.id, message)) throw new InteractionError(`no_pin: ${params.ts} is not pinned`);
  } else if (!workspace.store.pin(channel.id, message, { created, created_by: params.userId })) {
    throw new InteractionError(`already_pinned: ${params.ts}`);
  }
  const pinCount = workspace.store.pinned(channel.id).length;
  const eventTs = workspace.nextTs();
  const event = {
    type: params.remove ? 'pin_removed' : 'pin_added',
    user: params.userId,
    channel_id: channel.id,
    item: {
      type: 'message',
      channel: channel.id,
      message: messageToApi(message, false),
      created,
      created_by: params.userId,
    },
    item_user: message.user,
    pin_count: pinCount,
    pinned_info: { channel: channel.id, pinned_by: params.userId, pinned_ts: created },
    ...(params.remove ? { has_pins: pinCount > 0 } : {}),
    event_ts: eventTs,
  };
  return { ts: eventTs, response: await activity.deliver(channel, event) };
}
