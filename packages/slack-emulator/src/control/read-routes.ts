/** Endpoints for reading what people see (channels, ephemerals, DMs, files) and for moving the emulator's clock. */
import { parseDuration } from '../movable-clock.ts';
import { renderBlocks } from '../render-blocks.ts';
import { channelLabel, resolveChannel, resolveUser } from './addressing.ts';
import { ControlError } from './body.ts';
import type { ControlContext, ControlRoute } from './route-types.ts';

function clockState(ctx: ControlContext) {
  const { clock } = ctx.emulator;
  const now = clock.now();
  return { now, iso: new Date(now).toISOString(), offsetMs: clock.offsetMs };
}

function rendered(ctx: ControlContext, item: { text?: string; blocks?: Array<Record<string, unknown>> }): string {
  const { workspace } = ctx.emulator;
  return item.blocks && item.blocks.length > 0 ? renderBlocks(item.blocks, workspace).join('\n') : (item.text ?? '');
}

/** Endpoints for reading and for the clock. */
export const readRoutes: ControlRoute[] = [
  {
    method: 'GET',
    name: 'channels',
    summary: 'the channels, with their members',
    handle: (ctx) => ({
      json: ctx.emulator.workspace
        .channels()
        .filter((channel) => !channel.is_im)
        .map(({ id, name, is_private, is_archived, members, topic }) => ({
          id,
          name,
          is_private,
          is_archived,
          topic: topic.value,
          members,
        })),
    }),
  },
  {
    method: 'GET',
    name: 'users',
    summary: 'the people (and the app) in the workspace',
    handle: (ctx) => ({
      json: ctx.emulator.workspace
        .users()
        .map(({ id, name, real_name, is_bot, tz }) => ({ id, name, real_name, is_bot, tz })),
    }),
  },
  {
    method: 'GET',
    name: 'render',
    param: '<channel>',
    summary: 'a channel as a person reads it (text)',
    handle: (ctx, { rest }) => ({ text: ctx.emulator.render(resolveChannel(ctx.emulator.workspace, rest).id) }),
  },
  {
    method: 'GET',
    name: 'ephemerals',
    param: '<user>',
    summary: 'what the app showed only this user (ephemeral messages and replies), oldest first',
    handle: (ctx, { rest }) => {
      const { workspace } = ctx.emulator;
      const user = resolveUser(workspace, rest);
      const posted = workspace.ephemerals(undefined, user.id).map((item) => ({
        at: item.at,
        channel: channelLabel(workspace, item.channel),
        via: 'chat.postEphemeral',
        ts: item.message_ts,
        text: rendered(ctx, item),
      }));
      const replies = workspace
        .responses()
        .filter((item) => item.userId === user.id && item.responseType === 'ephemeral')
        .map((item) => ({
          at: item.at,
          channel: channelLabel(workspace, item.channelId),
          via: item.via,
          text: rendered(ctx, {
            ...(item.text ? { text: item.text } : {}),
            ...(item.blocks ? { blocks: item.blocks } : {}),
          }),
        }));
      return { json: [...posted, ...replies].sort((a, b) => a.at - b.at) };
    },
  },
  {
    method: 'GET',
    name: 'dms',
    param: '<user>',
    summary: "the user's direct messages with the app (text)",
    handle: (ctx, { rest }) => {
      const { workspace } = ctx.emulator;
      const user = resolveUser(workspace, rest);
      const dm = workspace.channels().find((channel) => channel.is_im && channel.user === user.id);
      return { text: dm ? ctx.emulator.render(dm.id) : `${user.name} has no direct messages from the app yet\n` };
    },
  },
  {
    method: 'GET',
    name: 'files',
    param: '[<file id>]',
    summary: 'files uploaded (list), or one file with its content as text',
    handle: (ctx, { rest }) => {
      const { workspace } = ctx.emulator;
      const files = workspace.files().map((file) => ({
        id: file.id,
        name: file.name,
        title: file.title,
        mimetype: file.mimetype,
        channels: file.channels.map((id) => channelLabel(workspace, id)),
        length: file.bytes.length,
        content: file.content,
      }));
      if (rest === '') return { json: files.map(({ content: _content, ...file }) => file) };
      const file = files.find((candidate) => candidate.id === rest || candidate.name === rest);
      if (!file)
        throw new ControlError(
          `no file '${rest}': files are ${files.map((f) => `${f.id} (${f.name})`).join(', ') || 'none yet'}`,
          404,
        );
      return { json: file };
    },
  },
  {
    method: 'GET',
    name: 'calls',
    summary: 'every Web API call the app made',
    handle: (ctx) => ({ json: ctx.emulator.calls }),
  },
  {
    method: 'GET',
    name: 'clock',
    summary: "the emulator's time and how far it was moved",
    handle: (ctx) => ({ json: clockState(ctx) }),
  },
  {
    method: 'POST',
    name: 'clock',
    fields: { advance: 'a duration: "90s", "20m", "2h", "1h30m" or ms' },
    summary: "move the emulator's clock forward",
    handle: (ctx, { body }) => {
      let ms: number;
      try {
        ms = parseDuration(body.advance);
      } catch (error) {
        throw new ControlError(`clock: ${(error as Error).message}`);
      }
      ctx.emulator.clock.advance(ms);
      return { json: clockState(ctx) };
    },
  },
];
