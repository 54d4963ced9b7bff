import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { clientFor, emulatorForTest, manualClock, slackError } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
const clock = manualClock(Date.UTC(2024, 10, 25, 10, 20, 0));
beforeEach(async () => {
  emulator = await emulatorForTest({ clock: clock.now });
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

describe('chat.postMessage', () => {
  it('posts as the bot with unique increasing ts, by channel id or name', async () => {
    const first = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'first' });
    const second = await client.chat.postMessage({ channel: '#incidents', text: 'second' });
    expect(first).toMatchObject({
      ok: true,
      channel: 'C0INCIDENTS',
      message: { text: 'first', user: 'U0FBBOT', bot_id: 'B0FBBOT', type: 'message' },
    });
    expect(second.channel).toBe('C0INCIDENTS');
    expect(first.ts).toMatch(/^1732530000\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(emulator.workspace.messages('C0INCIDENTS').map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('reports no_text, channel_not_found and not_in_channel', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C0INCIDENTS' } as never))).error).toBe('no_text');
    expect((await slackError(client.chat.postMessage({ channel: 'C0INCIDENTS', text: '', blocks: [] }))).error).toBe(
      'no_text',
    );
    expect((await slackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    expect((await slackError(client.chat.postMessage({ text: 'x' } as never))).error).toBe('channel_not_found');
    expect((await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).error).toBe(
      'not_in_channel',
    );
  });

  it('accepts blocks without text, assigns block ids, and truncates text past 40,000 characters', async () => {
    const withBlocks = await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      blocks: [{ type: 'divider' }, { type: 'divider', block_id: 'mine' }],
    } as never);
    expect(withBlocks.message?.text).toBe('');
    expect(withBlocks.message?.blocks?.map((b) => b.block_id)).toEqual([expect.stringMatching(/^\w{5}$/), 'mine']);
    const long = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x'.repeat(40_010) });
    expect(long.message?.text).toHaveLength(40_000);
  });

  it('threads replies, maps reply ts to the parent and broadcasts', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' });
    const reply = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'update 1', thread_ts: parent.ts });
    const nested = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'update 2', thread_ts: reply.ts });
    expect(nested.message?.thread_ts).toBe(parent.ts);
    await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      text: 'resolved',
      thread_ts: parent.ts!,
      reply_broadcast: true,
    });
    expect(emulator.workspace.replies('C0INCIDENTS', parent.ts!).map((m) => m.text)).toEqual([
      'update 1',
      'update 2',
      'resolved',
    ]);
    expect(emulator.workspace.messages('C0INCIDENTS').map((m) => [m.text, m.subtype])).toEqual([
      ['card', undefined],
      ['resolved', 'thread_broadcast'],
    ]);
    expect(emulator.workspace.message('C0INCIDENTS', parent.ts!)).toMatchObject({
      reply_count: 3,
      latest_reply: expect.any(String),
    });
    expect(
      (await slackError(client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x', thread_ts: '1.000001' }))).error,
    ).toBe('thread_not_found');
  });

  it('stores metadata and rejects malformed metadata', async () => {
    const posted = await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      text: 'x',
      metadata: { event_type: 'incident', event_payload: { id: 7 } },
    });
    expect(emulator.workspace.message('C0INCIDENTS', posted.ts!)?.metadata).toEqual({
      event_type: 'incident',
      event_payload: { id: 7 },
    });
    expect(
      (
        await slackError(
          client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x', metadata: { event_payload: {} } as never }),
        )
      ).error,
    ).toBe('invalid_metadata_format');
  });
});

describe('chat.postEphemeral', () => {
  it('delivers to members only', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0ALICE', text: 'only you' });
    expect(result.message_ts).toBeTruthy();
    expect(emulator.workspace.ephemerals('C0INCIDENTS', 'U0ALICE')).toEqual([
      expect.objectContaining({ text: 'only you', user: 'U0ALICE', message_ts: result.message_ts }),
    ]);
    expect(emulator.workspace.messages('C0INCIDENTS')).toHaveLength(0);
    emulator.workspace.addUser({ name: 'outsider', id: 'U0OUT' });
    expect(
      (await slackError(client.chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0OUT', text: 'x' }))).error,
    ).toBe('user_not_in_channel');
    expect(
      (await slackError(client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 'x' }))).error,
    ).toBe('not_in_channel');
  });
});

describe('chat.update, chat.delete, chat.getPermalink', () => {
  it('updates the bot’s own messages, keeping blocks that are not replaced', async () => {
    const posted = await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      text: 'v1',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'card v1' } }],
    });
    const updated = await client.chat.update({ channel: 'C0INCIDENTS', ts: posted.ts!, text: 'v2' });
    expect(updated).toMatchObject({ channel: 'C0INCIDENTS', ts: posted.ts, text: 'v2' });
    const stored = emulator.workspace.message('C0INCIDENTS', posted.ts!);
    expect(stored?.text).toBe('v2');
    expect(JSON.stringify(stored?.blocks)).toContain('card v1');
    expect(stored?.edited?.user).toBe('U0FBBOT');
    await client.chat.update({ channel: 'C0INCIDENTS', ts: posted.ts!, text: 'v3', blocks: [] });
    expect(emulator.workspace.message('C0INCIDENTS', posted.ts!)?.blocks).toBeUndefined();
  });

  it('refuses other people’s and unknown messages', async () => {
    const { ts } = await emulator.userSays({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'mine' });
    expect((await slackError(client.chat.update({ channel: 'C0INCIDENTS', ts, text: 'x' }))).error).toBe(
      'cant_update_message',
    );
    expect((await slackError(client.chat.delete({ channel: 'C0INCIDENTS', ts }))).error).toBe('cant_delete_message');
    expect((await slackError(client.chat.update({ channel: 'C0INCIDENTS', ts: '1.000002', text: 'x' }))).error).toBe(
      'message_not_found',
    );
  });

  it('deletes messages; a parent with replies becomes a tombstone', async () => {
    const lone = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'lone' });
    await client.chat.delete({ channel: 'C0INCIDENTS', ts: lone.ts! });
    expect(emulator.workspace.message('C0INCIDENTS', lone.ts!)).toBeUndefined();
    const parent = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'parent' });
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'reply', thread_ts: parent.ts });
    await client.chat.delete({ channel: 'C0INCIDENTS', ts: parent.ts! });
    expect(emulator.workspace.message('C0INCIDENTS', parent.ts!)).toMatchObject({
      subtype: 'tombstone',
      reply_count: 1,
    });
    expect((await slackError(client.chat.delete({ channel: 'C0INCIDENTS', ts: lone.ts! }))).error).toBe(
      'message_not_found',
    );
  });

  it('builds permalinks like Slack', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'parent' });
    const reply = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'reply', thread_ts: parent.ts });
    const link = await client.chat.getPermalink({ channel: 'C0INCIDENTS', message_ts: parent.ts! });
    expect(link.permalink).toBe(
      `https://firebreak-demo.slack.com/archives/C0INCIDENTS/p${parent.ts!.replace('.', '')}`,
    );
    const replyLink = await client.chat.getPermalink({ channel: 'C0INCIDENTS', message_ts: reply.ts! });
    expect(replyLink.permalink).toContain(`?thread_ts=${parent.ts}&cid=C0INCIDENTS`);
    expect((await slackError(client.chat.getPermalink({ channel: 'C0INCIDENTS', message_ts: '1.5' }))).error).toBe(
      'message_not_found',
    );
  });
});
