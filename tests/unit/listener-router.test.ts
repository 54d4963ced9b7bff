import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ListenerRouter } from '../../src/slack/listener-router.ts';

/** A Bolt app that never listens on a port: requests go straight to processEvent. */
function boltApp(): App {
  const receiver = { init: () => {}, start: async () => {}, stop: async () => {} };
  return new App({
    token: 'xoxb-test',
    receiver,
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    tokenVerificationEnabled: false,
    convoStore: false,
  });
}

async function deliver(app: App, body: Record<string, unknown>): Promise<unknown[]> {
  const acks: unknown[] = [];
  await app.processEvent({ body, ack: async (response?: unknown) => void acks.push(response ?? 'ack') });
  return acks;
}

const click = (actionId: string, blockId = 'b1') => ({
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1', team_id: 'T1' },
  trigger_id: 't',
  actions: [{ action_id: actionId, block_id: blockId, type: 'button', action_ts: '1' }],
});
const submit = (callbackId: string) => ({
  type: 'view_submission',
  team: { id: 'T1' },
  user: { id: 'U1', team_id: 'T1' },
  view: { id: 'V1', callback_id: callbackId, state: { values: {} } },
});

describe('listener router', () => {
  it('runs the listeners whose constraints a request meets, as Bolt would', async () => {
    const router = new ListenerRouter();
    const ran: string[] = [];
    const app = router.asApp();
    app.action('card.resolve', async ({ ack }) => {
      ran.push('resolve');
      await ack();
    });
    app.action({ type: 'block_actions', action_id: /^runbook\.branch\.(\d+)$/ }, async ({ ack, context }) => {
      ran.push(`branch ${(context.actionIdMatches as string[])[1]}`);
      await ack();
    });
    app.view('declare', async ({ ack }) => {
      ran.push('declare submitted');
      await ack();
    });
    app.event('reaction_added', async () => void ran.push('reaction'));
    app.command('/incident', async ({ ack, command }) => {
      ran.push(`command ${command.text}`);
      await ack();
    });
    app.shortcut('add_to_timeline', async ({ ack }) => {
      ran.push('shortcut');
      await ack();
    });
    const bolt = boltApp();
    router.attachTo(bolt);

    expect(await deliver(bolt, click('card.resolve'))).toEqual(['ack']);
    await deliver(bolt, click('runbook.branch.2'));
    expect(await deliver(bolt, click('card.unknown'))).toEqual([]);
    await deliver(bolt, submit('declare'));
    expect(await deliver(bolt, submit('other'))).toEqual([]);
    await deliver(bolt, {
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'Ev1',
      event: {
        type: 'reaction_added',
        user: 'U1',
        reaction: 'pushpin',
        item: { type: 'message', channel: 'C1', ts: '1' },
        event_ts: '2',
      },
    });
    await deliver(bolt, {
      team_id: 'T1',
      command: '/incident',
      text: 'help',
      user_id: 'U1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: 'http://x',
    });
    await deliver(bolt, {
      type: 'message_action',
      callback_id: 'add_to_timeline',
      team: { id: 'T1' },
      user: { id: 'U1', team_id: 'T1' },
      channel: { id: 'C1' },
      message: { ts: '1', text: 'x' },
      message_ts: '1',
      trigger_id: 't',
      response_url: 'http://x',
    });
    expect(ran).toEqual(['resolve', 'branch 2', 'declare submitted', 'reaction', 'command help', 'shortcut']);
  });

  it('hands every request no listener takes to `unmatched`, with its kind and id', async () => {
    const router = new ListenerRouter();
    router.asApp().action('card.resolve', async ({ ack }) => ack());
    const missed: string[] = [];
    const bolt = boltApp();
    router.attachTo(bolt, async ({ kind, id }, { ack }) => {
      missed.push(`${kind}:${id}`);
      await ack();
    });
    expect(await deliver(bolt, click('card.resolve'))).toEqual(['ack']);
    expect(missed).toEqual([]);
    expect(await deliver(bolt, click('card.unknown'))).toEqual(['ack']);
    expect(await deliver(bolt, submit('other'))).toEqual(['ack']);
    await deliver(bolt, {
      type: 'shortcut',
      callback_id: 'gone',
      team: { id: 'T1' },
      user: { id: 'U1', team_id: 'T1' },
      trigger_id: 't',
    });
    await deliver(bolt, {
      team_id: 'T1',
      command: '/gone',
      text: '',
      user_id: 'U1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: 'http://x',
    });
    expect(missed).toEqual(['block_actions:card.unknown', 'view_submission:other', 'shortcut:gone', 'command:/gone']);
  });

  it('refuses what it does not route rather than ignoring it', () => {
    const app = new ListenerRouter().asApp();
    expect(() =>
      app.action(
        'a',
        async () => {},
        async () => {},
      ),
    ).toThrow(/exactly one listener/);
    expect(() => app.event(/reaction_.*/ as never, async () => {})).toThrow(/event type name/);
  });
});
