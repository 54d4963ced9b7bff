/**
 * How the bot sees channels: resolution of the `channel` argument, Slack's visibility and membership
 * errors, and the API shape of a channel object.
 */
import { SlackApiError } from './errors.ts';
import type { Channel } from './types.ts';
import type { Workspace } from './workspace.ts';

/** What a method requires of the channel it acts on. */
export interface ChannelRequirement {
  /** The bot must be a member (`not_in_channel`). */
  member?: boolean;
  /** Acting on an archived channel is allowed (otherwise `is_archived`). */
  archivedOk?: boolean;
  /** Accept `#name` / `name` as well as ids (chat.postMessage does). */
  acceptName?: boolean;
}

/**
 * Resolves the channel a call refers to, applying Slack's rules: unknown → `channel_not_found`; private
 * channels the bot is not in look like `channel_not_found`; archived → `is_archived`; not a member when
 * required → `not_in_channel`. Returns the live record.
 */
export function channelForBot(
  workspace: Workspace,
  ref: string | undefined,
  requirement: ChannelRequirement = {},
): Channel {
  if (ref === undefined) throw new SlackApiError('channel_not_found');
  const resolved = workspace.liveChannel(ref) ?? (requirement.acceptName ? workspace.channelByName(ref) : undefined);
  const channel = resolved && workspace.liveChannel(resolved.id);
  if (!channel) throw new SlackApiError('channel_not_found');
  const botIsMember = channel.members.includes(workspace.identity.botUserId);
  if (channel.is_private && !botIsMember) throw new SlackApiError('channel_not_found');
  if (channel.is_archived && !requirement.archivedOk) throw new SlackApiError('is_archived');
  if (requirement.member && !botIsMember) throw new SlackApiError('not_in_channel');
  return channel;
}

/** The channel object as the Web API returns it to the bot. */
export function channelToApi(workspace: Workspace, channel: Channel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_im,
    is_group: false,
    is_im: channel.is_im ?? false,
    ...(channel.is_im ? { user: channel.user } : {}),
    is_mpim: false,
    is_private: channel.is_private,
    created: channel.created,
    creator: channel.creator,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: workspace.identity.teamId,
    is_member: channel.members.includes(workspace.identity.botUserId),
    topic: { ...channel.topic },
    purpose: { ...channel.purpose },
    previous_names: [...channel.previous_names],
    num_members: channel.members.length,
    ...canvasProperties(workspace, channel.id),
  };
}

/** Slack shows a channel's own canvas under `properties.canvas` (conversations.info's way to find it). */
function canvasProperties(workspace: Workspace, channelId: string): Record<string, unknown> {
  const canvas = workspace.canvases.channelCanvas(channelId);
  if (!canvas) return {};
  return { properties: { canvas: { file_id: canvas.id, is_empty: canvas.sections.length === 0 } } };
}

/**
 * Validates a channel name like conversations.create/rename: empty → `invalid_name_required`,
 * > 80 chars → `invalid_name_maxlength`, other characters than a-z 0-9 - _ → `invalid_name_specials`,
 * only punctuation → `invalid_name_punctuation`, taken (also by archived channels) → `name_taken`.
 */
export function checkNewChannelName(workspace: Workspace, name: string | undefined, exceptChannelId?: string): string {
  if (name === undefined || name.trim() === '') throw new SlackApiError('invalid_name_required');
  if (name.length > 80) throw new SlackApiError('invalid_name_maxlength');
  if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackApiError('invalid_name_specials');
  if (/^[-_]+$/.test(name)) throw new SlackApiError('invalid_name_punctuation');
  const existing = workspace.channelByName(name);
  if (existing && existing.id !== exceptChannelId) throw new SlackApiError('name_taken');
  return name;
}
