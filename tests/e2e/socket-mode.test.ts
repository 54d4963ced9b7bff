import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listIncidents } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { socketMode: true, rateLimits: false },
);

const alice = 'U0ALICE';

async function declare(title: string) {
  const { emulator } = harness;
  const reply = await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: `declare sev2 ${title}` });
  await harness.settle();
  const incident = (await listIncidents(database.db, { teamId: emulator.teamId })).at(-1)!;
  return { reply, incident, channelId: incident.channelId! };
}

describe('Firebreak over Socket Mode', () => {
  it('declares an incident from a slash command delivered on the socket', async () => {
    const { emulator } = harness;
    // Nothing can go over HTTP: the app has no URL, only its Socket Mode connection.
    expect(emulator.appUrl).toBeUndefined();
    expect(emulator.socketMode.connections).toBe(1);
    expect(emulator.callsTo('apps.connections.open')).toEqual([expect.objectContaining({ ok: true, args: {} })]);

    const { reply, incident, channelId } = await declare('Checkout errors spiking');
    expect(reply.status).toBe(200);
    expect(reply.timedOut).toBeUndefined();
    expect(reply.json?.text).toMatch(/Declaring \*SEV2\* incident “Checkout errors spiking”/);
    expect(emulator.workspace.responses().find((r) => r.via === 'ack')?.text).toMatch(/Declaring \*SEV2\*/);
    expect(emulator.socketMode.deliveries).toEqual([
      expect.objectContaining({ type: 'slash_commands', outcome: 'acked' }),
    ]);

    const channel = emulator.workspace.channel(channelId);
    expect(channel?.name).toBe('inc-1-checkout-errors-spiking');
    expect(channel?.members).toEqual(expect.arrayContaining([alice, emulator.botUserId]));
    const card = emulator.workspace.messages(channelId)[0]!;
    expect(JSON.stringify(card.blocks)).toContain('INC-1 · Checkout errors spiking');
    expect(
      emulator.workspace.pins(channelId).map((p: { ts?: string; message?: { ts: string } }) => p.ts ?? p.message?.ts),
    ).toEqual([card.ts]);
    expect(incident).toMatchObject({ number: 1, cardTs: card.ts });
    const confirmation = emulator.workspace.responses().find((r) => r.via === 'response_url');
    expect(confirmation?.text).toMatch(/INC-1 declared\. Head to/);
  });

  it('puts an event delivered twice and then retried on the timeline once', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare('Payments slow');
    const said = {
      type: 'message',
      channel: channelId,
      channel_type: 'channel',
      user: alice,
      ts: '1700000300.000001',
      text: 'p99 is back to normal',
    };
    const first = await emulator.event(said, { eventId: 'EvSOCKET1' });
    // Slack can send the same event in a second envelope (another connection, a refresh) and retry it.
    const duplicate = await emulator.event(said, { eventId: 'EvSOCKET1' });
    const retry = await emulator.event(said, { eventId: 'EvSOCKET1', retryNum: 1, retryReason: 'timeout' });
    expect([first.status, duplicate.status, retry.status]).toEqual([200, 200, 200]);
    expect(
      emulator.socketMode.deliveries.filter((d) => d.type === 'events_api').map((d) => [d.retryAttempt, d.outcome]),
    ).toEqual([
      [0, 'acked'],
      [0, 'acked'],
      [1, 'acked'],
    ]);
    await harness.settle();
    const entries = await listTimeline(database.db, { teamId: emulator.teamId, incidentId: incident.id });
    expect(entries.filter((e) => e.text === 'p99 is back to normal')).toHaveLength(1);
    const [inbox] = await queryRows<{ rows: number }>(
      database.db,
      sql`SELECT count(*)::int AS rows FROM inbox WHERE dedupe_key = 'event:EvSOCKET1'`,
    );
    expect(inbox?.rows).toBe(1);
  });

  it('opens the declare form for /incident and declares on submit', async () => {
    const { emulator } = harness;
    const reply = await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: '' });
    expect(reply.status).toBe(200);
    const view = await eventually(() => emulator.workspace.views(alice).find((v) => v.isOpen));
    expect(view.callback_id).toBe('declare_incident');
    const submitted = await emulator.submitView({
      userId: alice,
      viewId: view.id,
      values: { title: 'Search index stale', severity: 'sev3' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.outcome).toBe('closed');
    expect(emulator.socketMode.deliveries.map((d) => [d.type, d.outcome])).toEqual([
      ['slash_commands', 'acked'],
      ['interactive', 'acked'],
    ]);
    await harness.settle();
    expect(emulator.workspace.channelByName('inc-1-search-index-stale')?.members).toContain(alice);
  });

  it('answers /healthz on the port it was started on', async () => {
    expect(harness.port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${harness.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  it('counts requests that came over the socket in /metrics, by kind and outcome, and times their acks', async () => {
    const { emulator } = harness;
    const { channelId } = await declare('Queue backlog');
    const event = { type: 'message', channel: channelId, user: alice, text: 'draining', ts: '1700000000.000100' };
    const first = await emulator.event(event);
    await emulator.event(event, { eventId: first.eventId, retryNum: 1 });
    await harness.settle();
    const text = await (await fetch(`http://127.0.0.1:${harness.port}/metrics`)).text();
    const sample = (name: string, labels: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${name}{${labels}} `))
          ?.split(' ')
          .at(-1) ?? 0,
      );
    expect(sample('firebreak_slack_requests_total', 'kind="command",outcome="acked"')).toBe(1);
    expect(sample('firebreak_slack_requests_total', 'kind="event:message",outcome="acked"')).toBe(1);
    expect(sample('firebreak_slack_requests_total', 'kind="event:message",outcome="duplicate"')).toBe(1);
    expect(sample('firebreak_slack_ack_seconds_count', 'kind="command"')).toBe(1);
    expect(sample('firebreak_slack_ack_seconds_bucket', 'le="3",kind="command"')).toBe(1);
    expect(sample('firebreak_slack_ack_seconds_count', 'kind="event:message"')).toBe(2);
  });

  it('reconnects when Slack asks for a refresh, and stop() closes the socket', async () => {
    const { emulator } = harness;
    expect(emulator.socketMode.requestDisconnect()).toBe(1);
    // Bolt's client closes the old socket, waits (5 s) and opens a new one with a fresh ticket.
    await eventually(
      () => emulator.callsTo('apps.connections.open').length === 2 && emulator.socketMode.connections === 1,
      20_000,
    );
    const help = await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'help' });
    expect(JSON.stringify(help.json)).toContain('/incident declare sev1 Checkout errors spiking');

    await harness.app.stop();
    await eventually(() => emulator.socketMode.connections === 0);
    await expect(emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'help' })).rejects.toThrow(
      /appUrl is not set/,
    );
  });
});
