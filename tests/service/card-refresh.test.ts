import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cardStream, queueCardRefresh } from '../../src/incidents/index.ts';
import { listStreamEffects, outboxSink } from '../../src/outbox/index.ts';
import { claimDueEffects } from '../../src/outbox/outbox-repo.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { type TestDatabase, testDatabaseKind, useTestDatabase } from '../support/database.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

// One transaction per change, as services make them.
const refresh = () =>
  inTransaction({ db: database.db, effects: outboxSink(() => {}) }, async (_tx, effects) =>
    queueCardRefresh(effects, { teamId: 'T1', incidentId: 7 }),
  );

describe('card refresh', () => {
  it('coalesces a burst of changes into one waiting redraw', async () => {
    const now = new Date();
    for (let i = 0; i < 50; i++) await refresh();
    const effects = await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) });
    expect(effects).toHaveLength(1);
    expect(effects[0]?.runAfter.getTime()).toBeGreaterThan(now.getTime());
  });

  it('queues a new redraw once the waiting one has started', async () => {
    await refresh();
    const [first] = await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) });
    await database.db.execute(sql`UPDATE outbox SET status = 'running', attempts = 1 WHERE id = ${first?.id}`);
    await refresh();
    expect(await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) })).toHaveLength(2);
  });

  // PGlite has one connection, so no claim can run there while another transaction is open.
  it.skipIf(testDatabaseKind === 'pglite')(
    'does not let the waiting redraw start while a change riding on it is uncommitted',
    async () => {
      await refresh();
      const [waiting] = await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) });
      await database.db.execute(sql`UPDATE outbox SET run_after = now() WHERE id = ${waiting?.id}`);
      const claim = () => claimDueEffects(database.db, { limit: 10, leaseSeconds: 30 });
      // The dispatcher claims, on a connection of its own, between the change's write and its commit.
      const sink = outboxSink(() => {});
      let claimedMeanwhile: number[] = [];
      await inTransaction(
        {
          db: database.db,
          effects: {
            write: async (tx, effects) => {
              await sink.write(tx, effects);
              claimedMeanwhile = (await claim()).map((effect) => effect.id);
            },
            written: sink.written,
          },
        },
        async (_tx, effects) => queueCardRefresh(effects, { teamId: 'T1', incidentId: 7 }),
      );
      // Claimed then, the redraw would have read the card as it was before the change, and no other follows.
      expect(claimedMeanwhile).toEqual([]);
      expect((await claim()).map((effect) => effect.id)).toEqual([waiting?.id]);
      expect(await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) })).toHaveLength(1);
    },
  );
});
