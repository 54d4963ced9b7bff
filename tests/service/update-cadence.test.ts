import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { declareIncident, notifyIncidentChanged } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { JobRunner, listPendingJobs } from '../../src/scheduler/index.ts';
import { postStakeholderUpdate, updateDueHandler, updateDueJobKind } from '../../src/updates/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock, notifyChange, testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const minute = 60_000;

async function setup() {
  const clock = manualClock();
  const { deps } = await testDeps(database, { clock });
  const { incident } = await declareIncident(deps, {
    teamId: 'T1',
    declareKey: 'k1',
    declaredBy: 'U1',
    title: 'Checkout down',
    severity: 'sev1',
  });
  const due = async () =>
    (await listPendingJobs(database.db, { teamId: 'T1', keyPrefix: `incident:${incident.id}:update-due` })).map(
      (j) => j.runAt.getTime() - incident.declaredAt.getTime(),
    );
  return { clock, deps, incident, due };
}

describe('update cadence listener', () => {
  it('schedules the first nudge at the severity’s cadence when declared', async () => {
    const { due } = await setup();
    expect(await due()).toEqual([30 * minute]);
  });

  it('moves the nudge when the severity changes, from the last update', async () => {
    const { clock, deps, incident, due } = await setup();
    clock.advance(5 * minute);
    await postStakeholderUpdate(deps, {
      teamId: 'T1',
      incidentId: incident.id,
      authorId: 'U1',
      status: 's',
      impact: 'i',
      actions: 'a',
      nextUpdateMinutes: 60,
      eta: '',
      confidence: undefined,
    });
    expect(await due()).toEqual([65 * minute]);
    await notifyChange(deps, { ...incident, severity: 'sev0' }, { kind: 'severity_changed', from: 'sev1', to: 'sev0' });
    expect(await due()).toEqual([20 * minute]);
    // A severity without a cadence needs no reminders.
    await notifyChange(deps, { ...incident, severity: 'sev3' }, { kind: 'severity_changed', from: 'sev0', to: 'sev3' });
    expect(await due()).toEqual([]);
  });

  it('never schedules in the past after a late severity change', async () => {
    const { clock, deps, incident, due } = await setup();
    clock.advance(50 * minute);
    await notifyChange(deps, { ...incident, severity: 'sev0' }, { kind: 'severity_changed', from: 'sev1', to: 'sev0' });
    expect(await due()).toEqual([50 * minute]);
  });

  it('cancels on resolve and restarts on reopen', async () => {
    const { clock, deps, incident, due } = await setup();
    await notifyChange(
      deps,
      { ...incident, status: 'resolved' },
      { kind: 'status_changed', from: 'monitoring', to: 'resolved' },
    );
    expect(await due()).toEqual([]);
    clock.advance(90 * minute);
    await notifyChange(
      deps,
      { ...incident, status: 'investigating' },
      { kind: 'status_changed', from: 'resolved', to: 'investigating' },
    );
    expect(await due()).toEqual([120 * minute]);
  });

  it('a rolled-back change leaves the schedule as it was', async () => {
    const { deps, incident, due } = await setup();
    await inTransaction(deps, async (tx, effects) => {
      await notifyIncidentChanged(
        tx,
        effects,
        deps,
        { ...incident, status: 'resolved' },
        { kind: 'status_changed', from: 'monitoring', to: 'resolved' },
      );
      throw new Error('the status change failed');
    }).catch(() => {});
    expect(await due()).toEqual([30 * minute]);
  });

  it('after a downtime nudges once and counts the intervals it skipped, instead of replaying each', async () => {
    const { clock, deps, incident, due } = await setup();
    // Down for ten hours: twenty 30-minute nudges passed.
    clock.set(new Date(incident.declaredAt.getTime() + 10 * 60 * minute + minute));
    const jobs = new JobRunner({
      db: database.db,
      clock,
      logger: pino({ level: 'silent' }),
      handlers: { [updateDueJobKind]: updateDueHandler(deps) },
      effects: deps.effects,
    });
    await jobs.runDue();
    const nudges = await queryRows<{ missed: number }>(
      database.db,
      sql`SELECT (payload->>'missed')::int AS missed FROM outbox WHERE kind = 'update.nudge'`,
    );
    expect(nudges).toEqual([{ missed: 0 }]);
    expect(await due()).toEqual([10 * 60 * minute + 30 * minute]);
    const [next] = await listPendingJobs(database.db, {
      teamId: 'T1',
      keyPrefix: `incident:${incident.id}:update-due`,
    });
    expect(next?.payload.missed).toBe(20);
  });
});
