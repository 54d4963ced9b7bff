import type { WebClient } from '@slack/web-api';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { slackError, useEmulator } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
let ts: string;
useEmulator((created, bot) => {
  emulator = created;
  client = bot;
});
beforeEach(async () => {
  ts = (await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' })).ts!;
});

describe('pins', () => {
  it('pins, lists and unpins with Slack’s errors', async () => {
    await client.pins.add({ channel: 'C0INCIDENTS', timestamp: ts });
    expect(emulator.workspace.pins('C0INCIDENTS').map((m) => m.ts)).toEqual([ts]);
    expect((await slackError(client.pins.add({ channel: 'C0INCIDENTS', timestamp: ts }))).error).toBe('already_pinned');
    expect((await slackError(client.pins.add({ channel: 'C0INCIDENTS', timestamp: '1.000001' }))).error).toBe(
      'message_not_found',
    );
    const list = await client.pins.list({ channel: 'C0INCIDENTS' });
    expect(list.items?.[0]).toMatchObject({
      type: 'message',
      created_by: 'U0FBBOT',
      message: { ts, pinned_to: ['C0INCIDENTS'] },
    });
    await client.pins.remove({ channel: 'C0INCIDENTS', timestamp: ts });
    expect(emulator.workspace.pins('C0INCIDENTS')).toEqual([]);
    expect((await slackError(client.pins.remove({ channel: 'C0INCIDENTS', timestamp: ts }))).error).toBe('no_pin');
  });
});

describe('reactions', () => {
  it('adds, gets and removes reactions', async () => {
    await client.reactions.add({ channel: 'C0INCIDENTS', timestamp: ts, name: 'eyes' });
    await emulator.userReacts({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', ts, name: 'eyes' });
    expect(
      (await slackError(client.reactions.add({ channel: 'C0INCIDENTS', timestamp: ts, name: 'eyes' }))).error,
    ).toBe('already_reacted');
    const got = await client.reactions.get({ channel: 'C0INCIDENTS', timestamp: ts });
    expect(got.message?.reactions).toEqual([{ name: 'eyes', users: ['U0FBBOT', 'U0ALICE'], count: 2 }]);
    await client.reactions.remove({ channel: 'C0INCIDENTS', timestamp: ts, name: 'eyes' });
    expect(
      (await slackError(client.reactions.remove({ channel: 'C0INCIDENTS', timestamp: ts, name: 'eyes' }))).error,
    ).toBe('no_reaction');
    expect(emulator.workspace.message('C0INCIDENTS', ts)?.reactions).toEqual([
      { name: 'eyes', users: ['U0ALICE'], count: 1 },
    ]);
    expect(
      (await slackError(client.reactions.add({ channel: 'C0INCIDENTS', timestamp: ts, name: 'bad name' }))).error,
    ).toBe('invalid_name');
  });
});

describe('bookmarks', () => {
  it('adds, edits, lists and removes link bookmarks', async () => {
    const added = await client.bookmarks.add({
      channel_id: 'C0INCIDENTS',
      title: 'Runbook',
      type: 'link',
      link: 'https://runbooks.example.com/db',
    });
    expect(added.bookmark).toMatchObject({
      id: expect.stringMatching(/^Bk/),
      title: 'Runbook',
      link: 'https://runbooks.example.com/db',
      type: 'link',
      channel_id: 'C0INCIDENTS',
    });
    const id = added.bookmark!.id!;
    await client.bookmarks.edit({ channel_id: 'C0INCIDENTS', bookmark_id: id, title: 'DB runbook' });
    expect(emulator.workspace.bookmarks('C0INCIDENTS').map((b) => b.title)).toEqual(['DB runbook']);
    expect((await client.bookmarks.list({ channel_id: 'C0INCIDENTS' })).bookmarks).toHaveLength(1);
    expect(
      (await slackError(client.bookmarks.add({ channel_id: 'C0INCIDENTS', title: 'x', type: 'link', link: 'ftp://x' })))
        .error,
    ).toBe('invalid_link');
    expect(
      (
        await slackError(
          client.bookmarks.add({ channel_id: 'C0INCIDENTS', title: 'x', type: 'file' as 'link', link: 'https://x' }),
        )
      ).error,
    ).toBe('invalid_bookmark_type');
    expect(
      (await slackError(client.bookmarks.edit({ channel_id: 'C0INCIDENTS', bookmark_id: 'Bk0', title: 'x' }))).error,
    ).toBe('not_found');
    expect(
      (await slackError(client.bookmarks.add({ channel_id: 'C0GENERAL', title: 'x', type: 'link', link: 'https://x' })))
        .error,
    ).toBe('not_in_channel');
    await client.bookmarks.remove({ channel_id: 'C0INCIDENTS', bookmark_id: id });
    expect(emulator.workspace.bookmarks('C0INCIDENTS')).toEqual([]);
  });
});
