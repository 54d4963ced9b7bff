import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listIncidents } from '../../src/incidents/index.ts';
import { countOpenEffects } from '../../src/outbox/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { type TestDatabase, testDatabaseKind } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { slackTimeoutMs: 400 },
);

const alice = 'U0ALICE';
const declare = (text: string) =>
  harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: `declare ${text}` });
const incidentChannels = () =>
  harness.emulator.workspace.channels().filter((c: { name: string }) => c.name.startsWith('inc-'));
const cardsIn = (channelId: string) =>
  harness.emulator.workspace
    .messages(channelId)
    .filter((m: { blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []).includes('incident_card.'));

describe('when Slack misbehaves, nothing is lost and nothing is done twice', () => {
  it('a lost conversations.create response adopts the channel instead of making a second', async () => {
    harness.emulator.faults.add('conversations.create', { kind: 'lost' });
    await declare('sev2 Search is slow');
    await harness.settle();
    expect(incidentChannels().map((c: { name: string }) => c.name)).toEqual(['inc-1-search-is-slow']);
    const [incident] = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    expect(incident?.channelId).toBe(incidentChannels()[0]!.id);
    expect(cardsIn(incident!.channelId!)).toHaveLength(1);
  });

  it('a lost chat.postMessage response posts the card once', async () => {
    harness.emulator.faults.add('chat.postMessage', { kind: 'lost' });
    await declare('sev2 Search is slow');
    await harness.settle();
    const [incident] = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    const cards = cardsIn(incident!.channelId!);
    expect(cards).toHaveLength(1);
    expect(incident?.cardTs).toBe(cards[0]!.ts);
    expect(harness.emulator.workspace.pins(incident!.channelId!)).toHaveLength(1);
  });

  it('a slow Slack that times out the client still ends with one channel and one card', async () => {
    harness.emulator.faults.add('conversations.create', { kind: 'slow', ms: 800 });
    harness.emulator.faults.add('chat.postMessage', { kind: 'slow', ms: 800 });
    await declare('sev2 Search is slow');
    await harness.settle();
    expect(incidentChannels()).toHaveLength(1);
    expect(cardsIn(incidentChannels()[0]!.id)).toHaveLength(1);
  });

  it('waits out 429 Retry-After and 5xx, then finishes every step in order', async () => {
    harness.emulator.faults.add('conversations.create', { kind: 'ratelimit', retryAfter: 1 });
    harness.emulator.faults.add('conversations.invite', { kind: 'server_error', status: 503 });
    harness.emulator.faults.add('pins.add', { kind: 'server_error' }, { times: 2 });
    await declare('sev1 Login failures');
    await harness.settle(20_000);
    const channel = harness.emulator.workspace.channelByName('inc-1-login-failures');
    expect(channel?.members).toContain(alice);
    expect(harness.emulator.workspace.pins(channel!.id)).toHaveLength(1);
    expect(harness.emulator.workspace.messages('C0INCIDENTS')).toHaveLength(1);
    const creates = harness.emulator.callsTo('conversations.create');
    // Refused once, then made once (a retry after a client time-out on a busy machine would adopt it: name_taken).
    expect(creates[0]?.status).toBe(429);
    expect(creates.filter((c: { ok: boolean }) => c.ok)).toHaveLength(1);
    expect(incidentChannels()).toHaveLength(1);
  });

  it('while Slack is down the work waits in the outbox, and goes out once when it is back', async () => {
    harness.emulator.faults.add('*', { kind: 'server_error', status: 503 }, { times: 1000 });
    await declare('sev2 Payments degraded');
    // The declare is committed with its Slack work queued, and Slack has refused that work at least once.
    await eventually(() => harness.emulator.calls.some((c: { status: number }) => c.status === 503), 10_000);
    expect(await countOpenEffects(database.db)).toBeGreaterThan(0);
    expect(await listIncidents(database.db, { teamId: harness.emulator.teamId })).toHaveLength(1);
    harness.emulator.faults.clear();
    // Backoff after a few failures is several seconds; the work resumes without anyone re-declaring.
    await harness.settle(30_000);
    expect(incidentChannels()).toHaveLength(1);
    expect(cardsIn(incidentChannels()[0]!.id)).toHaveLength(1);
  }, 40_000);

  it('ten concurrent declares make ten incidents with ten channels', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => declare(`sev3 Concurrent problem ${i}`)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    await harness.settle(30_000);
    const incidents = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    expect(incidents.map((i) => i.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(incidents.map((i) => i.channelId)).size).toBe(10);
    expect(incidentChannels()).toHaveLength(10);
  });
});

describe('crashes and restarts', () => {
  it('a request stored but never handled (crash after ack) is replayed at start-up', async () => {
    // What the inbox holds when a process dies between storing a command and declaring.
    const payload = {
      team_id: harness.emulator.teamId,
      user_id: alice,
      channel_id: 'C0GENERAL',
      command: '/incident',
      text: 'declare sev2 Replayed after crash',
      trigger_id: 'crash.1',
      response_url: `${harness.emulator.baseUrl}/response/none`,
      api_app_id: 'A0FIREBRK',
    };
    await database.db.execute(
      sql`INSERT INTO inbox (team_id, dedupe_key, kind, payload, received_at) VALUES (${harness.emulator.teamId}, 'command:crash.1', 'command', ${JSON.stringify(payload)}::jsonb, now() - interval '5 minutes')`,
    );
    const replica = await harness.startReplica();
    await replica.app.slackApp.gate.replayUnhandled();
    await harness.settle();
    expect(harness.emulator.workspace.channelByName('inc-1-replayed-after-crash')).toBeDefined();
    const rows = await queryRows<{ handled: boolean }>(
      database.db,
      sql`SELECT handled_at IS NOT NULL AS handled FROM inbox`,
    );
    expect(rows).toEqual([{ handled: true }]);
  });

  it('effects queued before a restart are done once by the next process', async () => {
    harness.emulator.faults.add('conversations.create', { kind: 'server_error' }, { times: 1000 });
    await declare('sev2 Restart midway');
    // Stop only once the declare is committed and its channel has failed at least once: what is left is queued work.
    await eventually(() => harness.emulator.callsTo('conversations.create').length > 0, 10_000);
    await harness.app.stop();
    harness.emulator.faults.clear();
    await harness.startReplica();
    await harness.settle(30_000);
    expect(harness.emulator.workspace.channelByName('inc-1-restart-midway')).toBeDefined();
    expect(incidentChannels()).toHaveLength(1);
  }, 40_000);
});

describe.runIf(testDatabaseKind === 'postgres')('two app processes on one PostgreSQL', () => {
  it('spread requests make one incident each and every Slack effect happens once', async () => {
    const replica = await harness.startReplica();
    const urls = [harness.emulator.appUrl!, replica.url];
    const replies = [];
    for (let i = 0; i < 6; i++) {
      // The load balancer alternates: each request is signed and sent to one of the two processes.
      harness.emulator.appUrl = urls[i % 2];
      replies.push(declare(`sev3 Replica test ${i}`));
    }
    const statuses = (await Promise.all(replies)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    await harness.settle(30_000);
    expect(incidentChannels()).toHaveLength(6);
    for (const channel of incidentChannels()) expect(cardsIn(channel.id)).toHaveLength(1);
    expect(harness.emulator.workspace.messages('C0INCIDENTS')).toHaveLength(6);
  });
});
