/** pins.add, pins.remove, pins.list. */
import { optionalString } from '../args.ts';
import { messageToApi } from '../bot-messages.ts';
import { channelForBot } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import { messageOrThrow } from './chat.ts';
import type { MethodTable } from './context.ts';

/** pins.* handlers. */
export const pinMethods: MethodTable = {
  'pins.add': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    const ts = optionalString(args, 'timestamp');
    if (ts === undefined) throw new SlackApiError('no_item_specified');
    const message = messageOrThrow(workspace, channel.id, ts);
    const pinned = workspace.store.pin(channel.id, message, {
      created: workspace.nowSeconds(),
      created_by: workspace.identity.botUserId,
    });
    if (!pinned) throw new SlackApiError('already_pinned');
    return {};
  },

  'pins.remove': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    const ts = optionalString(args, 'timestamp');
    if (ts === undefined) throw new SlackApiError('no_item_specified');
    const message = messageOrThrow(workspace, channel.id, ts);
    if (!workspace.store.unpin(channel.id, message)) throw new SlackApiError('no_pin');
    return {};
  },

  'pins.list': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { archivedOk: true });
    const items = workspace.store.pinned(channel.id).map(({ message, record }) => ({
      type: 'message',
      created: record.created,
      created_by: record.created_by,
      channel: channel.id,
      message: messageToApi(message, false),
    }));
    return { items };
  },
};
