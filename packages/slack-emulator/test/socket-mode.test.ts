import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Emulator } from '../src/index.ts';
import { clientFor, emulatorForTest, waitFor as eventually } from './helpers.ts';

let emulator: Emulator;
const sockets: WebSocket[] = [];
beforeEach(async () => {
  emulator = await emulatorForTest();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await emulator.close();
});

type Message = Record<string, any>;

function connectionsOpen(init: { token?: string; body?: string; method?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const request: RequestInit = { method: init.method ?? 'POST', headers };
  if (request.method === 'POST') request.body = init.body ?? '';
  return fetch(`${emulator.apiUrl}apps.connections.open`, request).then(
    (response) => response.json() as Promise<Message>,
  );
}

/** A raw WebSocket client that keeps every message it receives, in order. */
async function connect(url?: string) {
  const target = url ?? (await connectionsOpen({ token: emulator.appToken })).url;
  const socket = new WebSocket(target);
  sockets.push(socket);
  const messages: Message[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = async (type: string) => {
    const found = await eventually(() => messages.find((message) => message.type === type && !message.seen));
    found.seen = true;
    return found;
  };
  const ack = (envelopeId: string, payload?: unknown) =>
    socket.send(
      JSON.stringify(payload === undefined ? { envelope_id: envelopeId } : { envelope_id: envelopeId, payload }),
    );
  return { socket, url: target, messages, next, ack };
}

/** Why the emulator refused a WebSocket handshake: the HTTP status it answered. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => reject(new Error('the handshake was accepted')));
    socket.on('error', () => {});
  });
}

describe('apps.connections.open', () => {
  it('takes the app-level token from the Authorization header, by POST, and returns a one-time WebSocket URL', async () => {
    expect(emulator.appToken).toBe('xapp-emulator-app-token');
    const opened = await connectionsOpen({ token: emulator.appToken });
    expect(opened.ok).toBe(true);
    expect(opened.url).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${emulator.port}/link/\\?ticket=[0-9a-f-]{36}&app_id=A0FIREBRK$`),
    );
    expect(await connectionsOpen({ token: emulator.botToken })).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await connectionsOpen({ token: 'xapp-someone-else' })).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await connectionsOpen()).toEqual({ ok: false, error: 'not_authed' });
    // Slack refuses the app-level token as a POST parameter.
    expect(await connectionsOpen({ body: `token=${emulator.appToken}` })).toEqual({ ok: false, error: 'not_authed' });
    expect(await connectionsOpen({ token: emulator.appToken, method: 'GET' })).toEqual({
      ok: false,
      error: 'insecure_request',
    });
    expect(JSON.stringify(emulator.calls)).not.toContain(emulator.appToken);
  });

  it('is the only method the app-level token opens', async () => {
    const asApp = clientFor(emulator, { token: emulator.appToken });
    await expect(asApp.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const viaSdk = await asApp.apps.connections.open();
    expect(viaSdk.url).toMatch(/^ws:\/\//);
  });

  it('accepts another app token when given one', async () => {
    const other = await emulatorForTest({ appToken: 'xapp-test-other-token' });
    try {
      const response = await fetch(`${other.apiUrl}apps.connections.open`, {
        method: 'POST',
        headers: { authorization: 'Bearer xapp-test-other-token' },
      });
      expect(await response.json()).toMatchObject({ ok: true });
    } finally {
      await other.close();
    }
  });
});

describe('the Socket Mode connection', () => {
  it('says hello, answers pings and pings the client', async () => {
    emulator.socketMode.pingIntervalMs = 20;
    const client = await connect();
    const hello = await client.next('hello');
    expect(hello).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: 'A0FIREBRK' },
      debug_info: { host: expect.any(String) },
    });
    expect(emulator.socketMode.connections).toBe(1);
    const pong = new Promise<string>((resolve) => client.socket.once('pong', (data) => resolve(data.toString())));
    client.socket.ping('are you there');
    expect(await pong).toBe('are you there');
    await new Promise<void>((resolve) => client.socket.once('ping', () => resolve()));
  });

  it('lets a ticket be used once, and only on its own path', async () => {
    const client = await connect();
    expect(await refusedStatus(client.url)).toBe(401);
    expect(await refusedStatus(`ws://127.0.0.1:${emulator.port}/link/?ticket=not-a-ticket`)).toBe(401);
    const fresh = (await connectionsOpen({ token: emulator.appToken })).url as string;
    expect(await refusedStatus(fresh.replace('/link/', '/elsewhere/'))).toBe(404);
    expect(emulator.socketMode.connections).toBe(1);
  });

  it('sends Slack’s disconnect message on request and forgets a closed connection', async () => {
    const client = await connect();
    expect(emulator.socketMode.requestDisconnect()).toBe(1);
    expect(await client.next('disconnect')).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    client.socket.close(1000);
    await eventually(() => emulator.socketMode.connections === 0);
    // No connection and no app URL: nowhere to send a command.
    await expect(emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'help' })).rejects.toThrow(
      /appUrl is not set/,
    );
  });

  it('closes open connections when the emulator closes', async () => {
    const client = await connect();
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    await emulator.close();
    expect(await closed).toBeGreaterThan(0);
  });
});

describe('delivering requests over the socket', () => {
  it('sends a slash command as an envelope and hands back the acknowledgement as the app’s answer', async () => {
    const client = await connect();
    const reply = emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'declare sev1 DB down' });
    const envelope = await client.next('slash_commands');
    expect(envelope).toMatchObject({
      envelope_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      accepts_response_payload: true,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        command: '/incident',
        text: 'declare sev1 DB down',
        user_id: 'U0ALICE',
        channel_id: 'C0INCIDENTS',
        team_id: 'T0FIREBRK',
        api_app_id: 'A0FIREBRK',
        trigger_id: expect.any(String),
        response_url: expect.any(String),
      },
    });
    client.ack(envelope.envelope_id, { text: 'Declaring *SEV1*' });
    const result = await reply;
    expect(result).toMatchObject({
      status: 200,
      json: { text: 'Declaring *SEV1*' },
      body: JSON.stringify({ text: 'Declaring *SEV1*' }),
    });
    expect(result.timedOut).toBeUndefined();
    expect(emulator.workspace.responses()).toEqual([
      expect.objectContaining({ via: 'ack', userId: 'U0ALICE', text: 'Declaring *SEV1*', responseType: 'ephemeral' }),
    ]);
    expect(emulator.socketMode.deliveries).toEqual([
      { envelopeId: envelope.envelope_id, type: 'slash_commands', retryAttempt: 0, outcome: 'acked' },
    ]);
  });

  it('treats an empty acknowledgement like an empty HTTP answer', async () => {
    const client = await connect();
    const reply = emulator.globalShortcut({ userId: 'U0BOB', callbackId: 'declare_shortcut' });
    const envelope = await client.next('interactive');
    expect(envelope).toMatchObject({
      accepts_response_payload: false,
      payload: { type: 'shortcut', callback_id: 'declare_shortcut', user: { id: 'U0BOB' } },
    });
    client.ack(envelope.envelope_id, {});
    expect(await reply).toMatchObject({ status: 200, body: '' });
    expect((await reply).json).toBeUndefined();
  });

  it('applies a view submission’s response_action from the acknowledgement', async () => {
    const client = await connect();
    const command = emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' });
    client.ack((await client.next('slash_commands')).envelope_id);
    const { triggerId } = await command;
    const view = {
      type: 'modal',
      callback_id: 'form',
      title: { type: 'plain_text', text: 'Form' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'title',
          label: { type: 'plain_text', text: 'Title' },
          element: { type: 'plain_text_input', action_id: 'title' },
        },
      ],
    };
    const viewId = (await clientFor(emulator).views.open({ trigger_id: triggerId, view: view as never })).view!.id!;
    const submitted = emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'x' } });
    const envelope = await client.next('interactive');
    expect(envelope).toMatchObject({
      accepts_response_payload: true,
      payload: {
        type: 'view_submission',
        view: { id: viewId, state: { values: { title: { title: { value: 'x' } } } } },
      },
    });
    client.ack(envelope.envelope_id, { response_action: 'errors', errors: { title: 'Too short' } });
    expect(await submitted).toMatchObject({ status: 200, outcome: 'errors' });
    expect(emulator.workspace.view(viewId)).toMatchObject({ isOpen: true, errors: { title: 'Too short' } });
  });

  it('sends events as events_api envelopes, retries with retry_attempt and retry_reason', async () => {
    const client = await connect();
    const event = {
      type: 'reaction_added',
      user: 'U0BOB',
      reaction: 'eyes',
      item: { type: 'message', channel: 'C0INCIDENTS', ts: '1700000000.000100' },
    };
    const first = emulator.event(event, { eventId: 'EvONE' });
    const delivered = await client.next('events_api');
    expect(delivered).toMatchObject({
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: { type: 'event_callback', event_id: 'EvONE', event },
    });
    client.ack(delivered.envelope_id);
    expect(await first).toMatchObject({ status: 200, body: '', eventId: 'EvONE' });
    const retry = emulator.event(event, { eventId: 'EvONE', retryNum: 2, retryReason: 'timeout' });
    const retried = await client.next('events_api');
    expect(retried).toMatchObject({ retry_attempt: 2, retry_reason: 'timeout', payload: { event_id: 'EvONE' } });
    expect(retried.envelope_id).not.toBe(delivered.envelope_id);
    client.ack(retried.envelope_id);
    expect((await retry).status).toBe(200);
  });

  it('delivers what people say in channels the bot is in', async () => {
    const client = await connect();
    const said = emulator.userSays({ userId: 'U0BOB', channelId: 'C0INCIDENTS', text: 'looking' });
    const envelope = await client.next('events_api');
    expect(envelope.payload.event).toMatchObject({
      type: 'message',
      text: 'looking',
      user: 'U0BOB',
      channel: 'C0INCIDENTS',
    });
    client.ack(envelope.envelope_id);
    expect((await said).response).toMatchObject({ status: 200 });
  });

  it('times out an envelope the app does not acknowledge, and ignores a late acknowledgement', async () => {
    const client = await connect();
    const reply = emulator.slashCommand(
      { userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'help' },
      { deadlineMs: 200 },
    );
    const envelope = await client.next('slash_commands');
    const result = await reply;
    expect(result).toMatchObject({ status: 0, body: '', timedOut: true });
    client.ack(envelope.envelope_id, { text: 'too late' });
    // The late acknowledgement changes nothing; the next envelope still works.
    const next = emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'help' });
    client.ack((await client.next('slash_commands')).envelope_id, { text: 'on time' });
    expect((await next).json).toEqual({ text: 'on time' });
    expect(emulator.socketMode.deliveries.map((d) => d.outcome)).toEqual(['timed_out', 'acked']);
    expect(emulator.workspace.responses().map((r) => r.text)).toEqual(['on time']);
  });

  it('refuses HTTP signature options, which Socket Mode has no use for', async () => {
    await connect();
    await expect(
      emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' }, { signingSecret: 'wrong' }),
    ).rejects.toThrow(/signingSecret: Socket Mode envelopes are not signed/);
    expect(emulator.socketMode.deliveries).toEqual([]);
  });
});
