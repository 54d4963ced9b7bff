import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { clientFor, emulatorForTest, slackError } from './helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await emulatorForTest();
});
afterAll(async () => {
  await emulator.close();
});

async function post(method: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${emulator.apiUrl}${method}`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('authentication and routing', () => {
  it('answers auth.test with the bot identity', async () => {
    const result = await clientFor(emulator).auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: 'T0FIREBRK',
      user_id: 'U0FBBOT',
      bot_id: 'B0FBBOT',
      url: 'https://firebreak-demo.slack.com/',
    });
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    expect((await slackError(clientFor(emulator, { token: 'xoxb-wrong' }).auth.test())).error).toBe('invalid_auth');
    const missing = await post('auth.test', '', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(missing).toEqual({ status: 200, json: { ok: false, error: 'not_authed' } });
  });

  it('accepts the token as a form field and JSON bodies with a bearer token', async () => {
    const form = await post('conversations.info', `token=${emulator.botToken}&channel=C0INCIDENTS`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.json.channel.name).toBe('incidents');
    const json = await post(
      'chat.postMessage',
      JSON.stringify({ channel: 'C0INCIDENTS', text: 'json body', blocks: [{ type: 'divider' }] }),
      {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${emulator.botToken}`,
      },
    );
    expect(json.json).toMatchObject({ ok: true, channel: 'C0INCIDENTS', message: { text: 'json body' } });
  });

  it('answers unknown methods with HTTP 404 unknown_method', async () => {
    const result = await post('chat.postMessages', `token=${emulator.botToken}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(result).toEqual({ status: 404, json: { ok: false, error: 'unknown_method' } });
  });

  it('rejects a JSON body that is not an object', async () => {
    const result = await post('auth.test', '[1]', {
      'content-type': 'application/json',
      authorization: `Bearer ${emulator.botToken}`,
    });
    expect(result.json).toEqual({ ok: false, error: 'invalid_json' });
  });
});

describe('call log', () => {
  it('records every call with parsed JSON arguments and no token', async () => {
    emulator.resetCalls();
    const client = clientFor(emulator);
    await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      text: 'logged',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
    });
    await slackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }));
    const [ok, failed] = emulator.callsTo('chat.postMessage');
    expect(ok).toMatchObject({
      method: 'chat.postMessage',
      ok: true,
      status: 200,
      args: { channel: 'C0INCIDENTS', text: 'logged' },
    });
    expect(ok?.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
    expect(ok?.args.token).toBeUndefined();
    expect(typeof ok?.at).toBe('number');
    expect(failed).toMatchObject({ ok: false, error: 'channel_not_found' });
    emulator.resetCalls();
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('users and team', () => {
  it('has the preloaded people with time zones', async () => {
    const { user } = await clientFor(emulator).users.info({ user: 'U0ALICE' });
    expect(user).toMatchObject({
      id: 'U0ALICE',
      name: 'alice',
      tz: 'America/New_York',
      is_bot: false,
      profile: { email: 'alice@example.com' },
    });
    expect([-18000, -14400]).toContain(user?.tz_offset);
    expect(user?.tz_label).toMatch(/Eastern/);
    expect(emulator.workspace.user('U0CAROL')?.tz_offset).toBe(9 * 3600);
    expect(emulator.workspace.user('U0FBBOT')?.is_bot).toBe(true);
  });

  it('reports user_not_found and users_not_found', async () => {
    const client = clientFor(emulator);
    expect((await slackError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    expect((await slackError(client.users.lookupByEmail({ email: 'nobody@example.com' }))).error).toBe(
      'users_not_found',
    );
    expect((await client.users.lookupByEmail({ email: 'BOB@example.com' })).user?.id).toBe('U0BOB');
  });

  it('paginates users.list with cursors', async () => {
    const client = clientFor(emulator);
    const first = await client.users.list({ limit: 2 });
    expect(first.members).toHaveLength(2);
    const cursor = first.response_metadata?.next_cursor;
    expect(cursor).toBeTruthy();
    const rest = await client.users.list({ limit: 100, cursor });
    expect(rest.response_metadata?.next_cursor).toBe('');
    const ids = [...(first.members ?? []), ...(rest.members ?? [])].map((member) => member.id);
    expect(ids).toEqual(expect.arrayContaining(['U0FBBOT', 'U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE']));
    expect((await slackError(client.users.list({ cursor: 'bogus' }))).error).toBe('invalid_cursor');
  });

  it('adds users through the workspace helper', () => {
    const erin = emulator.workspace.addUser({ name: 'erin', realName: 'Erin E', tz: 'Europe/Berlin' });
    expect(erin.id).toMatch(/^U/);
    expect(emulator.workspace.user(erin.id)?.profile).toMatchObject({
      real_name: 'Erin E',
      display_name: 'erin',
      email: 'erin@example.com',
    });
    expect(() => emulator.workspace.addUser({ name: 'x', tz: 'Mars/Olympus' })).toThrow();
  });

  it('answers team.info', async () => {
    const result = await clientFor(emulator).team.info();
    expect(result.team).toMatchObject({ id: 'T0FIREBRK', domain: 'firebreak-demo' });
  });
});
