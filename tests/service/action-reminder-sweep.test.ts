import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  actionReminderSweepHandler,
  actionReminderSweepJob,
  createAction,
  reminderPageSize,
} from '../../src/actions/index.ts';
import { declareIncident } from '../../src/incidents/index.ts';
import { outboxTable } from '../../src/outbox/outbox.sql.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { listPendingJobs, scheduleJob } from '../../src/scheduler/index.ts';
import { scheduledJobsTable } from '../../src/scheduler/scheduler.sql.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock, testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const sweepKey = 'actions:reminder-sweep';

function sweepJob(runAt: Date) {
  return { id: 0, teamId: 'T1', kind: actionReminderSweepJob, key: sweepKey, payload: {}, runAt, attempts: 0 };
}

/** Runs the pending sweep as the job runner would: taken off the pending list, then its handler run. */
async function runPendingSweep(deps: Awaited<ReturnType<typeof testDeps>>['deps'], now: Date) {
  await database.db
    .update(scheduledJobsTable)
    .set({ status: 'done' })
    .where(and(eq(scheduledJobsTable.key, sweepKey), eq(scheduledJobsTable.status, 'pending')));
  await inTransaction(deps, (tx, effects) => actionReminderSweepHandler(deps)(tx, effects, sweepJob(now)));
}

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

  it('reads due owners a page at a time and comes straight back for the rest', async () => {
    const clock = manualClock(new Date('2026-11-25T12:00:00Z'));
    const { deps } = await testDeps(database, { clock });
    const { incident } = await declareIncident(deps, {
      teamId: 'T1',
      declareKey: 'k1',
      declaredBy: 'U1',
      title: 'Search slow',
      severity: 'sev3',
    });
    for (let i = 0; i <= reminderPageSize; i++)
      await createAction(deps, {
        teamId: 'T1',
        incidentId: incident.id,
        actorId: 'U1',
        text: 'Add an alert',
        ownerId: `U${i}`,
      });
    clock.set(new Date('2026-11-30T09:00:30Z'));
    const reminders = async () =>
      (await database.db.select().from(outboxTable).where(eq(outboxTable.kind, 'action.reminder_dm'))).length;
    await runPendingSweep(deps, clock.now());
    expect(await reminders()).toBe(reminderPageSize);
    const [again] = await listPendingJobs(database.db, { teamId: 'T1', keyPrefix: sweepKey });
    expect(again?.runAt.toISOString()).toBe(clock.now().toISOString());
    await runPendingSweep(deps, clock.now());
    expect(await reminders()).toBe(reminderPageSize + 1);
    const [next] = await listPendingJobs(database.db, { teamId: 'T1', keyPrefix: sweepKey });
    expect(next?.runAt.toISOString()).toBe('2026-12-07T09:00:00.000Z');
  }, 60_000);
});
