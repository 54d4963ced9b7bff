import { z } from 'zod';
import type { FileRef } from '../../timeline/index.ts';

const fileSchema = z.object({
  name: z.string().nullish(),
  title: z.string().nullish(),
  filetype: z.string().nullish(),
  permalink: z.string().nullish(),
});

const messageSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string(),
  ts: z.string(),
  user: z.string().optional(),
  bot_id: z.string().nullish(),
  text: z.string().nullish(),
  thread_ts: z.string().optional(),
  files: z.array(fileSchema).optional(),
  deleted_ts: z.string().optional(),
  event_ts: z.string().optional(),
  message: z
    .object({
      ts: z.string(),
      user: z.string().optional(),
      bot_id: z.string().nullish(),
      text: z.string().nullish(),
      thread_ts: z.string().optional(),
      edited: z.object({ ts: z.string() }).optional(),
    })
    .optional(),
  previous_message: z.object({ text: z.string().nullish() }).nullish(),
});

export type MessageEventInput =
  | {
      kind: 'message';
      channelId: string;
      ts: string;
      userId: string;
      text: string;
      threadTs?: string;
      files?: FileRef[];
    }
  | {
      kind: 'edit';
      channelId: string;
      ts: string;
      editedTs: string;
      userId: string;
      text: string;
      threadTs?: string;
      previousText?: string;
    }
  | { kind: 'delete'; channelId: string; ts: string; eventTs: string }
  | { kind: 'ignored' }
  | { kind: 'malformed'; error: z.ZodError };

// Subtypes that are a person saying something; joins/leaves come as member events, bots are not copied.
const spokenSubtypes = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/**
 * Classifies a `message` event: a person's message, an edit, a delete, something not to copy, or one
 * whose fields have types Slack never sends (malformed, with the ZodError saying which).
 */
export function parseMessageEvent(raw: unknown): MessageEventInput {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'malformed', error: parsed.error };
  const event = parsed.data;
  if (event.subtype === 'message_changed') {
    const message = event.message;
    // Unfurls and reply-count updates also arrive as message_changed; only an edit has `edited`.
    if (!message?.edited || !message.user || message.bot_id) return { kind: 'ignored' };
    return {
      kind: 'edit',
      channelId: event.channel,
      ts: message.ts,
      editedTs: message.edited.ts,
      userId: message.user,
      text: message.text ?? '',
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      ...(typeof event.previous_message?.text === 'string' ? { previousText: event.previous_message.text } : {}),
    };
  }
  if (event.subtype === 'message_deleted') {
    if (!event.deleted_ts) return { kind: 'ignored' };
    return { kind: 'delete', channelId: event.channel, ts: event.deleted_ts, eventTs: event.event_ts ?? event.ts };
  }
  if (!spokenSubtypes.has(event.subtype) || event.bot_id || !event.user) return { kind: 'ignored' };
  const files = (event.files ?? []).map((file) => ({
    name: file.name ?? file.title ?? 'file',
    filetype: file.filetype ?? '',
    permalink: file.permalink ?? '',
  }));
  return {
    kind: 'message',
    channelId: event.channel,
    ts: event.ts,
    userId: event.user,
    text: event.text ?? '',
    ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
    ...(files.length ? { files } : {}),
  };
}

const reactionSchema = z.object({
  reaction: z.string(),
  user: z.string(),
  event_ts: z.string(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});
const pinSchema = z.object({
  user: z.string(),
  channel_id: z.string(),
  event_ts: z.string(),
  item: z.object({ type: z.string(), message: z.object({ ts: z.string() }).optional() }),
});
const memberSchema = z.object({ user: z.string(), channel: z.string(), event_ts: z.string() });

export type KeyFlagInput = { channelId: string; ts: string; userId: string; eventTs: string };

// Every field these schemas name is one Slack always sends: a reaction, pin or member event without them is
// malformed, and parse throws (a ZodError: refused and logged with its cause, never retried).

/** A 📌 reaction on a message, or undefined for any other reaction. */
export function parsePushpinReaction(raw: unknown): KeyFlagInput | undefined {
  const parsed = reactionSchema.safeParse(raw);
  if (!parsed.success) throw parsed.error;
  if (parsed.data.item.type !== 'message' || !parsed.data.item.channel || !parsed.data.item.ts) return undefined;
  if (parsed.data.reaction.split('::')[0] !== 'pushpin') return undefined;
  return {
    channelId: parsed.data.item.channel,
    ts: parsed.data.item.ts,
    userId: parsed.data.user,
    eventTs: parsed.data.event_ts,
  };
}

/** A pinned (or unpinned) message, or undefined for pinned files and the like. */
export function parsePinEvent(raw: unknown): KeyFlagInput | undefined {
  const parsed = pinSchema.safeParse(raw);
  if (!parsed.success) throw parsed.error;
  if (parsed.data.item.type !== 'message' || !parsed.data.item.message) return undefined;
  return {
    channelId: parsed.data.channel_id,
    ts: parsed.data.item.message.ts,
    userId: parsed.data.user,
    eventTs: parsed.data.event_ts,
  };
}

/** Someone joining or leaving a channel. */
export function parseMemberEvent(raw: unknown): { channelId: string; userId: string; eventTs: string } {
  const parsed = memberSchema.parse(raw);
  return { channelId: parsed.channel, userId: parsed.user, eventTs: parsed.event_ts };
}
