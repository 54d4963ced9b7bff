import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnPostgres, startOwnPostgres } from '../../chaos/own-postgres.ts';
import { InboxWriter } from '../../src/inbox/index.ts';
import { enqueueEffects, listStreamEffects, OutboxDispatcher } from '../../src/outbox/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import type { Effect } from '../../src/platform/effects.ts';
import { type TestDatabase, testDatabaseKind } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { openOwnDatabase } from '../support/own-postgres.ts';

// Stopping the database under the dispatcher needs a server of the test's own; PGlite runs in the process.
describe.skipIf(testDatabaseKind !== 'postgres')('writes that meet a database outage', () => {
  let server: OwnPostgres;
  let database: TestDatabase;
  beforeAll(async () => {
    server = await startOwnPostgres();
    database = await openOwnDatabase(server);
  });
  afterAll(async () => {
    await database?.destroy();
    await server?.destroy();
  });

  const restartAfter = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(() => server.start());

  it('marks a request handled once the database is back, so it is not replayed after its lease', async () => {
    const writer = new InboxWriter(database.db, pino({ level: 'silent' }), { leaseSeconds: 30 });
    const id = await writer.insert({ teamId: 'T1', dedupeKey: 'command:outage', kind: 'command', payload: {} });
    await server.stop();
    const restarted = restartAfter(1500);
    // Resolves once the mark is stored (or given up on): the database was down when it was first tried.
    await writer.markHandled(id!);
    await restarted;
    const [row] = await queryRows<{ handled: boolean }>(
      database.db,
      sql`SELECT handled_at IS NOT NULL AS handled FROM inbox WHERE id = ${id}`,
    );
    expect(row?.handled).toBe(true);
  }, 40_000);

  it("records an effect's outcome once the database is back, without waiting out the lease or running it again", async () => {
    const runs: number[] = [];
    let restarted: Promise<void> | undefined;
    const dispatcher = new OutboxDispatcher({
      db: database.db,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 50,
      leaseSeconds: 60,
      executors: {
        // Slack did the work, and the database went away before the dispatcher could write that down.
        post: async (effect) => {
          runs.push(effect.id);
          await server.stop();
          restarted = restartAfter(1500);
          return { ts: '1.000001' };
        },
      },
    });
    await enqueueEffects(database.db, [
      { teamId: 'T1', stream: 's', kind: 'post', payload: {} },
    ] as unknown as Effect[]);
    dispatcher.start();
    dispatcher.kick();
    await (await eventually(() => restarted && { restarted })).restarted;
    // Well inside the 60 s lease: without the retried write the row stays running until the lease ends.
    const [row] = await eventually(async () => {
      const rows = await listStreamEffects(database.db, { teamId: 'T1', stream: 's' });
      return rows[0]?.status === 'done' ? rows : undefined;
    }, 15_000);
    await dispatcher.stop();
    expect(runs).toHaveLength(1);
    expect(row).toMatchObject({ status: 'done', attempts: 1, uncertain: 0, result: { ts: '1.000001' } });
  }, 40_000);
});
