/**
 * conversations.* methods that manage channels: create, info, list, members, join, invite, kick,
 * setTopic, setPurpose, archive, unarchive, rename. History and replies are in conversations-history.ts.
 */
import { optionalBoolean, optionalString, paginate, requiredString } from '../args.ts';
import { channelForBot, channelToApi, checkNewChannelName } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import type { Channel } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import type { MethodTable } from './context.ts';

/** Longest topic or purpose Slack accepts. */
export const MAX_TOPIC_LENGTH = 250;
/** Most users conversations.invite accepts per call. */
export const MAX_INVITE_USERS = 100;

function setChannelText(workspace: Workspace, channel: Channel, field: 'topic' | 'purpose', value: string): void {
  if (value.length > MAX_TOPIC_LENGTH) throw new SlackApiError('too_long');
  channel[field] = { value, creator: workspace.identity.botUserId, last_set: workspace.nowSeconds() };
}

function parseTypes(raw: string | undefined): Set<string> {
  const types = new Set(
    (raw ?? 'public_channel')
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean),
  );
  for (const type of types) {
    if (!['public_channel', 'private_channel', 'mpim', 'im'].includes(type)) throw new SlackApiError('invalid_types');
  }
  return types;
}

/** conversations.* handlers (channel management). */
export const conversationMethods: MethodTable = {
  'conversations.create': ({ workspace }, args) => {
    const name = checkNewChannelName(workspace, optionalString(args, 'name'));
    const created = workspace.addChannel({
      name,
      isPrivate: optionalBoolean(args, 'is_private') ?? false,
      members: [workspace.identity.botUserId],
      creator: workspace.identity.botUserId,
    });
    const channel = workspace.liveChannel(created.id) as Channel;
    return { channel: channelToApi(workspace, channel) };
  },

  'conversations.info': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { archivedOk: true });
    return { channel: channelToApi(workspace, channel) };
  },

  'conversations.list': ({ workspace }, args) => {
    const types = parseTypes(optionalString(args, 'types'));
    const excludeArchived = optionalBoolean(args, 'exclude_archived') ?? false;
    const visible = workspace.channels().filter((channel) => {
      if (excludeArchived && channel.is_archived) return false;
      if (channel.is_im) return types.has('im');
      if (channel.is_private)
        return types.has('private_channel') && channel.members.includes(workspace.identity.botUserId);
      return types.has('public_channel');
    });
    const { page, nextCursor } = paginate(visible, args, 100);
    return {
      channels: page.map((channel) => channelToApi(workspace, channel)),
      response_metadata: { next_cursor: nextCursor },
    };
  },

  // Direct messages only: group DMs (several users) are not emulated.
  'conversations.open': ({ workspace }, args) => {
    const channelArg = optionalString(args, 'channel');
    if (channelArg) {
      const existing = workspace.channel(channelArg);
      if (!existing?.is_im) throw new SlackApiError('channel_not_found');
      return { channel: { id: existing.id } };
    }
    const users = (optionalString(args, 'users') ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (users.length > 1) throw new SlackApiError('not_supported_by_emulator');
    const userId = users[0] as string;
    const user = workspace.user(userId);
    if (!user) throw new SlackApiError('user_not_found');
    if (user.deleted) throw new SlackApiError('user_disabled');
    if (userId === workspace.identity.botUserId) throw new SlackApiError('cannot_dm_bot');
    const alreadyOpen = workspace.channels().some((c) => c.is_im && c.user === userId);
    const channel = workspace.openDirectMessage(userId);
    const returnIm = optionalBoolean(args, 'return_im') ?? false;
    return {
      ...(alreadyOpen ? { no_op: true, already_open: true } : {}),
      channel: returnIm ? channelToApi(workspace, workspace.liveChannel(channel.id) as Channel) : { id: channel.id },
    };
  },

  'conversations.members': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { archivedOk: true });
    const { page, nextCursor } = paginate(channel.members, args, 100);
    return { members: page, response_metadata: { next_cursor: nextCursor } };
  },

  'conversations.join': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'));
    if (channel.is_private) throw new SlackApiError('method_not_supported_for_channel_type');
    const botUserId = workspace.identity.botUserId;
    if (channel.members.includes(botUserId)) {
      return {
        channel: channelToApi(workspace, channel),
        warning: 'already_in_channel',
        response_metadata: { warnings: ['already_in_channel'] },
      };
    }
    channel.members.push(botUserId);
    return { channel: channelToApi(workspace, channel) };
  },

  'conversations.invite': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    const users = requiredString(args, 'users', 'no_user')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (users.length === 0) throw new SlackApiError('no_user');
    if (users.length > MAX_INVITE_USERS) throw new SlackApiError('too_many_users');
    for (const userId of users) {
      if (userId === workspace.identity.botUserId) throw new SlackApiError('cant_invite_self');
      if (!workspace.user(userId)) throw new SlackApiError('user_not_found');
    }
    const newcomers = users.filter((userId) => !channel.members.includes(userId));
    if (newcomers.length === 0) throw new SlackApiError('already_in_channel');
    channel.members.push(...new Set(newcomers));
    return { channel: channelToApi(workspace, channel) };
  },

  'conversations.kick': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    const userId = requiredString(args, 'user', 'no_user');
    if (userId === workspace.identity.botUserId) throw new SlackApiError('cant_kick_self');
    if (!workspace.user(userId)) throw new SlackApiError('user_not_found');
    if (channel.is_general) throw new SlackApiError('cant_kick_from_general');
    if (!channel.members.includes(userId)) throw new SlackApiError('not_in_channel');
    channel.members = channel.members.filter((id) => id !== userId);
    return { errors: {} };
  },

  'conversations.setTopic': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    setChannelText(workspace, channel, 'topic', optionalString(args, 'topic') ?? '');
    return { channel: channelToApi(workspace, channel) };
  },

  'conversations.setPurpose': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    setChannelText(workspace, channel, 'purpose', optionalString(args, 'purpose') ?? '');
    return { channel: channelToApi(workspace, channel) };
  },

  'conversations.archive': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { archivedOk: true });
    if (channel.is_archived) throw new SlackApiError('already_archived');
    if (channel.is_general) throw new SlackApiError('cant_archive_general');
    if (!channel.members.includes(workspace.identity.botUserId)) throw new SlackApiError('not_in_channel');
    channel.is_archived = true;
    return {};
  },

  'conversations.unarchive': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { archivedOk: true });
    if (!channel.is_archived) throw new SlackApiError('not_archived');
    channel.is_archived = false;
    return {};
  },

  'conversations.rename': ({ workspace }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true });
    const name = checkNewChannelName(workspace, optionalString(args, 'name'), channel.id);
    if (name !== channel.name) {
      channel.previous_names.unshift(channel.name);
      channel.name = name;
    }
    return { channel: channelToApi(workspace, channel) };
  },
};
