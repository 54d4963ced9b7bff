import { describe, expect, it } from 'vitest';
import { actionReminderSweepHandler, actionReminderSweepJob, createAction } from '../../src/actions/index.ts';
import { declareIncident } from '../../src/incidents/index.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { listPendingJobs, scheduleJob } from '../../src/scheduler/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock, testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const sweepKey = 'actions:reminder-sweep';

describe('the weekly reminder sweep', () => {
  it('keeps a sooner sweep that another transaction planned while it ran', async () => {
    // Wednesday 2026-11-25: the owner (zone unknown, so UTC) is due Monday 2026-11-30 09:00.
    const clock = manualClock(new Date('2026-11-25T12:00:00Z'));
    const { deps } = await testDeps(database, { clock });
    const { incident } = await declareIncident(deps, {
      teamId: 'T1',
      declareKey: 'k1',
      declaredBy: 'U1',
      title: 'Search slow',
      severity: 'sev3',
    });
    await createAction(deps, {
      teamId: 'T1',
      incidentId: incident.id,
      actorId: 'U1',
      text: 'Add an alert',
      ownerId: 'U2',
    });
    clock.set(new Date('2026-11-30T09:00:30Z'));
    // Planned by an owner's new action that committed after the sweep read the earliest reminder.
    const sooner = new Date('2026-11-30T10:00:00Z');
    await scheduleJob(database.db, { teamId: 'T1', kind: actionReminderSweepJob, key: sweepKey, runAt: sooner });
    await inTransaction(deps, (tx, effects) =>
      actionReminderSweepHandler(deps)(tx, effects, {
        id: 0,
        teamId: 'T1',
        kind: actionReminderSweepJob,
        key: sweepKey,
        payload: {},
        runAt: clock.now(),
        attempts: 0,
      }),
    );
    const pending = await listPendingJobs(database.db, { teamId: 'T1', keyPrefix: sweepKey });
    expect(pending.map((job) => job.runAt.toISOString())).toEqual([sooner.toISOString()]);
  });
});
