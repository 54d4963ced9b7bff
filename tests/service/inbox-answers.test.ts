import { createServer, type Server, type Socket } from 'node:net';
import type { ReceiverEvent } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertInboxRows } from '../../src/inbox/index.ts';
import { type Copy, loadCopy } from '../../src/platform/copy.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db.ts';
import { InboxGate, type InboxGateOptions, type RequestProcessor } from '../../src/slack/inbox-gate.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const teamId = 'T0TEAM';
const logger = pino({ level: 'silent' });
const command = (triggerId: string) => ({
  team_id: teamId,
  user_id: 'U1',
  channel_id: 'C1',
  command: '/incident',
  text: 'note the primary is back',
  trigger_id: triggerId,
  response_url: `https://hooks.example/${triggerId}`,
});

/** Stands for Bolt's App: a listener that answers `text` after `delayMs`. */
function listener(text: string, delayMs = 0): RequestProcessor & { runs: number } {
  const app = {
    runs: 0,
    async processEvent(event: ReceiverEvent) {
      app.runs += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await event.ack({ response_type: 'ephemeral', text } as never);
    },
  };
  return app;
}

let copy: Copy;
let unreachable: Database;
let silent: Database;
let blackhole: Server;
const held: Socket[] = [];
beforeAll(async () => {
  copy = await loadCopy();
  // Nothing listens on port 9 (discard); the blackhole accepts connections and never says a word.
  unreachable = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:9/none' });
  blackhole = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const port = (blackhole.address() as { port: number }).port;
  silent = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/none` });
});
afterAll(async () => {
  await Promise.all([unreachable.close(), silent.close()]);
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
});

function deliver(gate: InboxGate, body: Record<string, unknown>) {
  const acks: Array<{ text?: string }> = [];
  const started = performance.now();
  const done = gate
    .processEvent({ body, ack: async (response) => void acks.push((response ?? {}) as { text?: string }) })
    .catch(() => {});
  return { acks, done, elapsed: () => performance.now() - started };
}

function gateWith(app: RequestProcessor, options: Partial<InboxGateOptions> = {}) {
  const posts: Array<{ url: string; text: string }> = [];
  const gate = new InboxGate({
    app,
    db: database.db,
    logger,
    copy,
    post: async (url, body) => void posts.push({ url, text: String(body.text) }),
    ...options,
  });
  return { gate, posts };
}

const storedCommands = async () =>
  (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM inbox WHERE kind = 'command'`))[0]?.n;

describe('what a person is told about a command', () => {
  it('"cannot reach its database; nothing was saved" when no connection can be opened, and the listener never runs', async () => {
    const app = listener(':memo: Noted');
    const { gate } = gateWith(app, { ackDb: unreachable.db });
    const request = deliver(gate, command('trigger.down'));
    await request.done;
    expect(request.acks.map((ack) => ack.text)).toEqual([copy.render('inbox.unreachable')]);
    expect(request.elapsed()).toBeLessThan(2500);
    expect(app.runs).toBe(0);
  });

  it('within the bound when the database does not answer, then "nothing was saved" once the write has certainly failed', async () => {
    const app = listener(':memo: Noted');
    const { gate, posts } = gateWith(app, { ackDb: silent.db, storeTimeoutMs: 300 });
    const request = deliver(gate, command('trigger.silent'));
    await request.done;
    expect(request.acks.map((ack) => ack.text)).toEqual([copy.render('inbox.unsure')]);
    expect(request.elapsed()).toBeLessThan(1000);
    // The connection attempt gives up (connect_timeout): the statement never ran.
    await eventually(() => posts.length > 0, 10_000);
    expect(posts).toEqual([{ url: 'https://hooks.example/trigger.silent', text: copy.render('inbox.unreachable') }]);
    expect(app.runs).toBe(0);
  });

  it('"Saved" in time when the listener is slow, and the listener\'s answer afterwards through response_url, marked late', async () => {
    const { gate, posts } = gateWith(listener(':memo: Noted at 14:05: the primary is back', 300), {
      holdAnswerMs: 100,
    });
    const request = deliver(gate, command('trigger.slow'));
    await request.done;
    expect(request.acks.map((ack) => ack.text)).toEqual([copy.render('inbox.saved_slow')]);
    expect(posts).toEqual([
      {
        url: 'https://hooks.example/trigger.slow',
        text: copy.render('inbox.answered_late', { text: ':memo: Noted at 14:05: the primary is back' }),
      },
    ]);
    expect(await storedCommands()).toBe(1);
  });

  it('the outcome of a replayed command through response_url: saved, answered late', async () => {
    await insertInboxRows(database.db, [
      { teamId, dedupeKey: 'command:trigger.replayed', kind: 'command', payload: command('trigger.replayed') },
    ]);
    await database.db.execute(sql`UPDATE inbox SET lease_until = now() - interval '1 second'`);
    const { gate, posts } = gateWith(listener(':memo: Noted'));
    expect(await gate.replayUnhandled()).toBe(1);
    expect(posts.map((post) => post.text)).toEqual([copy.render('inbox.answered_late', { text: ':memo: Noted' })]);
    expect(posts[0]?.text).toContain("Saved, but Firebreak answered late: don't send it again");
  });
});
