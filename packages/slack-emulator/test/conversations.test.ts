import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { clientFor, emulatorForTest, manualClock, slackError } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
const clock = manualClock();
beforeEach(async () => {
  emulator = await emulatorForTest({ clock: clock.now });
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

describe('conversations.create', () => {
  it('creates a channel the bot is in, with Slack’s channel object', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-42-db-down', is_private: false });
    expect(channel).toMatchObject({
      name: 'inc-42-db-down',
      is_channel: true,
      is_private: false,
      is_archived: false,
      creator: 'U0FBBOT',
      is_member: true,
      num_members: 1,
    });
    expect(channel?.id).toMatch(/^C[A-Z0-9]{8,}$/);
    expect(channel?.created).toBe(Math.floor(clock.now() / 1000));
    expect(channel?.topic).toEqual({ value: '', creator: '', last_set: 0 });
    expect(emulator.workspace.channelByName('inc-42-db-down')?.members).toEqual(['U0FBBOT']);
    const secret = await client.conversations.create({ name: 'inc-secret', is_private: true });
    expect(secret.channel?.is_private).toBe(true);
  });

  it.each([
    ['', 'invalid_name_required'],
    ['Inc-42', 'invalid_name_specials'],
    ['inc 42', 'invalid_name_specials'],
    ['inc.42', 'invalid_name_specials'],
    ['---', 'invalid_name_punctuation'],
    ['x'.repeat(81), 'invalid_name_maxlength'],
    ['general', 'name_taken'],
  ])('rejects %j with %s', async (name, error) => {
    expect(await slackError(client.conversations.create({ name }))).toMatchObject({ ok: false, error });
  });

  it('accepts 80 characters, digits, hyphens and underscores', async () => {
    const name = `a_1-${'b'.repeat(76)}`;
    expect((await client.conversations.create({ name })).channel?.name).toBe(name);
  });

  it('treats the names of archived channels as taken', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-old' });
    await client.conversations.archive({ channel: channel!.id! });
    expect((await slackError(client.conversations.create({ name: 'inc-old' }))).error).toBe('name_taken');
  });
});

describe('visibility and membership', () => {
  it('hides private channels the bot is not in and refuses history of public ones it is not in', async () => {
    const secret = emulator.workspace.addChannel({ name: 'secret', isPrivate: true, members: ['U0ALICE'] });
    expect((await slackError(client.conversations.info({ channel: secret.id }))).error).toBe('channel_not_found');
    expect((await slackError(client.chat.postMessage({ channel: secret.id, text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    expect((await client.conversations.info({ channel: 'C0GENERAL' })).channel?.is_member).toBe(false);
    expect((await slackError(client.conversations.history({ channel: 'C0GENERAL' }))).error).toBe('not_in_channel');
    expect((await slackError(client.conversations.info({ channel: 'C0MISSING' }))).error).toBe('channel_not_found');
  });

  it('lists public channels, and private ones only where the bot is a member', async () => {
    emulator.workspace.addChannel({ name: 'hidden', isPrivate: true, members: ['U0ALICE'] });
    emulator.workspace.addChannel({ name: 'visible', isPrivate: true, members: ['U0FBBOT'] });
    const publicOnly = await client.conversations.list();
    expect(publicOnly.channels?.map((c) => c.name)).toEqual(['general', 'incidents']);
    const all = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(all.channels?.map((c) => c.name)).toEqual(['general', 'incidents', 'visible']);
    const page = await client.conversations.list({ types: 'public_channel,private_channel', limit: 2 });
    expect(page.channels).toHaveLength(2);
    const next = await client.conversations.list({
      types: 'public_channel,private_channel',
      limit: 2,
      cursor: page.response_metadata?.next_cursor,
    });
    expect(next.channels?.map((c) => c.name)).toEqual(['visible']);
  });

  it('excludes archived channels when asked', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-done' });
    await client.conversations.archive({ channel: channel!.id! });
    expect((await client.conversations.list()).channels?.map((c) => c.name)).toContain('inc-done');
    expect((await client.conversations.list({ exclude_archived: true })).channels?.map((c) => c.name)).not.toContain(
      'inc-done',
    );
  });

  it('joins public channels only', async () => {
    const joined = await client.conversations.join({ channel: 'C0GENERAL' });
    expect(joined.channel?.is_member).toBe(true);
    const again = await client.conversations.join({ channel: 'C0GENERAL' });
    expect(again.warning).toBe('already_in_channel');
    const mine = emulator.workspace.addChannel({ name: 'mine', isPrivate: true, members: ['U0FBBOT'] });
    expect((await slackError(client.conversations.join({ channel: mine.id }))).error).toBe(
      'method_not_supported_for_channel_type',
    );
  });

  it('lists members with pagination', async () => {
    const first = await client.conversations.members({ channel: 'C0INCIDENTS', limit: 3 });
    expect(first.members).toEqual(['U0ALICE', 'U0BOB', 'U0CAROL']);
    const rest = await client.conversations.members({
      channel: 'C0INCIDENTS',
      cursor: first.response_metadata?.next_cursor,
    });
    expect(rest.members).toEqual(['U0DAVE', 'U0FBBOT']);
  });
});

describe('conversations.invite and kick', () => {
  it('invites users and reports Slack’s errors', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-1' });
    const id = channel!.id!;
    const invited = await client.conversations.invite({ channel: id, users: 'U0ALICE,U0BOB' });
    expect((invited.channel as { num_members?: number } | undefined)?.num_members).toBe(3);
    expect((await slackError(client.conversations.invite({ channel: id, users: 'U0ALICE' }))).error).toBe(
      'already_in_channel',
    );
    expect((await client.conversations.invite({ channel: id, users: 'U0ALICE,U0CAROL' })).ok).toBe(true);
    expect(emulator.workspace.channel(id)?.members).toEqual(['U0FBBOT', 'U0ALICE', 'U0BOB', 'U0CAROL']);
    expect((await slackError(client.conversations.invite({ channel: id, users: 'U0FBBOT' }))).error).toBe(
      'cant_invite_self',
    );
    expect((await slackError(client.conversations.invite({ channel: id, users: 'U0NOPE' }))).error).toBe(
      'user_not_found',
    );
    const many = Array.from({ length: 101 }, (_, i) => `U${i}`).join(',');
    expect((await slackError(client.conversations.invite({ channel: id, users: many }))).error).toBe('too_many_users');
    expect((await slackError(client.conversations.invite({ channel: 'C0GENERAL', users: 'U0ALICE' }))).error).toBe(
      'not_in_channel',
    );
  });

  it('kicks members', async () => {
    await client.conversations.kick({ channel: 'C0INCIDENTS', user: 'U0DAVE' });
    expect(emulator.workspace.isMember('C0INCIDENTS', 'U0DAVE')).toBe(false);
    expect((await slackError(client.conversations.kick({ channel: 'C0INCIDENTS', user: 'U0DAVE' }))).error).toBe(
      'not_in_channel',
    );
    expect((await slackError(client.conversations.kick({ channel: 'C0INCIDENTS', user: 'U0FBBOT' }))).error).toBe(
      'cant_kick_self',
    );
  });
});

describe('topic, purpose, archive, rename', () => {
  it('sets topic and purpose with the 250-character limit', async () => {
    clock.advance(1000);
    const { channel } = await client.conversations.setTopic({ channel: 'C0INCIDENTS', topic: 'SEV1 · Investigating' });
    expect(channel?.topic).toEqual({
      value: 'SEV1 · Investigating',
      creator: 'U0FBBOT',
      last_set: Math.floor(clock.now() / 1000),
    });
    await client.conversations.setPurpose({ channel: 'C0INCIDENTS', purpose: 'Incident response' });
    expect(emulator.workspace.channel('C0INCIDENTS')?.purpose.value).toBe('Incident response');
    expect(
      (await slackError(client.conversations.setTopic({ channel: 'C0INCIDENTS', topic: 'x'.repeat(251) }))).error,
    ).toBe('too_long');
    expect((await slackError(client.conversations.setTopic({ channel: 'C0GENERAL', topic: 'x' }))).error).toBe(
      'not_in_channel',
    );
  });

  it('archives and unarchives, blocking writes while archived', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-2' });
    const id = channel!.id!;
    await client.conversations.archive({ channel: id });
    expect(emulator.workspace.channel(id)?.is_archived).toBe(true);
    expect((await slackError(client.conversations.archive({ channel: id }))).error).toBe('already_archived');
    expect((await slackError(client.chat.postMessage({ channel: id, text: 'x' }))).error).toBe('is_archived');
    expect((await slackError(client.conversations.setTopic({ channel: id, topic: 'x' }))).error).toBe('is_archived');
    expect((await slackError(client.conversations.invite({ channel: id, users: 'U0ALICE' }))).error).toBe(
      'is_archived',
    );
    await client.conversations.unarchive({ channel: id });
    expect((await slackError(client.conversations.unarchive({ channel: id }))).error).toBe('not_archived');
    expect((await client.chat.postMessage({ channel: id, text: 'back' })).ok).toBe(true);
  });

  it('renames with the channel-name rules', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-3' });
    const renamed = await client.conversations.rename({ channel: channel!.id!, name: 'inc-3-resolved' });
    expect(renamed.channel?.name).toBe('inc-3-resolved');
    expect((await slackError(client.conversations.rename({ channel: channel!.id!, name: 'incidents' }))).error).toBe(
      'name_taken',
    );
    expect((await slackError(client.conversations.rename({ channel: channel!.id!, name: 'Bad Name' }))).error).toBe(
      'invalid_name_specials',
    );
  });
});

describe('history and replies', () => {
  it('returns newest first with ranges, pagination and metadata on request', async () => {
    const posted: string[] = [];
    for (const text of ['one', 'two', 'three', 'four']) {
      clock.advance(1000);
      posted.push(
        (
          await client.chat.postMessage({
            channel: 'C0INCIDENTS',
            text,
            metadata: { event_type: 'incident_update', event_payload: { n: text } },
          })
        ).ts!,
      );
    }
    const all = await client.conversations.history({ channel: 'C0INCIDENTS' });
    expect(all.messages?.map((m) => m.text)).toEqual(['four', 'three', 'two', 'one']);
    expect(all.messages?.[0]).not.toHaveProperty('metadata');
    const withMetadata = await client.conversations.history({
      channel: 'C0INCIDENTS',
      include_all_metadata: true,
      limit: 1,
    });
    expect(withMetadata.messages?.[0]?.metadata).toEqual({
      event_type: 'incident_update',
      event_payload: { n: 'four' },
    });
    expect(withMetadata.has_more).toBe(true);
    const page2 = await client.conversations.history({
      channel: 'C0INCIDENTS',
      limit: 1,
      cursor: withMetadata.response_metadata?.next_cursor,
    });
    expect(page2.messages?.[0]?.text).toBe('three');
    const range = await client.conversations.history({ channel: 'C0INCIDENTS', oldest: posted[0], latest: posted[2] });
    expect(range.messages?.map((m) => m.text)).toEqual(['two']);
    const inclusive = await client.conversations.history({
      channel: 'C0INCIDENTS',
      oldest: posted[0],
      latest: posted[2],
      inclusive: true,
    });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['three', 'two', 'one']);
  });

  it('returns a thread oldest first with the parent, and thread_not_found', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'parent' });
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'r1', thread_ts: parent.ts });
    await emulator.userSays({ userId: 'U0BOB', channelId: 'C0INCIDENTS', text: 'r2', threadTs: parent.ts! });
    const thread = await client.conversations.replies({ channel: 'C0INCIDENTS', ts: parent.ts! });
    expect(thread.messages?.map((m) => m.text)).toEqual(['parent', 'r1', 'r2']);
    expect(thread.messages?.[0]).toMatchObject({
      reply_count: 2,
      reply_users: ['U0FBBOT', 'U0BOB'],
      thread_ts: parent.ts,
    });
    expect(thread.messages?.[2]).toMatchObject({ parent_user_id: 'U0FBBOT', thread_ts: parent.ts });
    const history = await client.conversations.history({ channel: 'C0INCIDENTS' });
    expect(history.messages?.map((m) => m.text)).toEqual(['parent']);
    expect((await slackError(client.conversations.replies({ channel: 'C0INCIDENTS', ts: '123.456' }))).error).toBe(
      'thread_not_found',
    );
  });
});
