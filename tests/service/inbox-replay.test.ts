import type { ReceiverEvent } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { insertInboxRows } from '../../src/inbox/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { queryRows } from '../../src/platform/db.ts';
import { InboxGate, type RequestProcessor } from '../../src/slack/inbox-gate.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const teamId = 'T0TEAM';
const logger = pino({ level: 'silent' });
/** A reaction event: not a channel message, so it takes the inbox's ordinary path (store, then the listeners). */
const reaction = (eventId: string) => ({
  type: 'event_callback',
  team_id: teamId,
  event_id: eventId,
  event: { type: 'reaction_added', reaction: 'eyes', item: { type: 'message', channel: 'C1', ts: '1.1' } },
});

/** Stands for Bolt's App: records every request it is given, optionally failing or waiting first. */
function recordingApp(behaviour: { failTimes?: number; delayMs?: number } = {}): RequestProcessor & { seen: string[] } {
  let failures = behaviour.failTimes ?? 0;
  const seen: string[] = [];
  return {
    seen,
    async processEvent(event: ReceiverEvent) {
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (failures-- > 0) throw new Error('handling failed');
      seen.push(String(event.body.event_id));
    },
  };
}

async function gate(app: RequestProcessor, db = database.db) {
  return new InboxGate({ app, db, logger, copy: await loadCopy(), leaseSeconds: 30 });
}

/** Rows stored by a process that then lost them (its lease is over), as after a crash or an outage. */
async function storeAbandoned(keys: string[]) {
  await insertInboxRows(
    database.db,
    keys.map((key) => ({ teamId, dedupeKey: `event:${key}`, kind: 'event', payload: reaction(key) })),
  );
  await database.db.execute(sql`UPDATE inbox SET lease_until = now() - interval '1 second'`);
}

const unhandled = async () =>
  (
    await queryRows<{ dedupe_key: string }>(
      database.db,
      sql`SELECT dedupe_key FROM inbox WHERE handled_at IS NULL ORDER BY id`,
    )
  ).map((row) => row.dedupe_key);

describe('replaying the inbox', () => {
  it('two replay workers claiming at once handle each unhandled row exactly once', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `EvR${i}`);
    await storeAbandoned(keys);
    const first = recordingApp({ delayMs: 2 });
    const second = recordingApp({ delayMs: 2 });
    // Two replicas: on PostgreSQL their claims run on two pools (connections) at the same moment.
    const [a, b] = await Promise.all([gate(first, database.db), gate(second, database.ackDb)]);
    await Promise.all([a.replayUnhandled(), b.replayUnhandled(), a.replayUnhandled(), b.replayUnhandled()]);
    expect([...first.seen, ...second.seen].sort()).toEqual([...keys].sort());
    expect(await unhandled()).toEqual([]);
  });

  it('leaves a row alone while its lease lasts and takes it once the lease has expired', async () => {
    await insertInboxRows(
      database.db,
      [{ teamId, dedupeKey: 'event:EvLeased', kind: 'event', payload: reaction('EvLeased') }],
      { leaseSeconds: 30 },
    );
    const app = recordingApp();
    const replay = await gate(app);
    expect(await replay.replayUnhandled()).toBe(0);
    await database.db.execute(sql`UPDATE inbox SET lease_until = now() - interval '1 second'`);
    expect(await replay.replayUnhandled()).toBe(1);
    expect(app.seen).toEqual(['EvLeased']);
    expect(await unhandled()).toEqual([]);
  });

  it('backs a failed attempt off and retries it once the back-off is over', async () => {
    await storeAbandoned(['EvFlaky']);
    const app = recordingApp({ failTimes: 1 });
    const replay = await gate(app);
    expect(await replay.replayUnhandled()).toBe(1);
    const [failed] = await queryRows<{ attempts: number; waiting: boolean }>(
      database.db,
      sql`SELECT attempts, lease_until > now() AS waiting FROM inbox`,
    );
    expect(failed).toEqual({ attempts: 1, waiting: true });
    expect(await replay.replayUnhandled()).toBe(0);
    await database.db.execute(sql`UPDATE inbox SET lease_until = now() - interval '1 second'`);
    expect(await replay.replayUnhandled()).toBe(1);
    expect(app.seen).toEqual(['EvFlaky']);
    expect(await unhandled()).toEqual([]);
  });
});

describe('a Slack retry', () => {
  const deliver = (replay: InboxGate, eventId: string, retryNum?: number) => {
    const acks: unknown[] = [];
    const event: ReceiverEvent = {
      body: reaction(eventId),
      ack: async (response) => void acks.push(response ?? null),
      ...(retryNum ? { retryNum } : {}),
    };
    return replay.processEvent(event).then(() => acks);
  };

  it('of a request stored but never handled is handled, once', async () => {
    await storeAbandoned(['EvHalf']);
    const app = recordingApp();
    const replay = await gate(app);
    await deliver(replay, 'EvHalf', 1);
    expect(app.seen).toEqual(['EvHalf']);
    expect(await unhandled()).toEqual([]);
    // A later retry of the now handled request is acknowledged and dropped.
    expect(await deliver(replay, 'EvHalf', 2)).toHaveLength(1);
    expect(app.seen).toEqual(['EvHalf']);
    const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM inbox`);
    expect(row?.n).toBe(1);
  });

  it('of a request another process is handling now is acknowledged and not run a second time', async () => {
    await insertInboxRows(
      database.db,
      [{ teamId, dedupeKey: 'event:EvBusy', kind: 'event', payload: reaction('EvBusy') }],
      { leaseSeconds: 30 },
    );
    const app = recordingApp();
    const replay = await gate(app);
    expect(await deliver(replay, 'EvBusy', 1)).toHaveLength(1);
    expect(app.seen).toEqual([]);
    expect(await unhandled()).toEqual(['event:EvBusy']);
  });
});
