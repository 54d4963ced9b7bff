import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cardStream, queueCardRefresh } from '../../src/incidents/index.ts';
import { listStreamEffects } from '../../src/outbox/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

describe('card refresh', () => {
  it('coalesces a burst of changes into one waiting redraw', async () => {
    const now = new Date();
    for (let i = 0; i < 50; i++) await queueCardRefresh(database.db, { teamId: 'T1', incidentId: 7 });
    const effects = await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) });
    expect(effects).toHaveLength(1);
    expect(effects[0]?.runAfter.getTime()).toBeGreaterThan(now.getTime());
  });

  it('queues a new redraw once the waiting one has started', async () => {
    await queueCardRefresh(database.db, { teamId: 'T1', incidentId: 7 });
    const [first] = await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) });
    await database.db.execute(sql`UPDATE outbox SET status = 'running', attempts = 1 WHERE id = ${first?.id}`);
    await queueCardRefresh(database.db, { teamId: 'T1', incidentId: 7 });
    expect(await listStreamEffects(database.db, { teamId: 'T1', stream: cardStream(7) })).toHaveLength(2);
  });
});
