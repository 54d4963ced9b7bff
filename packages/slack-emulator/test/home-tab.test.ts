/** The App Home: app_home_opened as Slack sends it, buttons in a published Home tab, and views.publish's limits. */
import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, InteractionError } from '../src/index.ts';
import {
  clientFor,
  emulatorForTest,
  type FakeAnswer,
  manualClock,
  type ReceivedRequest,
  slackError,
  startFakeApp,
} from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
let app: Awaited<ReturnType<typeof startFakeApp>>;
let answer: (request: ReceivedRequest) => FakeAnswer;
const clock = manualClock(Date.UTC(2026, 11, 7, 9, 0, 0));

const home = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'home' as const,
  callback_id: 'firebreak_home',
  blocks: [
    { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [
        { type: 'button', action_id: 'open_incidents', value: 'open', text: { type: 'plain_text', text: 'Open ones' } },
      ],
    },
  ],
  ...extra,
});

beforeEach(async () => {
  answer = () => ({});
  app = await startFakeApp((request) => answer(request));
  emulator = await emulatorForTest({ appUrl: app.url, clock: clock.now });
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
  await app.close();
});

const homeEvents = (): any[] =>
  app.requests.map((request) => request.body.event).filter((event) => event?.type === 'app_home_opened');

describe('userOpensHome (app_home_opened)', () => {
  it('sends user, the DM channel, tab, event_ts and no view before the app published one', async () => {
    const opened = await emulator.userOpensHome({ userId: 'U0ALICE' });
    const [event] = homeEvents();
    expect(Object.keys(event).sort()).toEqual(['channel', 'event_ts', 'tab', 'type', 'user']);
    expect(event).toMatchObject({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: expect.stringMatching(/^D/),
      tab: 'home',
      event_ts: expect.stringMatching(/^\d+\.\d{6}$/),
    });
    expect(Math.floor(Number(event.event_ts))).toBe(Math.floor(clock.now() / 1000));
    expect(app.last().body).toMatchObject({ type: 'event_callback', event_id: opened.eventId });
    expect(opened).toMatchObject({ status: 200, channelId: event.channel, event });
  });

  it('names the DM channel that conversations.open gives, creating it only once', async () => {
    await emulator.userOpensHome({ userId: 'U0BOB' });
    await emulator.userOpensHome({ userId: 'U0BOB', tab: 'messages' });
    const [first, second] = homeEvents();
    const dm = await client.conversations.open({ users: 'U0BOB' });
    expect(dm).toMatchObject({ already_open: true, channel: { id: first.channel } });
    expect(second.channel).toBe(first.channel);
    expect(emulator.workspace.channels().filter((channel) => channel.is_im && channel.user === 'U0BOB')).toHaveLength(
      1,
    );
  });

  it('uses the DM the app opened earlier', async () => {
    const dm = await client.conversations.open({ users: 'U0CAROL' });
    const opened = await emulator.userOpensHome({ userId: 'U0CAROL' });
    expect(opened.channelId).toBe(dm.channel?.id);
  });

  it('carries the published Home tab as views.publish returned it', async () => {
    const published = await client.views.publish({ user_id: 'U0ALICE', view: home('2 open incidents') as never });
    await emulator.userOpensHome({ userId: 'U0ALICE', tab: 'home' });
    expect(homeEvents()[0].view).toEqual(published.view);
    expect(homeEvents()[0].view).toMatchObject({ type: 'home', callback_id: 'firebreak_home', team_id: 'T0FIREBRK' });
  });

  it('carries the latest state of the Home tab after an update', async () => {
    await client.views.publish({ user_id: 'U0ALICE', view: home('2 open incidents') as never });
    const second = await client.views.publish({ user_id: 'U0ALICE', view: home('1 open incident') as never });
    await emulator.userOpensHome({ userId: 'U0ALICE' });
    const { view } = homeEvents()[0];
    expect(view.hash).toBe(second.view?.hash);
    expect(view.blocks[0].text.text).toBe('1 open incident');
  });

  it("sends no view on the Messages tab, nor another person's Home tab", async () => {
    await client.views.publish({ user_id: 'U0ALICE', view: home('Yours') as never });
    await emulator.userOpensHome({ userId: 'U0ALICE', tab: 'messages' });
    await emulator.userOpensHome({ userId: 'U0BOB' });
    const [messages, bobs] = homeEvents();
    expect(messages).toMatchObject({ tab: 'messages', user: 'U0ALICE' });
    expect(messages).not.toHaveProperty('view');
    expect(bobs).toMatchObject({ tab: 'home', user: 'U0BOB' });
    expect(bobs).not.toHaveProperty('view');
  });

  it.each([
    [{ userId: 'U0NOBODY' }, 'user_not_found'],
    [{ userId: 'U0FBBOT' }, 'its own App Home'],
    [{ userId: 'U0ALICE', tab: 'about' as never }, "not 'about'"],
  ])('refuses %j', async (params, problem) => {
    const refused = emulator.userOpensHome(params);
    await expect(refused).rejects.toBeInstanceOf(InteractionError);
    await expect(refused).rejects.toThrow(problem);
    expect(homeEvents()).toEqual([]);
  });
});

describe('buttons in the Home tab', () => {
  it('sends block_actions with a view container and the home view', async () => {
    const published = await client.views.publish({ user_id: 'U0ALICE', view: home('2 open incidents') as never });
    const viewId = published.view?.id as string;
    const result = await emulator.clickViewButton({ userId: 'U0ALICE', viewId, actionId: 'open_incidents' });
    expect(app.last().body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE' },
      container: { type: 'view', view_id: viewId },
      trigger_id: result.triggerId,
      view: { id: viewId, type: 'home', callback_id: 'firebreak_home', hash: published.view?.hash },
      actions: [{ type: 'button', action_id: 'open_incidents', block_id: 'home_actions', value: 'open' }],
    });
  });

  it('gives a trigger_id that opens a modal from the Home tab', async () => {
    const published = await client.views.publish({ user_id: 'U0ALICE', view: home('x') as never });
    const { triggerId } = await emulator.clickViewButton({
      userId: 'U0ALICE',
      viewId: published.view?.id as string,
      actionId: 'open_incidents',
    });
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'Open incidents' }, blocks: [] };
    const opened = await client.views.open({ trigger_id: triggerId, view: modal as never });
    expect(emulator.workspace.view(opened.view?.id as string)).toMatchObject({ userId: 'U0ALICE', isOpen: true });
  });

  it("refuses a click in someone else's Home tab", async () => {
    const published = await client.views.publish({ user_id: 'U0ALICE', view: home('x') as never });
    await expect(
      emulator.clickViewButton({ userId: 'U0BOB', viewId: published.view?.id as string, actionId: 'open_incidents' }),
    ).rejects.toThrow('belongs to U0ALICE');
  });
});

describe('views.publish limits', () => {
  it('publishes 100 blocks and refuses 101 with invalid_arguments, keeping the published tab', async () => {
    const dividers = (count: number) => Array.from({ length: count }, () => ({ type: 'divider' }));
    const hundred = await client.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: dividers(100) } });
    expect(hundred.view?.blocks).toHaveLength(100);
    const error = await slackError(
      client.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: dividers(101) } }),
    );
    expect(error).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'] },
    });
    expect(emulator.workspace.view(hundred.view?.id as string)?.blocks).toHaveLength(100);
  });
});

describe('POST /_emulator/home', () => {
  async function control(path: string, body: unknown = {}): Promise<{ status: number; json: any }> {
    const response = await fetch(`${emulator.baseUrl}/_emulator/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  /** Like a Bolt app: acknowledges app_home_opened at once and publishes the Home tab afterwards. */
  function publishOnHomeOpened(view: (user: string) => unknown): void {
    answer = (request) => {
      const event = request.body.event;
      if (event?.type === 'app_home_opened' && event.tab === 'home')
        setTimeout(() => {
          // A refused publish is what the test looks at, not an error of the fake app.
          client.views.publish({ user_id: event.user, view: view(event.user) as never }).catch(() => undefined);
        }, 20);
      return {};
    };
  }

  it("opens alice's Home tab and shows it as the app published it", async () => {
    publishOnHomeOpened((user) => home(`Hello <@${user}>: 2 open incidents`));
    const opened = await control('home/alice');
    expect(homeEvents()).toEqual([expect.objectContaining({ user: 'U0ALICE', tab: 'home' })]);
    expect(opened).toMatchObject({
      status: 200,
      json: {
        channel: '@alice',
        tab: 'home',
        app: { status: 200 },
        published: true,
        home: {
          type: 'home',
          callbackId: 'firebreak_home',
          rendered: expect.stringContaining('Hello @alice: 2 open incidents'),
          buttons: ['Open ones'],
        },
      },
    });
  });

  it('takes the user in the body, and the Messages tab', async () => {
    publishOnHomeOpened(() => home('never asked for'));
    const opened = await control('home', { user: '@bob', tab: 'messages' });
    expect(homeEvents()).toEqual([expect.objectContaining({ user: 'U0BOB', tab: 'messages' })]);
    expect(opened.json).toMatchObject({ channel: '@bob', tab: 'messages', published: false, home: null });
  });

  it("says why the app's views.publish failed", async () => {
    publishOnHomeOpened(() => ({ type: 'home', blocks: [{ type: 'section' }] }));
    const opened = await control('home/carol');
    expect(opened.json).toMatchObject({ published: false, publishError: 'invalid_arguments', home: null });
  });

  it.each([
    ['home', {}, "home: give the user in the path or as 'user'"],
    ['home/bobb', {}, "unknown user 'bobb'"],
    ['home/alice', { tab: 'about' }, "home: 'tab' must be 'home' (default) or 'messages', got \"about\""],
  ])('answers 400 to %s %j', async (path, body, error) => {
    const refused = await control(path, body);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toContain(error);
    expect(homeEvents()).toEqual([]);
  });
});

describe('POST /_emulator/click in the Home tab', () => {
  const click = async (body: unknown): Promise<{ status: number; json: any }> => {
    const response = await fetch(`${emulator.baseUrl}/_emulator/click`, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  };

  it('clicks a button of the Home tab by its label', async () => {
    const published = await client.views.publish({ user_id: 'U0ALICE', view: home('2 open incidents') as never });
    const clicked = await click({ user: 'alice', home: true, button: 'Open ones' });
    expect(clicked).toMatchObject({ status: 200, json: { status: 200 } });
    expect(app.last().body).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: published.view?.id },
      view: { type: 'home' },
      actions: [{ action_id: 'open_incidents' }],
    });
  });

  it.each([
    [{ user: 'bob', home: true, button: 'Open ones' }, 'bob has no Home tab'],
    [{ user: 'alice', home: true, button: 'Open ones', channel: '#incidents' }, "give 'channel' or 'home', not both"],
    [{ user: 'alice', home: 'yes', button: 'Open ones' }, "'home' must be true"],
    [{ user: 'alice', home: true, button: 'Close all' }, "has no button 'Close all'"],
  ])('answers 400 to %j', async (body, error) => {
    await client.views.publish({ user_id: 'U0ALICE', view: home('x') as never });
    app.requests.length = 0;
    const refused = await click(body);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toContain(error);
    expect(app.requests).toEqual([]);
  });
});
