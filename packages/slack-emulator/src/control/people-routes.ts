/** Endpoints for what people do in channels: commands, messages, threads, reactions, pins, membership, shortcuts. */
import type { JsonObject } from '../types.ts';
import { resolveChannel, resolveMessage, resolveUser } from './addressing.ts';
import { appAnswer } from './app-answer.ts';
import { ControlError, stringField } from './body.ts';
import { normalizeLabel } from './labels.ts';
import { CHANNEL, type ControlContext, type ControlRoute, MESSAGE, USER } from './route-types.ts';

function who(ctx: ControlContext, body: JsonObject) {
  const { workspace } = ctx.emulator;
  const user = resolveUser(workspace, body.user);
  const channel = body.channel === undefined ? undefined : resolveChannel(workspace, body.channel);
  return { userId: user.id, channel };
}

function target(ctx: ControlContext, body: JsonObject) {
  const { userId, channel } = who(ctx, body);
  if (!channel) throw new ControlError(`'channel' is required (${CHANNEL})`);
  const found = resolveMessage(ctx.emulator.workspace, channel, body.message, userId);
  return { userId, channelId: channel.id, ts: found.ts };
}

const onMessage = { user: USER, channel: CHANNEL, message: MESSAGE };

function shortcutByName(ctx: ControlContext, name: string) {
  const known = ctx.emulator.shortcuts;
  const found =
    known.find((shortcut) => normalizeLabel(shortcut.name) === normalizeLabel(name)) ??
    known.find((shortcut) => shortcut.callback_id === name);
  if (found) return found;
  if (known.length === 0)
    throw new ControlError(
      `no shortcut named '${name}': the emulator knows no shortcuts (start it with --manifest, or pass the callback_id)`,
    );
  throw new ControlError(`no shortcut named '${name}': shortcuts are ${known.map((s) => `'${s.name}'`).join(', ')}`);
}

/** Endpoints for people acting in channels. */
export const peopleRoutes: ControlRoute[] = [
  {
    method: 'POST',
    name: 'command',
    fields: { user: USER, channel: CHANNEL, 'text?': 'the command text', 'command?': 'default /incident' },
    summary: 'run a slash command in a channel',
    handle: (ctx, { body }) => {
      const { userId, channel } = who(ctx, body);
      const command = stringField(body, 'command', 'command', true);
      return ctx.emulator
        .slashCommand({
          userId,
          channelId: channel?.id ?? '',
          text: stringField(body, 'text', 'command', true) ?? '',
          ...(command ? { command } : {}),
        })
        .then((result) => ({
          json: { ...appAnswer(result), ...(result.ackProblem ? { ackProblem: result.ackProblem } : {}) },
        }));
    },
  },
  {
    method: 'POST',
    name: 'say',
    fields: { user: USER, channel: CHANNEL, text: 'the message', 'thread?': `${MESSAGE} to reply under` },
    summary: 'post a message (in a thread with "thread")',
    handle: async (ctx, { body }) => {
      const { userId, channel } = who(ctx, body);
      const text = stringField(body, 'text', 'say');
      const threadTs =
        body.thread === undefined || !channel
          ? undefined
          : resolveMessage(ctx.emulator.workspace, channel, body.thread, userId).ts;
      const json = await ctx.emulator.userSays({
        userId,
        channelId: channel?.id ?? '',
        text,
        ...(threadTs ? { threadTs } : {}),
      });
      return { json };
    },
  },
  {
    method: 'POST',
    name: 'reply',
    fields: { ...onMessage, text: 'the reply' },
    summary: 'reply in the thread of a message',
    handle: async (ctx, { body }) => {
      const { userId, channelId, ts } = target(ctx, body);
      const text = stringField(body, 'text', 'reply');
      return { json: await ctx.emulator.userSays({ userId, channelId, text, threadTs: ts }) };
    },
  },
  {
    method: 'POST',
    name: 'edit',
    fields: { ...onMessage, text: 'the new text' },
    summary: 'edit your own message',
    handle: async (ctx, { body }) => {
      const { userId, channelId, ts } = target(ctx, body);
      return { json: await ctx.emulator.userEdits({ userId, channelId, ts, text: stringField(body, 'text', 'edit') }) };
    },
  },
  {
    method: 'POST',
    name: 'delete',
    fields: onMessage,
    summary: 'delete your own message',
    handle: async (ctx, { body }) => ({ json: await ctx.emulator.userDeletes(target(ctx, body)) }),
  },
  ...(['react', 'unreact'] as const).map(
    (name): ControlRoute => ({
      method: 'POST',
      name,
      fields: { ...onMessage, emoji: 'an emoji name such as eyes or :eyes:' },
      summary: name === 'react' ? 'add an emoji reaction' : 'remove your emoji reaction',
      handle: async (ctx, { body }) => {
        const params = { ...target(ctx, body), name: stringField(body, 'emoji', name) };
        return { json: await (name === 'react' ? ctx.emulator.userReacts(params) : ctx.emulator.userUnreacts(params)) };
      },
    }),
  ),
  ...(['pin', 'unpin'] as const).map(
    (name): ControlRoute => ({
      method: 'POST',
      name,
      fields: onMessage,
      summary: name === 'pin' ? 'pin a message (pin_added)' : 'unpin a message (pin_removed)',
      handle: async (ctx, { body }) => {
        const params = target(ctx, body);
        return { json: await (name === 'pin' ? ctx.emulator.userPins(params) : ctx.emulator.userUnpins(params)) };
      },
    }),
  ),
  ...(['join', 'leave'] as const).map(
    (name): ControlRoute => ({
      method: 'POST',
      name,
      fields: { user: USER, channel: CHANNEL },
      summary: name === 'join' ? 'join a channel (member_joined_channel)' : 'leave a channel (member_left_channel)',
      handle: async (ctx, { body }) => {
        const { userId, channel } = who(ctx, body);
        const params = { userId, channelId: channel?.id ?? '' };
        return { json: await (name === 'join' ? ctx.emulator.userJoins(params) : ctx.emulator.userLeaves(params)) };
      },
    }),
  ),
  {
    method: 'POST',
    name: 'shortcut',
    fields: {
      user: USER,
      shortcut: "the shortcut's name (e.g. Declare incident) or callback_id",
      'channel?': `${CHANNEL} (message shortcuts)`,
      'message?': `${MESSAGE} (message shortcuts)`,
    },
    summary: 'run a message shortcut on a message, or a global shortcut',
    handle: async (ctx, { body }) => {
      const shortcut = shortcutByName(ctx, stringField(body, 'shortcut', 'shortcut'));
      const isMessage = body.message !== undefined || shortcut.type === 'message';
      if (!isMessage) {
        const { userId } = who(ctx, body);
        return { json: await ctx.emulator.globalShortcut({ userId, callbackId: shortcut.callback_id }) };
      }
      if (body.message === undefined)
        throw new ControlError(`'${shortcut.name}' is a message shortcut: give 'channel' and 'message' (${MESSAGE})`);
      const { userId, channelId, ts } = target(ctx, body);
      const params = { userId, channelId, messageTs: ts, callbackId: shortcut.callback_id };
      return { json: await ctx.emulator.messageShortcut(params) };
    },
  },
];
