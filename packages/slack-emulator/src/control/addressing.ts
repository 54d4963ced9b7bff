/**
 * Finding what a person means by what they see: users by name (`alice`, `@alice`) or id, channels by
 * `#name`, `name` or id, and messages by ts, by "the latest one containing …", or the latest bot message.
 */
import { renderBlocks } from '../render-blocks.ts';
import type { Channel, EphemeralMessage, JsonObject, Message, User } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import { ControlError } from './body.ts';

/** A user by id, `name` or `@name`; the error lists the people there are. */
export function resolveUser(workspace: Workspace, ref: unknown): User {
  const text = typeof ref === 'string' ? ref.trim().replace(/^@/, '') : '';
  const users = workspace.users();
  const user =
    users.find((candidate) => candidate.id === text) ??
    users.find((candidate) => candidate.name.toLowerCase() === text.toLowerCase());
  if (user) return user;
  const known = users.filter((candidate) => !candidate.is_bot).map((candidate) => candidate.name);
  throw new ControlError(`unknown user '${String(ref)}': known users are ${known.join(', ')}`);
}

/** A channel by id, `#name` or `name` (not DMs); the error lists the channels there are. */
export function resolveChannel(workspace: Workspace, ref: unknown): Channel {
  const text = typeof ref === 'string' ? ref.trim() : '';
  const channel = workspace.resolveChannel(text);
  if (channel && !channel.is_im) return channel;
  const known = workspace
    .channels()
    .filter((candidate) => !candidate.is_im)
    .map((candidate) => `#${candidate.name}`);
  throw new ControlError(`unknown channel '${String(ref)}': channels are ${known.join(', ')}`);
}

/** `#name`, or `@user` for a DM, as a person reads a channel. */
export function channelLabel(workspace: Workspace, channelId: string): string {
  const channel = workspace.channel(channelId);
  if (!channel) return channelId;
  return channel.is_im ? channel.name : `#${channel.name}`;
}

/** What a person sees of a message (its text and its blocks), for "containing" searches. */
export function visibleText(workspace: Workspace, item: { text?: string; blocks?: JsonObject[] }): string {
  return [item.text ?? '', ...renderBlocks(item.blocks ?? [], workspace)].join('\n');
}

/** A message found by `resolveMessage`: in the channel, or an ephemeral one only `userId` sees. */
export type FoundMessage = { ts: string; ephemeral: boolean; message?: Message; ephemeralMessage?: EphemeralMessage };

const MESSAGE_HINT =
  'give a ts ("1700000000.000100"), "latest" (the latest app message), or {"containing":"text"} (optionally with "from":"alice" or "ephemeral":true)';

function allMessages(workspace: Workspace, channelId: string): Message[] {
  return workspace
    .messages(channelId)
    .flatMap((message) => [message, ...workspace.replies(channelId, message.ts)])
    .sort((a, b) => Number(a.ts) - Number(b.ts));
}

/**
 * The message `ref` designates in `channel`: a ts, `"latest"` (latest app message), or
 * `{ts}` / `{containing, from?, ephemeral?}` — the latest matching one. `ephemeral` searches what the app
 * showed `userId` only.
 */
export function resolveMessage(workspace: Workspace, channel: Channel, ref: unknown, userId?: string): FoundMessage {
  const query: JsonObject =
    typeof ref === 'string' ? (ref === 'latest' ? { latest: true } : { ts: ref }) : ((ref ?? {}) as JsonObject);
  if (typeof query !== 'object' || Array.isArray(query)) throw new ControlError(`message: ${MESSAGE_HINT}`);
  const unknown = Object.keys(query).filter(
    (key) => !['ts', 'containing', 'from', 'ephemeral', 'latest'].includes(key),
  );
  if (unknown.length > 0) throw new ControlError(`message: unknown field ${unknown.join(', ')}; ${MESSAGE_HINT}`);
  const containing = typeof query.containing === 'string' ? query.containing.toLowerCase() : undefined;
  const matchesText = (item: { text?: string; blocks?: JsonObject[] }) =>
    containing === undefined || visibleText(workspace, item).toLowerCase().includes(containing);
  const where = `#${channel.name}`;
  if (query.ephemeral === true) {
    if (!userId) throw new ControlError('message: ephemeral messages need a user');
    const found = workspace
      .ephemerals(channel.id, userId)
      .filter((item) => (query.ts === undefined || item.message_ts === query.ts) && matchesText(item))
      .at(-1);
    if (!found) throw new ControlError(`no ephemeral message for ${userId} in ${where} matches ${JSON.stringify(ref)}`);
    return { ts: found.message_ts, ephemeral: true, ephemeralMessage: found };
  }
  if (query.ts === undefined && containing === undefined && query.latest !== true && query.from === undefined)
    throw new ControlError(`message: ${MESSAGE_HINT}`);
  const from = query.from === undefined ? undefined : resolveUser(workspace, query.from).id;
  const botUserId = workspace.identity.botUserId;
  const found = allMessages(workspace, channel.id)
    .filter(
      (message) =>
        message.subtype !== 'tombstone' &&
        (query.ts === undefined || message.ts === query.ts) &&
        (from === undefined || message.user === from) &&
        (query.latest !== true || message.user === botUserId || message.bot_id !== undefined) &&
        matchesText(message),
    )
    .at(-1);
  if (!found) throw new ControlError(`no message in ${where} matches ${JSON.stringify(ref)}`);
  return { ts: found.ts, ephemeral: false, message: found };
}
