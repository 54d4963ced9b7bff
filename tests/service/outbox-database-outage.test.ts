import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnPostgres, startOwnPostgres } from '../../chaos/own-postgres.ts';
import { enqueueEffects, listStreamEffects, OutboxDispatcher } from '../../src/outbox/index.ts';
import type { Effect } from '../../src/platform/effects.ts';
import { type TestDatabase, testDatabaseKind } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { openOwnDatabase } from '../support/own-postgres.ts';

// Stopping the database under the dispatcher needs a server of the test's own; PGlite runs in the process.
describe.skipIf(testDatabaseKind !== 'postgres')('outbox dispatcher when the database goes away mid-effect', () => {
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

  it('records the outcome once the database is back, without waiting out the lease or running it again', async () => {
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
          restarted = new Promise((resolve) => setTimeout(resolve, 1500)).then(() => server.start());
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
