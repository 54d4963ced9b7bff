import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cardStream, queueCardRefresh } from '../../src/incidents/index.ts';
import { listStreamEffects, outboxSink } from '../../src/outbox/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

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
});
