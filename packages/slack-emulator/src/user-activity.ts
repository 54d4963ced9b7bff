/**
 * People doing things in the workspace: saying, editing, deleting, reacting, joining. Each changes the
 * workspace and delivers the event Slack would send — only for channels the bot is a member of, since
 * Slack sends channel events to apps in those channels only — and only when an app URL is set or a
 * Socket Mode connection is open (otherwise the action is just recorded, which is handy for demos).
 */
import { randomUUID } from 'node:crypto';
import type { AppDriver } from './app-driver.ts';
import type { AppResponse } from './app-transport.ts';
import { InteractionError } from './element-values.ts';
import { deliverEvent } from './event-driver.ts';
import type { Channel, JsonObject, Message } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Result of a user action: the message/event ts and the app's answer (null when no event was sent). */
export interface UserActionResult {
  ts: string;
  response: AppResponse | null;
}

/** Performs user actions and sends the resulting events through the driver. */
export class UserActivity {
  constructor(private readonly driver: AppDriver) {}

  /** The workspace people act in. */
  get workspace(): Workspace {
    return this.driver.deps.workspace;
  }

  /** The live channel `userId` acts in; throws like Slack's client would not let them (not a member, archived). */
  memberChannel(userId: string, channelId: string): Channel {
    if (!this.workspace.user(userId)) throw new InteractionError(`user_not_found: ${userId}`);
    const channel = this.workspace.liveChannel(channelId) ?? this.workspace.channelByName(channelId);
    if (!channel) throw new InteractionError(`channel_not_found: ${channelId}`);
    if (!channel.members.includes(userId))
      throw new InteractionError(`not_in_channel: ${userId} is not a member of #${channel.name}`);
    if (channel.is_archived) throw new InteractionError(`is_archived: #${channel.name} is archived`);
    return channel;
  }

  /** Sends a channel event when the bot is in the channel and the app is reachable; null otherwise. */
  async deliver(channel: Channel, event: JsonObject): Promise<AppResponse | null> {
    if (!channel.members.includes(this.workspace.identity.botUserId) || !this.driver.canDeliver()) return null;
    return deliverEvent(this.driver, event);
  }

  private ownMessage(userId: string, channelId: string, ts: string): Message {
    const message = this.workspace.store.find(channelId, ts);
    if (!message) throw new InteractionError(`message_not_found: ${ts}`);
    if (message.user !== userId) throw new InteractionError(`cant_update_message: ${ts} was posted by ${message.user}`);
    return message;
  }

  private channelType(channel: Channel): 'channel' | 'group' {
    return channel.is_private ? 'group' : 'channel';
  }

  /**
   * `userId` posts `text` (optionally in a thread). Sends the `message` event and, when the text mentions
   * the bot, an `app_mention` event (`mentionResponse`).
   */
  async says(params: {
    userId: string;
    channelId: string;
    text: string;
    threadTs?: string;
  }): Promise<UserActionResult & { mentionResponse?: AppResponse | null }> {
    const channel = this.memberChannel(params.userId, params.channelId);
    let threadTs: string | undefined;
    if (params.threadTs !== undefined) {
      const parent = this.workspace.store.find(channel.id, params.threadTs);
      if (!parent) throw new InteractionError(`thread_not_found: ${params.threadTs}`);
      threadTs = parent.thread_ts ?? parent.ts;
    }
    const ts = this.workspace.nextTs();
    const message: Message = {
      type: 'message',
      ts,
      user: params.userId,
      text: params.text,
      team: this.workspace.identity.teamId,
      client_msg_id: randomUUID(),
      blocks: [
        {
          type: 'rich_text',
          block_id: ts.replace('.', '').slice(-5),
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: params.text }] }],
        },
      ],
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    };
    this.workspace.store.insert(channel.id, message);
    const event: JsonObject = {
      ...structuredClone(message),
      channel: channel.id,
      event_ts: ts,
      channel_type: this.channelType(channel),
    };
    const response = await this.deliver(channel, event);
    const result: UserActionResult & { mentionResponse?: AppResponse | null } = { ts, response };
    if (params.text.includes(`<@${this.workspace.identity.botUserId}>`)) {
      const { channel_type: _type, ...mention } = event;
      result.mentionResponse = await this.deliver(channel, { ...mention, type: 'app_mention' });
    }
    return result;
  }

  /** `userId` edits their message; sends `message_changed`. */
  async edits(params: { userId: string; channelId: string; ts: string; text: string }): Promise<UserActionResult> {
    const channel = this.memberChannel(params.userId, params.channelId);
    const message = this.ownMessage(params.userId, channel.id, params.ts);
    const previous = structuredClone(message);
    const eventTs = this.workspace.nextTs();
    message.text = params.text;
    message.edited = { user: params.userId, ts: eventTs };
    if (message.blocks?.[0]?.type === 'rich_text') {
      message.blocks = [
        {
          ...message.blocks[0],
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: params.text }] }],
        },
      ];
    }
    const event = {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: channel.id,
      channel_type: this.channelType(channel),
      ts: eventTs,
      event_ts: eventTs,
      message: structuredClone(message),
      previous_message: previous,
    };
    return { ts: eventTs, response: await this.deliver(channel, event) };
  }

  /** `userId` deletes their message; sends `message_deleted`. */
  async deletes(params: { userId: string; channelId: string; ts: string }): Promise<UserActionResult> {
    const channel = this.memberChannel(params.userId, params.channelId);
    this.ownMessage(params.userId, channel.id, params.ts);
    const previous = this.workspace.store.remove(channel.id, params.ts);
    const eventTs = this.workspace.nextTs();
    const event = {
      type: 'message',
      subtype: 'message_deleted',
      hidden: true,
      channel: channel.id,
      channel_type: this.channelType(channel),
      ts: eventTs,
      event_ts: eventTs,
      deleted_ts: params.ts,
      previous_message: previous,
    };
    return { ts: eventTs, response: await this.deliver(channel, event) };
  }

  /** `userId` adds (or with `remove`, removes) an emoji reaction; sends `reaction_added` / `reaction_removed`. */
  async reacts(params: {
    userId: string;
    channelId: string;
    ts: string;
    name: string;
    remove?: boolean;
  }): Promise<UserActionResult> {
    const channel = this.memberChannel(params.userId, params.channelId);
    const message = this.workspace.store.find(channel.id, params.ts);
    if (!message) throw new InteractionError(`message_not_found: ${params.ts}`);
    const name = params.name.replace(/^:|:$/g, '');
    const changed = params.remove
      ? this.workspace.store.removeReaction(message, name, params.userId)
      : this.workspace.store.addReaction(message, name, params.userId);
    if (!changed) throw new InteractionError(params.remove ? `no_reaction: ${name}` : `already_reacted: ${name}`);
    const eventTs = this.workspace.nextTs();
    const event = {
      type: params.remove ? 'reaction_removed' : 'reaction_added',
      user: params.userId,
      reaction: name,
      item_user: message.user,
      item: { type: 'message', channel: channel.id, ts: message.ts },
      event_ts: eventTs,
    };
    return { ts: eventTs, response: await this.deliver(channel, event) };
  }

  /** `userId` joins a channel (public, or private as if invited); sends `member_joined_channel`. */
  async joins(params: { userId: string; channelId: string; inviterId?: string }): Promise<UserActionResult> {
    if (!this.workspace.user(params.userId)) throw new InteractionError(`user_not_found: ${params.userId}`);
    const channel = this.workspace.liveChannel(params.channelId) ?? this.workspace.channelByName(params.channelId);
    const live = channel && this.workspace.liveChannel(channel.id);
    if (!live) throw new InteractionError(`channel_not_found: ${params.channelId}`);
    if (live.is_archived) throw new InteractionError(`is_archived: #${live.name}`);
    if (live.members.includes(params.userId)) throw new InteractionError(`already_in_channel: ${params.userId}`);
    live.members.push(params.userId);
    const eventTs = this.workspace.nextTs();
    const event = {
      type: 'member_joined_channel',
      user: params.userId,
      channel: live.id,
      channel_type: live.is_private ? 'G' : 'C',
      team: this.workspace.identity.teamId,
      event_ts: eventTs,
      ...(params.inviterId ? { inviter: params.inviterId } : {}),
    };
    return { ts: eventTs, response: await this.deliver(live, event) };
  }

  /** `userId` leaves a channel; sends `member_left_channel` (to a bot still in the channel, as Slack does). */
  async leaves(params: { userId: string; channelId: string }): Promise<UserActionResult> {
    const channel = this.memberChannel(params.userId, params.channelId);
    if (channel.is_general) throw new InteractionError(`cant_leave_general: #${channel.name} is the general channel`);
    channel.members = channel.members.filter((member) => member !== params.userId);
    const eventTs = this.workspace.nextTs();
    const event = {
      type: 'member_left_channel',
      user: params.userId,
      channel: channel.id,
      channel_type: channel.is_private ? 'G' : 'C',
      team: this.workspace.identity.teamId,
      event_ts: eventTs,
    };
    return { ts: eventTs, response: await this.deliver(channel, event) };
  }
}
