import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { declareIncident, updateIncidentSlackRefs } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import {
  ChannelEventWriter,
  captureMessage,
  listTimeline,
  planDeleteCapture,
  planEditCapture,
  planMessageCapture,
  storeChannelEvents,
} from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

/** An incident whose channel is C_INC. */
async function incidentInChannel(teamId = 'T1', channelId = 'C_INC') {
  const { deps } = await testDeps(database);
  const { incident } = await declareIncident(deps, {
    teamId,
    declaredBy: 'U0ALICE',
    title: 'Checkout errors',
    severity: 'sev2',
    declareKey: `k-${teamId}`,
  });
  await updateIncidentSlackRefs(database.db, { teamId, id: incident.id, channelId });
  return { deps, incident };
}

const message = (eventId: string, ts: string, text: string, channelId = 'C_INC', teamId = 'T1') => ({
  teamId,
  dedupeKey: `event:${eventId}`,
  payload: { event_id: eventId, event: { type: 'message', channel: channelId, ts, text } },
  channelId,
  entry: planMessageCapture({ teamId, channelId, ts, userId: 'U0BOB', text }).entry,
});

async function inboxRows() {
  return queryRows<{ dedupe_key: string; handled: boolean; attempts: number }>(
    database.db,
    sql`SELECT dedupe_key, handled_at IS NOT NULL AS handled, attempts FROM inbox ORDER BY dedupe_key`,
  );
}

async function messagesOf(teamId: string, incidentId: number) {
  return (await listTimeline(database.db, { teamId, incidentId })).filter((entry) => entry.kind.startsWith('message'));
}

describe('storing channel events in one statement', () => {
  it('stores each request as handled and its entry in the incident of its channel, in ts order', async () => {
    const { incident } = await incidentInChannel();
    const fresh = await storeChannelEvents(database.db, [
      message('Ev2', '1700000002.000000', 'second'),
      message('Ev1', '1700000001.000000', 'first <@U0CAROL>'),
    ]);
    expect(fresh).toEqual([true, true]);
    const entries = await messagesOf('T1', incident.id);
    expect(entries.map((entry) => entry.text)).toEqual(['first <@U0CAROL>', 'second']);
    expect(entries[0]).toMatchObject({
      incidentId: incident.id,
      actorId: 'U0BOB',
      slackTs: '1700000001.000000',
      data: { channelId: 'C_INC', mentions: ['U0CAROL'] },
    });
    expect(await inboxRows()).toEqual([
      { dedupe_key: 'event:Ev1', handled: true, attempts: 1 },
      { dedupe_key: 'event:Ev2', handled: true, attempts: 1 },
    ]);
  });

  it('keeps requests from other channels and messages not copied in the inbox only', async () => {
    const { incident } = await incidentInChannel();
    const botMessage = { teamId: 'T1', dedupeKey: 'event:EvBot', payload: { bot: true }, channelId: 'C_INC' };
    const fresh = await storeChannelEvents(database.db, [
      message('EvElsewhere', '1700000001.000000', 'lunch?', 'C_RANDOM'),
      botMessage,
    ]);
    expect(fresh).toEqual([true, true]);
    expect(await messagesOf('T1', incident.id)).toEqual([]);
    expect((await inboxRows()).map((row) => row.dedupe_key)).toEqual(['event:EvBot', 'event:EvElsewhere']);
  });

  it('stores a retried event once, whether the retry comes in a later batch or the same one', async () => {
    const { incident } = await incidentInChannel();
    expect(
      await storeChannelEvents(database.db, [
        message('Ev1', '1700000001.000000', 'hello'),
        message('Ev1', '1700000001.000000', 'hello'),
      ]),
    ).toEqual([true, false]);
    expect(
      await storeChannelEvents(database.db, [
        message('Ev1', '1700000001.000000', 'hello'),
        message('Ev2', '1700000002.000000', 'again'),
      ]),
    ).toEqual([false, true]);
    expect((await messagesOf('T1', incident.id)).map((entry) => entry.text)).toEqual(['hello', 'again']);
    expect(await inboxRows()).toHaveLength(2);
  });

  it('records a message once when it was already captured another way (event and shortcut)', async () => {
    const { deps, incident } = await incidentInChannel();
    await captureMessage(deps, {
      teamId: 'T1',
      channelId: 'C_INC',
      ts: '1700000001.000000',
      userId: 'U0BOB',
      text: 'hello',
    });
    expect(await storeChannelEvents(database.db, [message('Ev1', '1700000001.000000', 'hello')])).toEqual([true]);
    expect(await messagesOf('T1', incident.id)).toHaveLength(1);
  });

  it('keeps workspaces apart: the same channel id in another workspace is not this incident', async () => {
    const { incident } = await incidentInChannel('T1', 'C_SHARED');
    await storeChannelEvents(database.db, [
      message('Ev1', '1700000001.000000', 'from T2', 'C_SHARED', 'T2'),
      message('Ev1', '1700000001.000000', 'from T1', 'C_SHARED', 'T1'),
    ]);
    expect((await messagesOf('T1', incident.id)).map((entry) => entry.text)).toEqual(['from T1']);
    expect(await inboxRows()).toHaveLength(2);
  });

  it('stores edits (even before their message) and deletes as versions of the message', async () => {
    const { incident } = await incidentInChannel();
    const edit = planEditCapture({
      teamId: 'T1',
      channelId: 'C_INC',
      ts: '1700000001.000000',
      editedTs: '1700000005.000000',
      userId: 'U0BOB',
      text: 'hello, fixed',
      previousText: 'helo',
    });
    const deletion = planDeleteCapture({
      teamId: 'T1',
      channelId: 'C_INC',
      ts: '1700000001.000000',
      eventTs: '1700000009.000000',
    });
    await storeChannelEvents(database.db, [
      { teamId: 'T1', dedupeKey: 'event:EvEdit', payload: {}, channelId: 'C_INC', entry: edit.entry },
    ]);
    await storeChannelEvents(database.db, [
      message('Ev1', '1700000001.000000', 'helo'),
      { teamId: 'T1', dedupeKey: 'event:EvDel', payload: {}, channelId: 'C_INC', entry: deletion.entry },
    ]);
    const entries = await messagesOf('T1', incident.id);
    expect(entries.map((entry) => [entry.kind, entry.text])).toEqual([
      ['message', 'helo'],
      ['message_edited', 'hello, fixed'],
      ['message_deleted', ''],
    ]);
    expect(entries[1]?.data).toMatchObject({ previousText: 'helo' });
  });

  it('group-commits concurrent events: every one stored once, in fewer statements than events', async () => {
    const { incident } = await incidentInChannel();
    const writer = new ChannelEventWriter(database.db, { concurrency: 2 });
    const events = Array.from({ length: 300 }, (_, i) =>
      message(`Ev${i % 250}`, `1700000000.${String(i % 250).padStart(6, '0')}`, `m${i % 250}`),
    );
    const fresh = await Promise.all(events.map((event) => writer.store(event)));
    await writer.drain();
    expect(fresh.filter(Boolean)).toHaveLength(250);
    expect(await messagesOf('T1', incident.id)).toHaveLength(250);
    const [statements] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT received_at)::int AS n FROM inbox`,
    );
    expect(statements?.n).toBeLessThan(250);
  });
});
