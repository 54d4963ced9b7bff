import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { slackError, useEmulator } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
useEmulator((created, bot) => {
  emulator = created;
  client = bot;
});

describe('conversations.open (direct messages)', () => {
  it('opens one DM per user, which the bot can post to and read back', async () => {
    const opened = await client.conversations.open({ users: 'U0ALICE' });
    const id = opened.channel?.id as string;
    expect(id).toMatch(/^D[A-Z0-9]+$/);
    expect(opened.already_open).toBeUndefined();
    const again = await client.conversations.open({ users: 'U0ALICE', return_im: true });
    expect(again).toMatchObject({
      already_open: true,
      channel: { id, is_im: true, is_channel: false, user: 'U0ALICE' },
    });
    await client.chat.postMessage({ channel: id, text: 'An update is due' });
    expect(emulator.workspace.messages(id).map((m) => m.text)).toEqual(['An update is due']);
    expect(emulator.workspace.channelByName('@alice')?.id).toBe(id);
    expect((await client.conversations.open({ channel: id })).channel?.id).toBe(id);
  });

  it('keeps DMs out of channel lists unless asked for ims', async () => {
    const { channel } = await client.conversations.open({ users: 'U0BOB' });
    const listed = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(listed.channels?.map((c) => c.id)).not.toContain(channel?.id);
    const ims = await client.conversations.list({ types: 'im' });
    expect(ims.channels?.map((c) => c.id)).toEqual([channel?.id]);
  });

  it.each([
    [{}, 'users_list_not_supplied'],
    [{ users: 'U0NOBODY' }, 'user_not_found'],
    [{ users: 'U0FBBOT' }, 'cannot_dm_bot'],
    [{ users: 'U0ALICE,U0BOB' }, 'not_supported_by_emulator'],
    [{ channel: 'C0GENERAL' }, 'channel_not_found'],
  ])('answers %j with %s', async (args, error) => {
    expect(await slackError(client.conversations.open(args as never))).toMatchObject({ ok: false, error });
  });
});

describe('chat.postMessage to a user id (the app DM)', () => {
  it('posts into the app DM with that user and names the DM in its answer', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0ALICE', text: 'Your weekly actions' });
    expect(posted.channel).toMatch(/^D[A-Z0-9]+$/);
    const opened = await client.conversations.open({ users: 'U0ALICE' });
    expect(opened).toMatchObject({ already_open: true, channel: { id: posted.channel } });
    expect(emulator.workspace.messages(posted.channel as string).map((m) => m.text)).toEqual(['Your weekly actions']);
  });

  it('reuses the DM already open', async () => {
    const { channel } = await client.conversations.open({ users: 'U0BOB' });
    const posted = await client.chat.postMessage({ channel: 'U0BOB', text: 'Hello' });
    expect(posted.channel).toBe(channel?.id);
  });

  it.each([['U0NOBODY'], ['U0FBBOT']])('answers channel_not_found for %s', async (user) => {
    expect(await slackError(client.chat.postMessage({ channel: user, text: 'x' }))).toMatchObject({
      ok: false,
      error: 'channel_not_found',
    });
  });
});
