/** The control API under /_emulator/: people addressed by name, messages by what they show, reads, the clock. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, parseDuration } from '../src/index.ts';
import { shortcutsFromYaml } from '../src/manifest-shortcuts.ts';
import { clientFor, emulatorForTest, type ReceivedRequest, startFakeApp } from './helpers.ts';

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;
beforeAll(async () => {
  app = await startFakeApp((request) =>
    request.body.command ? { body: { response_type: 'ephemeral', text: `Got ${request.body.text}` } } : {},
  );
});
beforeEach(async () => {
  await emulator?.close();
  emulator = await emulatorForTest({
    appUrl: app.url,
    shortcuts: [
      { name: 'Declare incident', type: 'message', callback_id: 'declare_from_message' },
      { name: 'New incident', type: 'global', callback_id: 'new_incident' },
    ],
  });
  app.requests.length = 0;
});
afterAll(async () => {
  await emulator.close();
  await app.close();
});

async function control(path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const init =
    body === undefined ? {} : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) };
  const response = await fetch(`${emulator.baseUrl}/_emulator/${path}`, init);
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  return { status: response.status, json, text };
}

const events = (type: string): any[] =>
  app.requests.map((request: ReceivedRequest) => request.body.event).filter((event) => event?.type === type);

describe('addressing people and channels by what a person sees', () => {
  it('runs a command as alice in #incidents by name', async () => {
    const reply = await control('command', { user: 'alice', channel: '#incidents', text: 'declare db down' });
    expect(reply.json).toMatchObject({ status: 200, json: { text: 'Got declare db down' } });
    expect(app.last().body).toMatchObject({ user_id: 'U0ALICE', channel_id: 'C0INCIDENTS', command: '/incident' });
  });

  it('takes @name, ids and channel names without #', async () => {
    await control('command', { user: '@bob', channel: 'incidents', text: 'x' });
    expect(app.last().body).toMatchObject({ user_id: 'U0BOB', channel_id: 'C0INCIDENTS' });
    await control('command', { user: 'U0CAROL', channel: 'C0INCIDENTS', text: 'y' });
    expect(app.last().body).toMatchObject({ user_id: 'U0CAROL' });
  });

  it('names the known users when a user is unknown', async () => {
    const reply = await control('say', { user: 'bobb', channel: '#incidents', text: 'hi' });
    expect(reply).toMatchObject({
      status: 400,
      json: { error: "unknown user 'bobb': known users are alice, bob, carol, dave" },
    });
  });

  it('names the channels when a channel is unknown', async () => {
    const reply = await control('say', { user: 'bob', channel: '#incident', text: 'hi' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe("unknown channel '#incident': channels are #general, #incidents");
  });
});

describe('checking bodies', () => {
  it('says which required field is missing and what goes in it', async () => {
    const reply = await control('say', { user: 'bob', channel: '#incidents' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^say: 'text' is required \(the message\); it takes user: /);
  });

  it('refuses fields the endpoint does not take, listing those it does', async () => {
    const reply = await control('say', { userId: 'U0BOB', channel: '#incidents', text: 'hi' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^say: unknown field 'userId'; it takes user: a user/);
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await control('say', 'user=bob');
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^the body is not JSON/);
  });

  it('answers 404 with the list of endpoints for an unknown one, 405 for a wrong method', async () => {
    const unknown = await control('sya', { user: 'bob' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.endpoints).toContainEqual(
      expect.stringMatching(/^POST \/_emulator\/say \{user, channel, text, thread\?\}/),
    );
    const wrongMethod = await control('render/incidents', {});
    expect(wrongMethod).toMatchObject({ status: 405, json: { error: '/_emulator/render takes GET, not POST' } });
  });

  it("answers 400 with Slack's reason when the person could not do it, such as posting where they are not a member", async () => {
    await control('leave', { user: 'alice', channel: '#incidents' });
    const reply = await control('say', { user: 'alice', channel: '#incidents', text: 'hi' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^not_in_channel: U0ALICE is not a member of #incidents/);
  });
});

describe('messages, threads, reactions, pins and membership', () => {
  it('says, replies in the thread of the latest message containing a text, edits and deletes', async () => {
    await control('say', { user: 'bob', channel: '#incidents', text: 'p99 is 4s' });
    await control('say', { user: 'carol', channel: '#incidents', text: 'unrelated' });
    const replied = await control('reply', {
      user: 'alice',
      channel: '#incidents',
      message: { containing: 'P99' },
      text: 'rolling back',
    });
    const parent = emulator.workspace.messages('C0INCIDENTS').find((m) => m.text === 'p99 is 4s');
    expect(emulator.workspace.replies('C0INCIDENTS', parent?.ts ?? '').map((m) => m.text)).toEqual(['rolling back']);
    await control('edit', { user: 'alice', channel: '#incidents', message: replied.json.ts, text: 'rolled back' });
    expect(emulator.workspace.message('C0INCIDENTS', replied.json.ts)?.text).toBe('rolled back');
    expect(events('message').at(-1)).toMatchObject({ subtype: 'message_changed' });
    await control('delete', { user: 'carol', channel: '#incidents', message: { containing: 'unrelated' } });
    expect(emulator.workspace.messages('C0INCIDENTS').map((m) => m.text)).toEqual(['p99 is 4s']);
  });

  it("refuses to edit someone else's message", async () => {
    await control('say', { user: 'bob', channel: '#incidents', text: 'mine' });
    const reply = await control('edit', {
      user: 'alice',
      channel: '#incidents',
      message: { containing: 'mine' },
      text: 'x',
    });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/cant_update_message/);
  });

  it('says which message could not be found', async () => {
    const reply = await control('react', {
      user: 'bob',
      channel: '#incidents',
      message: { containing: 'nothing' },
      emoji: 'eyes',
    });
    expect(reply).toMatchObject({
      status: 400,
      json: { error: 'no message in #incidents matches {"containing":"nothing"}' },
    });
  });

  it('finds the latest app message with "latest" and messages of one person with "from"', async () => {
    await clientFor(emulator).chat.postMessage({ channel: 'C0INCIDENTS', text: 'from the app' });
    await control('say', { user: 'bob', channel: '#incidents', text: 'after the app' });
    await control('react', { user: 'bob', channel: '#incidents', message: 'latest', emoji: 'tada' });
    await control('react', { user: 'alice', channel: '#incidents', message: { from: 'bob' }, emoji: 'eyes' });
    const [appMessage, bobs] = emulator.workspace.messages('C0INCIDENTS');
    expect(appMessage?.reactions).toEqual([{ name: 'tada', users: ['U0BOB'], count: 1 }]);
    expect(bobs?.reactions).toEqual([{ name: 'eyes', users: ['U0ALICE'], count: 1 }]);
  });

  it('reacts and unreacts, sending reaction_added and reaction_removed', async () => {
    await control('say', { user: 'bob', channel: '#incidents', text: 'look' });
    const on = { user: 'alice', channel: '#incidents', message: { containing: 'look' }, emoji: ':eyes:' };
    await control('react', on);
    await control('unreact', on);
    expect(events('reaction_added')).toMatchObject([{ user: 'U0ALICE', reaction: 'eyes', item_user: 'U0BOB' }]);
    expect(events('reaction_removed')).toHaveLength(1);
  });

  it('pins and unpins like Slack: pin_added and pin_removed carry the message', async () => {
    const said = await control('say', { user: 'bob', channel: '#incidents', text: 'root cause' });
    await control('pin', { user: 'alice', channel: '#incidents', message: { containing: 'root cause' } });
    expect(emulator.workspace.pins('C0INCIDENTS').map((m) => m.ts)).toEqual([said.json.ts]);
    expect(events('pin_added')).toMatchObject([
      {
        user: 'U0ALICE',
        channel_id: 'C0INCIDENTS',
        item: { type: 'message', channel: 'C0INCIDENTS', message: { ts: said.json.ts, text: 'root cause' } },
        pin_count: 1,
      },
    ]);
    await control('unpin', { user: 'alice', channel: '#incidents', message: said.json.ts });
    expect(events('pin_removed')).toMatchObject([{ channel_id: 'C0INCIDENTS', pin_count: 0, has_pins: false }]);
    const again = await control('unpin', { user: 'alice', channel: '#incidents', message: said.json.ts });
    expect(again.json.error).toMatch(/^no_pin/);
  });

  it('joins and leaves, sending member_joined_channel and member_left_channel', async () => {
    emulator.workspace.addChannel({ name: 'inc-1-db', members: ['U0FBBOT', 'U0ALICE'] });
    await control('join', { user: 'bob', channel: '#inc-1-db' });
    expect(emulator.workspace.channelByName('inc-1-db')?.members).toContain('U0BOB');
    await control('leave', { user: 'bob', channel: '#inc-1-db' });
    expect(emulator.workspace.channelByName('inc-1-db')?.members).not.toContain('U0BOB');
    expect(events('member_left_channel')).toMatchObject([
      {
        user: 'U0BOB',
        channel: emulator.workspace.channelByName('inc-1-db')?.id,
        channel_type: 'C',
        team: 'T0FIREBRK',
      },
    ]);
  });

  it('will not leave #general, as Slack will not', async () => {
    const reply = await control('leave', { user: 'bob', channel: '#general' });
    expect(reply.json.error).toMatch(/^cant_leave_general/);
  });
});

describe('shortcuts by name', () => {
  it('runs a message shortcut on a message', async () => {
    await control('say', { user: 'bob', channel: '#incidents', text: 'payments are failing' });
    await control('shortcut', {
      user: 'alice',
      shortcut: 'declare incident',
      channel: '#incidents',
      message: { containing: 'payments' },
    });
    expect(app.last().body).toMatchObject({
      type: 'message_action',
      callback_id: 'declare_from_message',
      message: { text: 'payments are failing' },
    });
  });

  it('runs a global shortcut', async () => {
    await control('shortcut', { user: 'alice', shortcut: 'New incident' });
    expect(app.last().body).toMatchObject({ type: 'shortcut', callback_id: 'new_incident', user: { id: 'U0ALICE' } });
  });

  it('lists the shortcuts when the name is unknown, and asks for a message for a message shortcut', async () => {
    const unknown = await control('shortcut', { user: 'alice', shortcut: 'Declare' });
    expect(unknown.json.error).toBe("no shortcut named 'Declare': shortcuts are 'Declare incident', 'New incident'");
    const noMessage = await control('shortcut', { user: 'alice', shortcut: 'Declare incident' });
    expect(noMessage.json.error).toMatch(/is a message shortcut: give 'channel' and 'message'/);
  });
});

describe('reading what a person sees', () => {
  it('lists the ephemeral messages and replies a user got, with the channel', async () => {
    await control('command', { user: 'alice', channel: '#incidents', text: 'status' });
    await clientFor(emulator).chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0ALICE', text: 'only you' });
    await clientFor(emulator).chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0BOB', text: 'only bob' });
    const reply = await control('ephemerals/alice');
    expect(reply.json).toMatchObject([
      { channel: '#incidents', via: 'ack', text: 'Got status' },
      { channel: '#incidents', via: 'chat.postEphemeral', text: 'only you' },
    ]);
  });

  it("renders a user's direct messages with the app", async () => {
    const client = clientFor(emulator);
    const dm = await client.conversations.open({ users: 'U0BOB' });
    await client.chat.postMessage({ channel: dm.channel?.id ?? '', text: 'You are the scribe' });
    expect((await control('dms/bob')).text).toContain('firebreak [APP]: You are the scribe');
    expect((await control('dms/carol')).text).toBe('carol has no direct messages from the app yet\n');
  });

  it('lists uploaded files and gives one with its content', async () => {
    const client = clientFor(emulator);
    await client.files.uploadV2({
      channel_id: 'C0INCIDENTS',
      filename: 'timeline.md',
      content: '# INC-1\n',
      title: 'Timeline',
    });
    const list = await control('files');
    expect(list.json).toMatchObject([{ name: 'timeline.md', title: 'Timeline', channels: ['#incidents'] }]);
    const file = await control(`files/${list.json[0].id}`);
    expect(file.json).toMatchObject({ name: 'timeline.md', content: '# INC-1\n' });
    expect((await control('files/F404')).status).toBe(404);
  });

  it("reads a user's App Home tab published with views.publish", async () => {
    await clientFor(emulator).views.publish({
      user_id: 'U0ALICE',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Open incidents: 2' } }] },
    });
    const views = await control('views/alice');
    expect(views.json).toMatchObject({
      modals: [],
      home: { type: 'home', rendered: expect.stringContaining('Open incidents: 2') },
    });
  });

  it('renders a channel and lists channels with their topic', async () => {
    await control('say', { user: 'bob', channel: '#incidents', text: 'on it' });
    expect((await control('render/incidents')).text).toContain('bob: on it');
    const channels = await control('channels');
    expect(channels.json.map((channel: { name: string }) => channel.name)).toEqual(['general', 'incidents']);
  });
});

describe("the emulator's clock", () => {
  it('moves forward by a duration, and message ts follow it', async () => {
    const before = (await control('clock')).json;
    expect(before.offsetMs).toBe(0);
    const moved = await control('clock', { advance: '20m' });
    expect(moved.json.offsetMs).toBe(20 * 60_000);
    const said = await control('say', { user: 'bob', channel: '#incidents', text: 'later' });
    expect(Number(said.json.ts) * 1000).toBeGreaterThanOrEqual(before.now + 20 * 60_000);
  });

  it('signs requests with the moved time', async () => {
    await control('clock', { advance: '2h' });
    await control('command', { user: 'alice', channel: '#incidents', text: 'x' });
    const timestamp = Number(app.last().headers['x-slack-request-timestamp']);
    expect(timestamp * 1000).toBeGreaterThanOrEqual(Date.now() + 2 * 3_600_000 - 60_000);
  });

  it('refuses what is not a duration, saying which forms it takes', async () => {
    const reply = await control('clock', { advance: '20 minutes' });
    expect(reply).toMatchObject({ status: 400 });
    expect(reply.json.error).toMatch(/'20 minutes' is not a duration: use e\.g\. "90s", "20m"/);
  });

  it('reads durations as Slack people write them', () => {
    expect([parseDuration('90s'), parseDuration('20m'), parseDuration('2h'), parseDuration('1h30m')]).toEqual([
      90_000, 1_200_000, 7_200_000, 5_400_000,
    ]);
    expect([parseDuration(1500), parseDuration('1500'), parseDuration('250ms')]).toEqual([1500, 1500, 250]);
    expect(() => parseDuration(-1)).toThrow(/not a duration/);
  });
});

describe('manifest shortcuts', () => {
  it('reads the shortcuts list of a YAML manifest', () => {
    const yaml = `features:
  shortcuts:
    # a comment
    - name: Declare incident
      type: message
      callback_id: declare_from_message
      description: "Declare it"
    - name: 'New incident'
      type: global
      callback_id: new_incident
oauth_config:
  scopes: []
`;
    expect(shortcutsFromYaml(yaml)).toEqual([
      { name: 'Declare incident', type: 'message', callback_id: 'declare_from_message', description: 'Declare it' },
      { name: 'New incident', type: 'global', callback_id: 'new_incident' },
    ]);
  });
});

const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('cli', () => {
  it('starts, prints the connection values and serves the Web API', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cliPath, '--port', '0', '--post-message-per-minute', '7'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('render/incidents')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${text}`)));
      });
      expect(output).toContain('SLACK_BOT_TOKEN=xoxb-emulator-token');
      expect(output).toContain('SLACK_SIGNING_SECRET=emulator-signing-secret');
      expect(output).toContain('rate limits: on (chat.postMessage: 7/min per workspace, 1/s per channel)');
      const apiUrl = /SLACK_API_URL=(\S+)/.exec(output)?.[1];
      const response = await fetch(`${apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-emulator-token' },
      });
      expect(await response.json()).toMatchObject({ ok: true, user_id: 'U0FBBOT' });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('drives a running emulator with subcommands', async () => {
    const said = await runCli(['--url', emulator.baseUrl, 'say', 'bob', '#incidents', 'on', 'it']);
    expect(said.code).toBe(0);
    const rendered = await runCli(['--url', emulator.baseUrl, 'render', '#incidents']);
    expect(rendered.stdout).toContain('bob: on it');
    const moved = await runCli(['--url', emulator.baseUrl, 'clock', 'advance', '90s']);
    expect(moved.code).toBe(0);
    expect(emulator.clock.offsetMs).toBe(90_000);
  });

  it('refuses a --post-message-per-minute that is not a whole number ≥ 1', async () => {
    const result = await runCli(['--port', '0', '--post-message-per-minute', '0']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("--post-message-per-minute takes a whole number ≥ 1, got '0'");
  });

  it('opens the App Home with the home subcommand and prints the Home tab', async () => {
    await clientFor(emulator).views.publish({
      user_id: 'U0ALICE',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Open incidents: 2' } }] },
    });
    const result = await runCli(['--url', emulator.baseUrl, 'home', 'alice', 'messages']);
    expect(result.code).toBe(0);
    expect(events('app_home_opened')).toEqual([expect.objectContaining({ user: 'U0ALICE', tab: 'messages' })]);
    expect(result.stdout).toContain('┌ Home tab of @alice');
    expect(result.stdout).toContain('Open incidents: 2');
  });

  it('sets a time zone with the timezone subcommand', async () => {
    const result = await runCli(['--url', emulator.baseUrl, 'timezone', 'bob', 'Europe/Berlin']);
    expect(result.code).toBe(0);
    expect(emulator.workspace.user('U0BOB')?.tz).toBe('Europe/Berlin');
  });

  it('exits 1 with the API error', async () => {
    const result = await runCli(['--url', emulator.baseUrl, 'say', 'bobb', '#incidents', 'hi']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("400: unknown user 'bobb': known users are alice, bob, carol, dave");
  });
});
