/**
 * End-to-end compatibility: a real Bolt app (HTTP receiver, signature verification on) served by the
 * emulator's requests and calling the emulator's Web API.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.ts';
import { silentLogger } from './helpers.ts';

let emulator: Emulator;
let bolt: App;
let server: Server;

beforeAll(async () => {
  emulator = await startEmulator();
  bolt = new App({
    token: emulator.botToken,
    signingSecret: emulator.signingSecret,
    logLevel: LogLevel.ERROR,
    logger: { ...silentLogger, getLevel: () => LogLevel.ERROR },
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
  });
  bolt.command('/incident', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'declare',
        private_metadata: body.channel_id,
        title: { type: 'plain_text', text: 'Declare' },
        submit: { type: 'plain_text', text: 'Declare' },
        blocks: [
          {
            type: 'input',
            block_id: 'title',
            label: { type: 'plain_text', text: 'Title' },
            element: { type: 'plain_text_input', action_id: 'title' },
          },
        ],
      },
    });
  });
  bolt.view('declare', async ({ ack, view, client }) => {
    const title = view.state.values.title?.title?.value ?? '';
    if (title.length < 3) return ack({ response_action: 'errors', errors: { title: 'Too short' } });
    await ack();
    await client.chat.postMessage({
      channel: view.private_metadata,
      text: `Incident: ${title}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*Incident:* ${title}` } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'acknowledge',
              text: { type: 'plain_text', text: 'Acknowledge' },
              value: 'inc-1',
            },
          ],
        },
      ],
    });
  });
  bolt.action('acknowledge', async ({ ack, body, respond }) => {
    await ack();
    await respond({ replace_original: true, text: `Acknowledged by <@${body.user.id}>` });
  });
  const homeTab = (text: string) => ({
    type: 'home' as const,
    blocks: [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text } },
      {
        type: 'actions' as const,
        elements: [
          {
            type: 'button' as const,
            action_id: 'home_refresh',
            text: { type: 'plain_text' as const, text: 'Refresh' },
          },
        ],
      },
    ],
  });
  bolt.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const seen = event.view ? `back (${event.view.blocks.length} blocks)` : 'new';
    await client.views.publish({
      user_id: event.user,
      view: homeTab(`<@${event.user}> is ${seen} in ${event.channel}`),
    });
  });
  bolt.action({ action_id: 'home_refresh' }, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || body.view?.type !== 'home') return;
    await client.views.publish({ user_id: body.user.id, hash: body.view.hash, view: homeTab('Refreshed') });
  });
  bolt.message('status?', async ({ say }) => {
    await say('All systems go');
  });
  server = (await bolt.start(0)) as Server;
  emulator.appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await bolt.stop();
  await emulator.close();
});

describe('a Bolt app against the emulator', () => {
  it('runs command → modal → submission → message → button → response_url', async () => {
    const command = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'declare' });
    expect(command.status).toBe(200);
    await waitFor(() => emulator.workspace.views('U0ALICE').length === 1);
    const [modal] = emulator.workspace.views('U0ALICE');
    expect(modal).toMatchObject({ callback_id: 'declare', isOpen: true });

    const rejected = await emulator.submitView({ userId: 'U0ALICE', viewId: modal!.id, values: { title: 'DB' } });
    expect(rejected).toMatchObject({ outcome: 'errors', errors: { title: 'Too short' } });
    const accepted = await emulator.submitView({
      userId: 'U0ALICE',
      viewId: modal!.id,
      values: { title: 'Database down' },
    });
    expect(accepted.outcome).toBe('closed');

    await waitFor(() => emulator.workspace.messages('C0INCIDENTS').length === 1);
    const [card] = emulator.workspace.messages('C0INCIDENTS');
    expect(card?.text).toBe('Incident: Database down');
    await emulator.clickButton({
      userId: 'U0BOB',
      channelId: 'C0INCIDENTS',
      messageTs: card!.ts,
      actionId: 'acknowledge',
    });
    await waitFor(() => emulator.workspace.message('C0INCIDENTS', card!.ts)?.text === 'Acknowledged by <@U0BOB>');
    expect(emulator.render('C0INCIDENTS')).toContain('Acknowledged by @bob');
  });

  it('answers message events through say()', async () => {
    const said = await emulator.userSays({ userId: 'U0CAROL', channelId: 'C0INCIDENTS', text: 'status?' });
    expect(said.response?.status).toBe(200);
    await waitFor(() =>
      emulator.workspace.messages('C0INCIDENTS').some((message) => message.text === 'All systems go'),
    );
  });

  it('publishes the Home tab on app_home_opened and refreshes it from its button', async () => {
    const homeText = () => {
      const home = emulator.workspace.views('U0DAVE').find((view) => view.type === 'home');
      return (home?.blocks[0]?.text as { text?: string } | undefined)?.text;
    };
    const first = await emulator.userOpensHome({ userId: 'U0DAVE' });
    await waitFor(() => homeText() !== undefined);
    expect(homeText()).toBe(`<@U0DAVE> is new in ${first.channelId}`);
    await emulator.userOpensHome({ userId: 'U0DAVE' });
    await waitFor(() => homeText()?.includes('back (2 blocks)') === true);
    const home = emulator.workspace.views('U0DAVE').find((view) => view.type === 'home');
    await emulator.clickViewButton({ userId: 'U0DAVE', viewId: home!.id, actionId: 'home_refresh' });
    await waitFor(() => homeText() === 'Refreshed');
  });

  it('is rejected by Bolt when the signature is wrong', async () => {
    const forged = await emulator.slashCommand(
      { userId: 'U0ALICE', channelId: 'C0INCIDENTS' },
      { signingSecret: 'not-the-secret' },
    );
    expect(forged.status).toBe(401);
    const stale = await emulator.slashCommand(
      { userId: 'U0ALICE', channelId: 'C0INCIDENTS' },
      { timestamp: Math.floor(Date.now() / 1000) - 600 },
    );
    expect(stale.status).toBe(401);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
