import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { outboxSink } from '../../src/outbox/index.ts';
import { queryRows, type Tx } from '../../src/platform/db.ts';
import {
  cancelJobs,
  JobRunner,
  jobStats,
  lastJobSuccesses,
  listPendingJobs,
  type ScheduledJob,
  scheduleJob,
} from '../../src/scheduler/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase(async (created) => {
  database = created;
  await database.db.execute(sql`CREATE TABLE IF NOT EXISTS job_effects (job_id bigint, note text)`);
});

const logger = pino({ level: 'silent' });
const t0 = new Date('2026-11-25T12:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

function runner(clock: ReturnType<typeof manualClock>, handler: (tx: Tx, job: ScheduledJob) => Promise<void>) {
  return new JobRunner({
    db: database.db,
    clock,
    logger,
    handlers: { nudge: (tx, _effects, job) => handler(tx, job) },
    effects: outboxSink(() => {}),
  });
}

async function recordEffect(tx: Tx, job: ScheduledJob) {
  await tx.execute(sql`INSERT INTO job_effects VALUES (${job.id}, ${String(job.payload.note)})`);
}

async function effects() {
  return queryRows<{ note: string }>(database.db, sql`SELECT note FROM job_effects ORDER BY job_id`);
}

describe('scheduler', () => {
  it('runs a job when the clock reaches it, once', async () => {
    const clock = manualClock(t0);
    await scheduleJob(database.db, {
      teamId: 'T1',
      kind: 'nudge',
      key: 'incident:1:nudge',
      runAt: minutes(10),
      payload: { note: 'a' },
    });
    const jobs = runner(clock, recordEffect);
    expect(await jobs.runDue()).toBe(0);
    clock.set(minutes(10));
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    expect(await effects()).toEqual([{ note: 'a' }]);
  });

  it('rescheduling a key replaces the pending job; cancelling by prefix stops them', async () => {
    const clock = manualClock(t0);
    await scheduleJob(database.db, {
      teamId: 'T1',
      kind: 'nudge',
      key: 'incident:1:update',
      runAt: minutes(5),
      payload: { note: 'old' },
    });
    await scheduleJob(database.db, {
      teamId: 'T1',
      kind: 'nudge',
      key: 'incident:1:update',
      runAt: minutes(30),
      payload: { note: 'new' },
    });
    await scheduleJob(database.db, {
      teamId: 'T1',
      kind: 'nudge',
      key: 'incident:1:role',
      runAt: minutes(5),
      payload: { note: 'role' },
    });
    await scheduleJob(database.db, {
      teamId: 'T1',
      kind: 'nudge',
      key: 'incident:10:role',
      runAt: minutes(5),
      payload: { note: 'other incident' },
    });
    expect(await listPendingJobs(database.db, { teamId: 'T1', keyPrefix: 'incident:1:' })).toHaveLength(2);
    expect(await cancelJobs(database.db, { teamId: 'T1', keyPrefix: 'incident:1:role' })).toBe(1);
    clock.set(minutes(60));
    await runner(clock, recordEffect).runDue();
    expect((await effects()).map((e) => e.note).sort()).toEqual(['new', 'other incident']);
  });

  it('retries a failing job with backoff and keeps none of its partial work', async () => {
    const clock = manualClock(t0);
    let calls = 0;
    await scheduleJob(database.db, { teamId: 'T1', kind: 'nudge', key: 'k', runAt: t0, payload: { note: 'x' } });
    const jobs = runner(clock, async (tx, job) => {
      await recordEffect(tx, job);
      if (++calls === 1) throw new Error('boom');
    });
    await jobs.runDue();
    expect(await effects()).toEqual([]);
    expect((await jobStats(database.db, clock.now())).pending).toBe(1);
    clock.advance(9_000);
    expect(await jobs.runDue()).toBe(0);
    clock.advance(2_000);
    expect(await jobs.runDue()).toBe(1);
    expect(await effects()).toEqual([{ note: 'x' }]);
  });

  it('two runners on one database run each job once', async () => {
    const clock = manualClock(t0);
    for (let i = 0; i < 30; i++)
      await scheduleJob(database.db, {
        teamId: 'T1',
        kind: 'nudge',
        key: `k${i}`,
        runAt: t0,
        payload: { note: String(i) },
      });
    const a = runner(clock, recordEffect);
    const b = runner(clock, recordEffect);
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    expect(await effects()).toHaveLength(30);
  });

  it('a job whose runner died is picked up after its lease, as reported lag', async () => {
    const clock = manualClock(t0);
    await scheduleJob(database.db, { teamId: 'T1', kind: 'nudge', key: 'k', runAt: t0, payload: { note: 'x' } });
    // A runner claims the job and dies: simulate by leasing it directly.
    await database.db.execute(
      sql`UPDATE scheduled_jobs SET status = 'running', attempts = 1, lease_until = ${minutes(2).toISOString()}::timestamptz`,
    );
    const jobs = runner(clock, recordEffect);
    expect(await jobs.runDue()).toBe(0);
    clock.set(minutes(3));
    expect(await jobs.runDue()).toBe(1);
    expect(await effects()).toEqual([{ note: 'x' }]);
  });
});

describe('last successful run of each job kind', () => {
  const nudge = (teamId: string, key: string, runAt = t0) =>
    scheduleJob(database.db, { teamId, kind: 'nudge', key, runAt, payload: { note: key } });

  it("records a job's success at the app's clock time, the latest over every workspace", async () => {
    const clock = manualClock(t0);
    await nudge('T1', 'a');
    await nudge('T2', 'b', minutes(5));
    const jobs = runner(clock, recordEffect);
    clock.set(minutes(1));
    await jobs.runDue();
    expect(await lastJobSuccesses(database.db)).toEqual([{ kind: 'nudge', at: minutes(1) }]);
    clock.set(minutes(7));
    await jobs.runDue();
    expect(await lastJobSuccesses(database.db)).toEqual([{ kind: 'nudge', at: minutes(7) }]);
  });

  it('does not record a failing job, nor move when a job fails after one succeeded', async () => {
    const clock = manualClock(t0);
    await nudge('T1', 'ok');
    await runner(clock, recordEffect).runDue();
    await nudge('T1', 'broken', minutes(5));
    clock.set(minutes(5));
    const failing = runner(clock, async () => {
      throw new Error('Slack is down');
    });
    expect(await failing.runDue()).toBe(1);
    expect((await jobStats(database.db, clock.now())).pending).toBe(1);
    expect(await lastJobSuccesses(database.db)).toEqual([{ kind: 'nudge', at: t0 }]);
  });

  it('has nothing for a kind that has only failed', async () => {
    const clock = manualClock(t0);
    await nudge('T1', 'broken');
    await runner(clock, async () => {
      throw new Error('Slack is down');
    }).runDue();
    expect(await lastJobSuccesses(database.db)).toEqual([]);
  });
});
