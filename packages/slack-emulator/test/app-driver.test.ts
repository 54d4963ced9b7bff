import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, verifySlackSignature } from '../src/index.ts';
import {
  clientFor,
  emulatorForTest,
  type FakeAnswer,
  manualClock,
  type ReceivedRequest,
  startFakeApp,
} from './helpers.ts';

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;
let answer: (request: ReceivedRequest) => FakeAnswer;
const clock = manualClock(Date.now());

beforeEach(async () => {
  answer = () => ({});
  app = await startFakeApp((request) => answer(request));
  emulator = await emulatorForTest({ appUrl: app.url, clock: clock.now });
});
afterEach(async () => {
  await emulator.close();
  await app.close();
});

function expectValidSignature(request: ReceivedRequest, secret = emulator.signingSecret) {
  const timestamp = String(request.headers['x-slack-request-timestamp']);
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${request.rawBody}`).digest('hex')}`;
  expect(request.headers['x-slack-signature']).toBe(expected);
  expect(Number(timestamp)).toBe(Math.floor(clock.now() / 1000));
}

async function postCard(blocks: unknown[]) {
  return clientFor(emulator).chat.postMessage({ channel: 'C0INCIDENTS', text: 'card', blocks: blocks as never });
}

describe('signing', () => {
  it('signs every request with v0 HMAC-SHA256 over the raw body', async () => {
    await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'help' });
    await emulator.event({ type: 'app_home_opened', user: 'U0ALICE' });
    for (const request of app.requests) expectValidSignature(request);
    const last = app.last();
    expect(
      verifySlackSignature({
        signingSecret: emulator.signingSecret,
        signature: String(last.headers['x-slack-signature']),
        timestamp: String(last.headers['x-slack-request-timestamp']),
        rawBody: last.rawBody,
        nowSeconds: Math.floor(clock.now() / 1000),
      }),
    ).toBe(true);
  });

  it('can send bad signatures on purpose', async () => {
    await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' }, { signingSecret: 'wrong' });
    expect(() => expectValidSignature(app.last())).toThrow();
    expectValidSignature(app.last(), 'wrong');
    await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' }, { timestamp: 1000 });
    expect(app.last().headers['x-slack-request-timestamp']).toBe('1000');
    await emulator.slashCommand(
      { userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'a' },
      { tamper: (raw) => raw.replace('text=a', 'text=b') },
    );
    expect(app.last().body.text).toBe('b');
    expect(() => expectValidSignature(app.last())).toThrow();
    await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' }, { omitHeaders: true });
    expect(app.last().headers['x-slack-signature']).toBeUndefined();
  });

  it('gives up after the ack deadline like Slack', async () => {
    answer = () => ({ delayMs: 300 });
    const result = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' }, { deadlineMs: 100 });
    expect(result).toMatchObject({ status: 0, timedOut: true });
  });
});

describe('slash commands and response_url', () => {
  it('sends Slack’s form fields and shows a non-empty ack as an ephemeral reply', async () => {
    answer = () => ({ body: { text: 'Declaring…' } });
    const result = await emulator.slashCommand({
      userId: 'U0ALICE',
      channelId: 'C0GENERAL',
      text: 'declare sev1 DB down',
    });
    expect(app.last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(app.last().body).toEqual({
      token: expect.any(String),
      team_id: 'T0FIREBRK',
      team_domain: 'firebreak-demo',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/incident',
      text: 'declare sev1 DB down',
      api_app_id: 'A0FIREBRK',
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl).toMatch(new RegExp(`^${emulator.baseUrl}/response/`));
    expect(result.json).toEqual({ text: 'Declaring…' });
    expect(emulator.workspace.responses()).toEqual([
      expect.objectContaining({
        via: 'ack',
        userId: 'U0ALICE',
        channelId: 'C0GENERAL',
        responseType: 'ephemeral',
        text: 'Declaring…',
      }),
    ]);
  });

  it('refuses commands from non-members', async () => {
    emulator.workspace.addUser({ name: 'newbie', id: 'U0NEW' });
    await expect(emulator.slashCommand({ userId: 'U0NEW', channelId: 'C0GENERAL' })).rejects.toThrow(/not_in_channel/);
  });

  it('applies response_url posts and allows 5 uses', async () => {
    const { responseUrl } = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL' });
    const post = (body: unknown) =>
      fetch(responseUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'only you' })).status).toBe(200);
    expect((await post({ response_type: 'in_channel', text: 'everyone' })).status).toBe(200);
    expect(emulator.workspace.messages('C0GENERAL').map((m) => [m.text, m.user])).toEqual([['everyone', 'U0FBBOT']]);
    const bad = await post({ blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_blocks' });
    expect((await post({ text: '3' })).status).toBe(200);
    expect((await post({ text: '4' })).status).toBe(200);
    const used = await post({ text: '6' });
    expect(used.status).toBe(404);
    expect(await used.json()).toEqual({ ok: false, error: 'used_url' });
    expect(
      emulator.workspace
        .responses()
        .filter((r) => r.via === 'response_url')
        .map((r) => r.responseType),
    ).toEqual(['ephemeral', 'in_channel', 'ephemeral', 'ephemeral']);
  });

  it('expires response_urls after 30 minutes', async () => {
    const { responseUrl } = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL' });
    clock.advance(30 * 60 * 1000 + 1);
    const late = await fetch(responseUrl!, { method: 'POST', body: JSON.stringify({ text: 'late' }) });
    expect(late.status).toBe(404);
    expect(await late.json()).toEqual({ ok: false, error: 'expired_url' });
  });
});

describe('block actions', () => {
  const blocks = [
    {
      type: 'section',
      block_id: 'status',
      text: { type: 'mrkdwn', text: 'INC-1' },
      accessory: {
        type: 'overflow',
        action_id: 'more',
        options: [
          { text: { type: 'plain_text', text: 'Resolve' }, value: 'resolve' },
          { text: { type: 'plain_text', text: 'Close' }, value: 'close' },
        ],
      },
    },
    {
      type: 'actions',
      block_id: 'buttons',
      elements: [
        {
          type: 'button',
          action_id: 'ack',
          text: { type: 'plain_text', text: 'Acknowledge' },
          value: 'inc-1',
          style: 'primary',
        },
        {
          type: 'static_select',
          action_id: 'severity',
          placeholder: { type: 'plain_text', text: 'Severity' },
          options: [{ text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' }],
        },
        { type: 'users_select', action_id: 'assign' },
      ],
    },
  ];

  it('sends block_actions with the message, container and a working response_url', async () => {
    const card = await postCard(blocks);
    const result = await emulator.clickButton({
      userId: 'U0BOB',
      channelId: 'C0INCIDENTS',
      messageTs: card.ts!,
      actionId: 'ack',
    });
    const payload = app.last().body;
    expect(payload).toMatchObject({
      type: 'block_actions',
      api_app_id: 'A0FIREBRK',
      user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0FIREBRK' },
      container: { type: 'message', message_ts: card.ts, channel_id: 'C0INCIDENTS', is_ephemeral: false },
      team: { id: 'T0FIREBRK', domain: 'firebreak-demo' },
      channel: { id: 'C0INCIDENTS', name: 'incidents' },
      message: { ts: card.ts, text: 'card' },
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
      actions: [
        {
          type: 'button',
          action_id: 'ack',
          block_id: 'buttons',
          value: 'inc-1',
          style: 'primary',
          text: { type: 'plain_text', text: 'Acknowledge' },
          action_ts: expect.any(String),
        },
      ],
    });
    await fetch(result.responseUrl!, {
      method: 'POST',
      body: JSON.stringify({ replace_original: true, text: 'acked', blocks: [] }),
    });
    expect(emulator.workspace.message('C0INCIDENTS', card.ts!)).toMatchObject({
      text: 'acked',
      edited: expect.any(Object),
    });
    expect(emulator.workspace.message('C0INCIDENTS', card.ts!)?.blocks).toBeUndefined();
    await fetch(result.responseUrl!, { method: 'POST', body: JSON.stringify({ delete_original: true }) });
    expect(emulator.workspace.message('C0INCIDENTS', card.ts!)).toBeUndefined();
  });

  it('describes selects, overflow menus and user pickers like Slack', async () => {
    const card = await postCard(blocks);
    const base = { userId: 'U0BOB', channelId: 'C0INCIDENTS', messageTs: card.ts! };
    await emulator.clickButton({ ...base, actionId: 'severity', selectedValue: 'sev1' });
    expect(app.last().body.actions[0]).toMatchObject({
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' },
    });
    await emulator.clickButton({ ...base, actionId: 'more', selectedValue: 'close' });
    expect(app.last().body.actions[0]).toMatchObject({
      type: 'overflow',
      block_id: 'status',
      selected_option: { value: 'close' },
    });
    await emulator.clickButton({ ...base, actionId: 'assign', selectedValue: 'U0CAROL' });
    expect(app.last().body.actions[0]).toMatchObject({ type: 'users_select', selected_user: 'U0CAROL' });
  });

  it('throws when the UI has no such element or option', async () => {
    const card = await postCard(blocks);
    const base = { userId: 'U0BOB', channelId: 'C0INCIDENTS', messageTs: card.ts! };
    await expect(emulator.clickButton({ ...base, actionId: 'resolve' })).rejects.toThrow(
      /no element with action_id 'resolve'/,
    );
    await expect(emulator.clickButton({ ...base, actionId: 'ack', value: 'inc-2' })).rejects.toThrow(
      /with value 'inc-2'/,
    );
    await expect(emulator.clickButton({ ...base, actionId: 'severity', selectedValue: 'sev9' })).rejects.toThrow(
      /no option with value 'sev9'/,
    );
    await expect(emulator.clickButton({ ...base, actionId: 'severity' })).rejects.toThrow(/needs selectedValue/);
    await expect(emulator.clickButton({ ...base, messageTs: '1.000001', actionId: 'ack' })).rejects.toThrow(
      /not found/,
    );
    expect(app.requests).toHaveLength(0);
  });

  it('clicks buttons in ephemeral messages', async () => {
    await clientFor(emulator).chat.postEphemeral({
      channel: 'C0INCIDENTS',
      user: 'U0BOB',
      text: 'sure?',
      blocks: blocks as never,
    });
    const [ephemeral] = emulator.workspace.ephemerals('C0INCIDENTS', 'U0BOB');
    await emulator.clickButton({
      userId: 'U0BOB',
      channelId: 'C0INCIDENTS',
      messageTs: ephemeral!.message_ts,
      actionId: 'ack',
    });
    expect(app.last().body.container).toMatchObject({ is_ephemeral: true });
    expect(app.last().body.message).toBeUndefined();
  });
});

describe('shortcuts', () => {
  it('sends message_action and shortcut payloads', async () => {
    const { ts } = await emulator.userSays({
      userId: 'U0ALICE',
      channelId: 'C0INCIDENTS',
      text: 'checkout is failing',
    });
    const result = await emulator.messageShortcut({
      userId: 'U0BOB',
      channelId: 'C0INCIDENTS',
      messageTs: ts,
      callbackId: 'declare_from_message',
    });
    expect(app.last().body).toMatchObject({
      type: 'message_action',
      callback_id: 'declare_from_message',
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
      message_ts: ts,
      message: { text: 'checkout is failing', user: 'U0ALICE' },
      channel: { id: 'C0INCIDENTS', name: 'incidents' },
      user: { id: 'U0BOB' },
      team: { id: 'T0FIREBRK' },
    });
    const global = await emulator.globalShortcut({ userId: 'U0CAROL', callbackId: 'declare' });
    expect(app.last().body).toMatchObject({
      type: 'shortcut',
      callback_id: 'declare',
      trigger_id: global.triggerId,
      user: { id: 'U0CAROL', username: 'carol' },
    });
  });
});

describe('events', () => {
  it('wraps events in an event_callback envelope with retry headers on request', async () => {
    const first = await emulator.event({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home' });
    const envelope = app.last().body;
    expect(app.last().headers['content-type']).toBe('application/json');
    expect(envelope).toMatchObject({
      token: expect.any(String),
      team_id: 'T0FIREBRK',
      api_app_id: 'A0FIREBRK',
      type: 'event_callback',
      event_id: first.eventId,
      event_time: Math.floor(clock.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0ALICE' },
      authorizations: [{ team_id: 'T0FIREBRK', user_id: 'U0FBBOT', is_bot: true }],
      event_context: expect.any(String),
    });
    expect(first.eventId).toMatch(/^Ev/);
    expect(app.last().headers['x-slack-retry-num']).toBeUndefined();
    await emulator.event(
      { type: 'app_home_opened', user: 'U0ALICE' },
      { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' },
    );
    expect(app.last().body.event_id).toBe(first.eventId);
    expect(app.last().headers['x-slack-retry-num']).toBe('1');
    expect(app.last().headers['x-slack-retry-reason']).toBe('http_timeout');
  });

  it('does the url_verification handshake', async () => {
    answer = (request) => ({ body: { challenge: request.body.challenge } });
    const result = await emulator.urlVerification();
    expect(app.last().body).toMatchObject({ type: 'url_verification', challenge: result.challenge });
    expect(result.verified).toBe(true);
  });
});

describe('people acting in channels', () => {
  it('userSays stores the message and sends message (and app_mention) events', async () => {
    const said = await emulator.userSays({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'hey <@U0FBBOT> help' });
    expect(emulator.workspace.message('C0INCIDENTS', said.ts)).toMatchObject({
      user: 'U0ALICE',
      text: 'hey <@U0FBBOT> help',
    });
    const [message, mention] = app.requests.map((r) => r.body.event);
    expect(message).toMatchObject({
      type: 'message',
      channel: 'C0INCIDENTS',
      user: 'U0ALICE',
      ts: said.ts,
      event_ts: said.ts,
      channel_type: 'channel',
      client_msg_id: expect.any(String),
    });
    expect(mention).toMatchObject({ type: 'app_mention', ts: said.ts, user: 'U0ALICE' });
    expect(said.response?.status).toBe(200);
    const reply = await emulator.userSays({
      userId: 'U0BOB',
      channelId: 'C0INCIDENTS',
      text: 'in thread',
      threadTs: said.ts,
    });
    expect(app.last().body.event).toMatchObject({ thread_ts: said.ts, parent_user_id: 'U0ALICE', ts: reply.ts });
  });

  it('sends nothing for channels the bot is not in, and refuses non-members', async () => {
    const said = await emulator.userSays({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'hello' });
    expect(said.response).toBeNull();
    expect(app.requests).toHaveLength(0);
    const secret = emulator.workspace.addChannel({ name: 'secret', isPrivate: true, members: ['U0ALICE', 'U0FBBOT'] });
    await expect(emulator.userSays({ userId: 'U0BOB', channelId: secret.id, text: 'x' })).rejects.toThrow(
      /not_in_channel/,
    );
    await emulator.userSays({ userId: 'U0ALICE', channelId: secret.id, text: 'x' });
    expect(app.last().body.event.channel_type).toBe('group');
  });

  it('sends message_changed, message_deleted, reaction_added and member_joined_channel', async () => {
    const { ts } = await emulator.userSays({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'typo' });
    await emulator.userEdits({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', ts, text: 'fixed' });
    expect(app.last().body.event).toMatchObject({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C0INCIDENTS',
      message: { ts, text: 'fixed', edited: { user: 'U0ALICE' } },
      previous_message: { text: 'typo' },
    });
    await emulator.userReacts({ userId: 'U0BOB', channelId: 'C0INCIDENTS', ts, name: 'eyes' });
    expect(app.last().body.event).toMatchObject({
      type: 'reaction_added',
      user: 'U0BOB',
      reaction: 'eyes',
      item_user: 'U0ALICE',
      item: { type: 'message', channel: 'C0INCIDENTS', ts },
    });
    await emulator.userDeletes({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', ts });
    expect(app.last().body.event).toMatchObject({
      type: 'message',
      subtype: 'message_deleted',
      deleted_ts: ts,
      previous_message: { text: 'fixed' },
    });
    await expect(
      emulator.userEdits({
        userId: 'U0BOB',
        channelId: 'C0INCIDENTS',
        ts: (await emulator.userSays({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'a' })).ts,
        text: 'b',
      }),
    ).rejects.toThrow(/cant_update_message/);
    const newcomer = emulator.workspace.addUser({ name: 'erin' });
    await emulator.userJoins({ userId: newcomer.id, channelId: 'C0INCIDENTS' });
    expect(app.last().body.event).toMatchObject({
      type: 'member_joined_channel',
      user: newcomer.id,
      channel: 'C0INCIDENTS',
      channel_type: 'C',
    });
    expect(emulator.workspace.isMember('C0INCIDENTS', newcomer.id)).toBe(true);
  });
});
