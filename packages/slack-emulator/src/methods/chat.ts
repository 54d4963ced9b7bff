/** chat.* methods: postMessage, postEphemeral, update, delete, getPermalink. */
import { optionalBoolean, optionalString, requiredString } from '../args.ts';
import {
  applyMessageUpdate,
  messageToApi,
  readMessageContent,
  readMetadata,
  resolveThreadTs,
  storeBotMessage,
} from '../bot-messages.ts';
import { channelForBot } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import type { Message } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import type { MethodTable } from './context.ts';

/** Finds a message the bot acts on; unknown → `message_not_found`. Returns the live record. */
export function messageOrThrow(workspace: Workspace, channelId: string, ts: string | undefined): Message {
  const message = ts === undefined ? undefined : workspace.store.find(channelId, ts);
  if (!message || message.subtype === 'tombstone') throw new SlackApiError('message_not_found');
  return message;
}

/** Slack's permalink of a message: `https://<domain>.slack.com/archives/<C>/p<ts without dot>`. */
export function permalinkFor(workspace: Workspace, channelId: string, message: Message): string {
  const base = `https://${workspace.identity.teamDomain}.slack.com/archives/${channelId}/p${message.ts.replace('.', '')}`;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channelId}` : base;
}

/**
 * Slack lets chat.postMessage take a user's id (U…/W…) as `channel`: the message goes to the app's DM
 * with that user (opened if need be) and the answer names the DM (D…). A deleted user, the bot itself
 * or an unknown id leave the reference as it was, so it fails as `channel_not_found`.
 */
function directMessageFor(workspace: Workspace, ref: string | undefined): string | undefined {
  if (!ref || !/^[UW][A-Z0-9]+$/.test(ref)) return undefined;
  const user = workspace.user(ref);
  if (!user || user.deleted || ref === workspace.identity.botUserId) return undefined;
  return workspace.openDirectMessage(ref).id;
}

/** chat.* handlers. */
export const chatMethods: MethodTable = {
  'chat.postMessage': ({ workspace }, args) => {
    const ref = optionalString(args, 'channel');
    const channel = channelForBot(workspace, directMessageFor(workspace, ref) ?? ref, {
      member: true,
      acceptName: true,
    });
    const content = readMessageContent(args, true);
    const metadata = readMetadata(args);
    const threadTs = resolveThreadTs(workspace, channel.id, optionalString(args, 'thread_ts'));
    const broadcast = optionalBoolean(args, 'reply_broadcast') ?? false;
    const message = storeBotMessage(workspace, channel.id, content, { threadTs, broadcast, metadata });
    return { channel: channel.id, ts: message.ts, message: messageToApi(message, true) };
  },

  'chat.postEphemeral': ({ workspace, clock }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true, acceptName: true });
    const userId = requiredString(args, 'user', 'user_not_found');
    if (!workspace.user(userId)) throw new SlackApiError('user_not_found');
    if (!channel.members.includes(userId)) throw new SlackApiError('user_not_in_channel');
    const content = readMessageContent(args, true);
    const threadTs = resolveThreadTs(workspace, channel.id, optionalString(args, 'thread_ts'));
    const messageTs = workspace.nextTs();
    workspace.ephemeralLog.push({
      channel: channel.id,
      user: userId,
      message_ts: messageTs,
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      text: content.text ?? '',
      ...(content.blocks ? { blocks: structuredClone(content.blocks) } : {}),
      at: clock(),
    });
    return { message_ts: messageTs };
  },

  'chat.update': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'));
    const message = messageOrThrow(workspace, channel.id, optionalString(args, 'ts'));
    if (message.user !== workspace.identity.botUserId) throw new SlackApiError('cant_update_message');
    const content = readMessageContent(args, true);
    const metadata = readMetadata(args);
    applyMessageUpdate(workspace, channel.id, message, content, workspace.identity.botUserId);
    if (metadata) message.metadata = metadata;
    return { channel: channel.id, ts: message.ts, text: message.text, message: messageToApi(message, true) };
  },

  'chat.delete': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'));
    const message = messageOrThrow(workspace, channel.id, optionalString(args, 'ts'));
    if (message.user !== workspace.identity.botUserId) throw new SlackApiError('cant_delete_message');
    workspace.store.remove(channel.id, message.ts);
    return { channel: channel.id, ts: message.ts };
  },

  'chat.getPermalink': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { archivedOk: true });
    const message = messageOrThrow(workspace, channel.id, optionalString(args, 'message_ts'));
    return { channel: channel.id, permalink: permalinkFor(workspace, channel.id, message) };
  },
};
