/**
 * Channel messages, threads, pins and reactions. Messages are kept per channel sorted by `ts`;
 * thread bookkeeping (reply_count, reply_users, latest_reply) is maintained like Slack does.
 */
import type { Message } from './types.ts';

/** Pin bookkeeping for `pins.list`. */
export interface PinRecord {
  created: number;
  created_by: string;
}

/** Storage of all channel messages of a workspace. */
export class MessageStore {
  private readonly byChannel = new Map<string, Message[]>();
  private readonly pinRecords = new Map<string, PinRecord>();

  /** All stored messages of a channel (top-level and replies), in ts order. Live objects. */
  all(channelId: string): Message[] {
    let list = this.byChannel.get(channelId);
    if (!list) {
      list = [];
      this.byChannel.set(channelId, list);
    }
    return list;
  }

  /** Finds a message (top-level or reply) by ts. Live object. */
  find(channelId: string, ts: string): Message | undefined {
    return this.all(channelId).find((message) => message.ts === ts);
  }

  /** Top-level messages (including thread broadcasts) in ts order. Live objects. */
  topLevel(channelId: string): Message[] {
    return this.all(channelId).filter(
      (message) =>
        message.thread_ts === undefined || message.thread_ts === message.ts || message.subtype === 'thread_broadcast',
    );
  }

  /** Replies of a thread, without the parent, in ts order. Live objects. */
  threadReplies(channelId: string, threadTs: string): Message[] {
    return this.all(channelId).filter((message) => message.thread_ts === threadTs && message.ts !== threadTs);
  }

  /** Stores a message; when it has `thread_ts`, updates the parent's thread fields. */
  insert(channelId: string, message: Message): Message {
    const list = this.all(channelId);
    list.push(message);
    list.sort((a, b) => compareTs(a.ts, b.ts));
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const parent = this.find(channelId, message.thread_ts);
      if (parent) {
        message.parent_user_id = parent.user;
        this.refreshThread(channelId, parent);
      }
    }
    return message;
  }

  /**
   * Removes a message. A parent with replies becomes a tombstone like in Slack; removing a reply updates
   * the parent. Returns the removed message (a copy of its last state).
   */
  remove(channelId: string, ts: string): Message | undefined {
    const list = this.all(channelId);
    const index = list.findIndex((message) => message.ts === ts);
    const message = list[index];
    if (!message) return undefined;
    const removed = structuredClone(message);
    this.pinRecords.delete(pinKey(channelId, ts));
    const replies = this.threadReplies(channelId, ts);
    if (replies.length > 0) {
      for (const key of Object.keys(message)) {
        if (
          !['type', 'ts', 'thread_ts', 'reply_count', 'reply_users', 'reply_users_count', 'latest_reply'].includes(key)
        ) {
          delete (message as unknown as Record<string, unknown>)[key];
        }
      }
      Object.assign(message, {
        user: 'USLACKBOT',
        text: 'This message was deleted.',
        subtype: 'tombstone',
        team: removed.team,
      });
    } else {
      list.splice(index, 1);
      if (message.thread_ts !== undefined && message.thread_ts !== ts) {
        const parent = this.find(channelId, message.thread_ts);
        if (parent) this.refreshThread(channelId, parent);
      }
    }
    return removed;
  }

  /** Marks a message pinned. Returns false when it already was. */
  pin(channelId: string, message: Message, record: PinRecord): boolean {
    if (message.pinned_to?.includes(channelId)) return false;
    message.pinned_to = [...(message.pinned_to ?? []), channelId];
    this.pinRecords.set(pinKey(channelId, message.ts), record);
    return true;
  }

  /** Unpins a message. Returns false when it was not pinned. */
  unpin(channelId: string, message: Message): boolean {
    if (!message.pinned_to?.includes(channelId)) return false;
    message.pinned_to = message.pinned_to.filter((id) => id !== channelId);
    if (message.pinned_to.length === 0) delete message.pinned_to;
    this.pinRecords.delete(pinKey(channelId, message.ts));
    return true;
  }

  /** Pinned messages of a channel, most recently pinned first, with pin bookkeeping. */
  pinned(channelId: string): Array<{ message: Message; record: PinRecord }> {
    return this.all(channelId)
      .filter((message) => message.pinned_to?.includes(channelId))
      .map((message) => ({
        message,
        record: this.pinRecords.get(pinKey(channelId, message.ts)) ?? { created: 0, created_by: '' },
      }))
      .sort((a, b) => b.record.created - a.record.created);
  }

  /** Adds a reaction by `userId`. Returns false when that user already reacted with `name`. */
  addReaction(message: Message, name: string, userId: string): boolean {
    const reactions = message.reactions ?? [];
    let reaction = reactions.find((candidate) => candidate.name === name);
    if (reaction?.users.includes(userId)) return false;
    if (!reaction) {
      reaction = { name, users: [], count: 0 };
      reactions.push(reaction);
    }
    reaction.users.push(userId);
    reaction.count = reaction.users.length;
    message.reactions = reactions;
    return true;
  }

  /** Removes a reaction by `userId`. Returns false when there was none. */
  removeReaction(message: Message, name: string, userId: string): boolean {
    const reaction = message.reactions?.find((candidate) => candidate.name === name);
    if (!reaction?.users.includes(userId)) return false;
    reaction.users = reaction.users.filter((id) => id !== userId);
    reaction.count = reaction.users.length;
    if (reaction.count === 0) message.reactions = message.reactions?.filter((candidate) => candidate !== reaction);
    if (message.reactions?.length === 0) delete message.reactions;
    return true;
  }

  private refreshThread(channelId: string, parent: Message): void {
    const replies = this.threadReplies(channelId, parent.ts);
    if (replies.length === 0) {
      delete parent.reply_count;
      delete parent.reply_users;
      delete parent.reply_users_count;
      delete parent.latest_reply;
      delete parent.thread_ts;
      return;
    }
    const users = [...new Set(replies.map((reply) => reply.user))];
    parent.thread_ts = parent.ts;
    parent.reply_count = replies.length;
    parent.reply_users = users;
    parent.reply_users_count = users.length;
    parent.latest_reply = replies[replies.length - 1]?.ts ?? parent.ts;
  }
}

/** Orders two Slack timestamps ("seconds.micros"). */
export function compareTs(a: string, b: string): number {
  return tsToMicros(a) - tsToMicros(b);
}

/** Converts a Slack ts to integer microseconds (NaN when malformed). */
export function tsToMicros(ts: string): number {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

function pinKey(channelId: string, ts: string): string {
  return `${channelId}:${ts}`;
}
