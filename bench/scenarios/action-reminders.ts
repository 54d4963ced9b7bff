import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { PgDialect } from 'drizzle-orm/pg-core';
import { actionReminderSweepJob, dueOwnersQuery, reminderPageSize } from '../../src/actions/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { scheduleJob } from '../../src/scheduler/index.ts';
import { reminderTeamId, seedReminders } from '../action-reminders-seed.ts';
import { startAutoAnalyze } from '../auto-analyze.ts';
import { EmulatorThread } from '../emulator-thread.ts';
import { collectGarbage, measureLiveHeap, measurePeak } from '../memory-peak.ts';
import { openRawSql, type RawSql } from '../raw-sql.ts';
import type { BenchContext, Scenario } from '../scenario.ts';
import { startFirebreak } from '../targets.ts';
import {
  type ReminderMeasurements,
  type ReminderOutcome,
  remindersResult,
  type SendProgress,
} from './action-reminders-report.ts';

const scenario = 'action-reminders';
/** The workload: 10,000 owners of 10 open actions each; BENCH_ACTION_OWNERS makes a quicker run. */
const owners = Number(process.env.BENCH_ACTION_OWNERS || 10_000);
/**
 * The emulator's chat.postMessage cap per minute, and Firebreak's `slack.post_message_per_minute`. Low enough
 * that the cap, not Firebreak, sets the pace once Slack's bucket (a minute's worth, full at the start) is spent.
 */
const postsPerMinute = Number(process.env.BENCH_ACTION_POSTS_PER_MINUTE || 3000);
const incidents = 100;
const queryWarmup = 3;
const queryRuns = 20;
// The sweep's own job key (action-reminders.ts): scheduling under it replaces a pending sweep, as the app does.
const sweepKey = 'actions:reminder-sweep';
const pollMs = 200;
/** BENCH_AUTOANALYZE=off leaves a server without autovacuum as it is (see auto-analyze.ts). */
const autoAnalyze = process.env.BENCH_AUTOANALYZE !== 'off';
const autoAnalyzeMs = 10_000;
const rolledBack = new Error('rolled back on purpose');

/** The statement text and parameters of the sweep's query, to EXPLAIN through a connection of the bench's own. */
function dueOwnersStatement(now: Date): { text: string; params: unknown[] } {
  const query = new PgDialect().sqlToQuery(dueOwnersQuery({ teamId: reminderTeamId, now, limit: reminderPageSize }));
  return { text: query.sql, params: query.params };
}

/** The plan (EXPLAIN ANALYZE, BUFFERS) and ~20 timings of the query the sweep runs, through the app's own connection pool. */
async function measureDueOwnersQuery(context: BenchContext, raw: RawSql) {
  const statement = dueOwnersStatement(new Date());
  const plan = await raw.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    statement.params,
  );
  // Inside a transaction, as the sweep runs it, and rolled back: on its own, FOR UPDATE would also time
  // the commit's WAL flush (~5 ms here), which the sweep pays once per page for everything it wrote.
  const run = async () => {
    let timed: { ms: number; rows: number } | undefined;
    await context.database.db
      .transaction(async (tx) => {
        const started = performance.now();
        const rows = await queryRows(
          tx,
          dueOwnersQuery({ teamId: reminderTeamId, now: new Date(), limit: reminderPageSize }),
        );
        timed = { ms: performance.now() - started, rows: rows.length };
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    return timed!;
  };
  for (let i = 0; i < queryWarmup; i++) await run();
  const samplesMs: number[] = [];
  let rows = 0;
  for (let i = 0; i < queryRuns; i++) {
    const timed = await run();
    samplesMs.push(timed.ms);
    rows = timed.rows;
  }
  return { planLines: plan.map((row) => row['QUERY PLAN']), samplesMs, rows };
}

type OutboxCounts = { queued: number; done: number; dead: number };

async function reminderEffects(raw: RawSql): Promise<OutboxCounts> {
  const rows = await raw.query<{ status: string; n: number | string }>(
    `SELECT status, count(*) AS n FROM outbox WHERE team_id = $1 AND kind = 'action.reminder_dm' GROUP BY status`,
    [reminderTeamId],
  );
  const of = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { queued: rows.reduce((sum, row) => sum + Number(row.n), 0), done: of('done'), dead: of('dead') };
}

/**
 * Schedules the sweep due now and waits until every reminder effect is settled and every owner's DM has
 * reached the emulator (or the time runs out), noting when the last effect was queued.
 */
async function sendReminders(context: BenchContext, raw: RawSql, timeoutMs: number): Promise<SendProgress> {
  const analyzer = autoAnalyze
    ? await startAutoAnalyze(raw, autoAnalyzeMs, { embedded: !context.databaseUrl })
    : undefined;
  const mode = !autoAnalyze
    ? 'nobody (BENCH_AUTOANALYZE=off)'
    : analyzer?.active
      ? `the bench’s stand-in (autovacuum: ${analyzer.serverSetting})`
      : `the server’s autovacuum (${analyzer?.serverSetting ?? 'setting unreadable'})`;
  try {
    const progress = await sweepAndWait(context, raw, timeoutMs);
    return { ...progress, analyze: { mode, runs: (await analyzer?.stop()) ?? [] } };
  } finally {
    await analyzer?.stop();
  }
}

async function sweepAndWait(
  context: BenchContext,
  raw: RawSql,
  timeoutMs: number,
): Promise<Omit<SendProgress, 'analyze'>> {
  const started = performance.now();
  const scheduledAt = new Date();
  await scheduleJob(context.database.db, {
    teamId: reminderTeamId,
    kind: actionReminderSweepJob,
    key: sweepKey,
    runAt: scheduledAt,
  });
  let queuedMs: number | undefined;
  let lastLog = started;
  for (;;) {
    const counts = await reminderEffects(raw);
    const elapsed = performance.now() - started;
    if (queuedMs === undefined && counts.queued >= owners) queuedMs = elapsed;
    const settled = counts.done + counts.dead >= owners;
    // An effect is marked done after its chat.postMessage answered, so by then the emulator has logged it.
    if (settled || elapsed > timeoutMs)
      return { scheduledAt, queuedMs, settledMs: elapsed, timedOut: !settled, ...counts };
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      context.log(
        `  ${scenario}: ${(elapsed / 1000).toFixed(0)} s: ${counts.queued} queued, ${counts.done} done, ${counts.dead} dead`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

const mb = (usage: NodeJS.MemoryUsage) => (usage.heapUsed + usage.external) / 2 ** 20;
const dateOf = (value: unknown) => (value ? new Date(value as string) : undefined);

/** What the outbox, the scheduler and action_owners hold once the run is over. */
async function collectOutcome(raw: RawSql, startedAt: Date): Promise<ReminderOutcome> {
  const team = [reminderTeamId];
  const latencies = await raw.query<{ ms: number | string }>(
    `SELECT extract(epoch FROM done_at - created_at) * 1000 AS ms FROM outbox
      WHERE team_id = $1 AND kind = 'action.reminder_dm' AND status = 'done'`,
    team,
  );
  const [effects] = await raw.query<{ retried: number | string; attempts: number | string; span: number | string }>(
    `SELECT count(*) FILTER (WHERE attempts > 1) AS retried, coalesce(sum(attempts), 0) AS attempts,
        coalesce(extract(epoch FROM max(created_at) - min(created_at)) * 1000, 0) AS span
      FROM outbox WHERE team_id = $1 AND kind = 'action.reminder_dm'`,
    team,
  );
  const dead = await raw.query<{ kind: string; n: number | string; sample: string | null }>(
    `SELECT kind, count(*) AS n, min(last_error) AS sample FROM outbox WHERE team_id = $1 AND status = 'dead' GROUP BY kind`,
    team,
  );
  const jobs = await raw.query<{ status: string; n: number | string; next: string | Date | null }>(
    `SELECT status, count(*) AS n, max(run_at) FILTER (WHERE status = 'pending') AS next FROM scheduled_jobs
      WHERE team_id = $1 AND kind = $2 GROUP BY status`,
    [reminderTeamId, actionReminderSweepJob],
  );
  const [ownerState] = await raw.query<{
    still_due: number | string;
    reminded: number | string;
    next_from: string | Date | null;
    next_to: string | Date | null;
  }>(
    `SELECT count(*) FILTER (WHERE next_reminder_at <= $2::timestamptz) AS still_due,
        count(*) FILTER (WHERE reminded_week IS NOT NULL) AS reminded,
        min(next_reminder_at) AS next_from, max(next_reminder_at) AS next_to
      FROM action_owners WHERE team_id = $1`,
    [reminderTeamId, startedAt.toISOString()],
  );
  return {
    effectMs: latencies.map((row) => Number(row.ms)),
    retried: Number(effects?.retried ?? 0),
    attempts: Number(effects?.attempts ?? 0),
    queuedSpanMs: Number(effects?.span ?? 0),
    deadByKind: Object.fromEntries(dead.map((row) => [row.kind, Number(row.n)])),
    deadSample: dead.find((row) => row.sample)?.sample ?? undefined,
    jobsByStatus: Object.fromEntries(jobs.map((row) => [row.status, Number(row.n)])),
    nextSweepAt: dateOf(jobs.find((row) => row.next)?.next),
    ownersStillDue: Number(ownerState?.still_due ?? 0),
    ownersReminded: Number(ownerState?.reminded ?? 0),
    nextReminders: { from: dateOf(ownerState?.next_from), to: dateOf(ownerState?.next_to) },
  };
}

/** The weekly run: the due-owners query's plan and time, then 10,000 reminder DMs through a rate-limited emulator. */
export const actionReminders: Scenario = {
  name: scenario,
  description: `weekly action reminders: ${owners.toLocaleString('en')} owners × 10 open actions; the due-owners query (plan, time), then every DM through an emulator limited to ${postsPerMinute.toLocaleString('en')} chat.postMessage/min`,
  async run(context) {
    const loadBefore = os.loadavg();
    const raw = openRawSql(context.database, context.databaseUrl, 1);
    // This scenario's own Slack (in a thread of its own), with rate limits on; its own Firebreak is paced to the same cap.
    const emulator = await EmulatorThread.start({
      teamId: reminderTeamId,
      rateLimits: true,
      postMessagePerMinute: postsPerMinute,
    });
    const shared = context.firebreak.app;
    // The shared Firebreak polls the same outbox and jobs: paused, so every reminder goes through this one.
    await shared.jobs.stop();
    await shared.dispatcher.stop();
    try {
      const seeded = await seedReminders(raw, emulator, { owners, incidents });
      context.log(
        `  ${scenario}: seeded ${seeded.actions} actions, ${seeded.owners} owners in ${seeded.sqlMs.toFixed(0)} ms (+ emulator users ${seeded.emulatorMs.toFixed(0)} ms)`,
      );
      const query = await measureDueOwnersQuery(context, raw);
      const firebreak = await startFirebreak(emulator.endpoint, context.database, {
        postMessagePerMinute: postsPerMinute,
        schedulerPollMs: pollMs,
        pacePosting: true,
      });
      try {
        const callsFrom = (await emulator.calls()).length;
        // Slack's bucket starts full: the first minute's worth goes at Firebreak's own speed, then the cap sets it.
        const expectedMs = (Math.max(0, owners - postsPerMinute) / postsPerMinute) * 60_000;
        const timeoutMs = 3 * expectedMs + 120_000;
        collectGarbage();
        const heapBefore = process.memoryUsage();
        const {
          result: { result: progress, liveMb },
          peak,
        } = await measurePeak(() => measureLiveHeap(() => sendReminders(context, raw, timeoutMs)), 10);
        collectGarbage();
        const heapAfter = process.memoryUsage();
        const measurements: ReminderMeasurements = {
          scenario,
          seeded,
          postsPerMinute,
          query,
          progress,
          outcome: await collectOutcome(raw, progress.scheduledAt),
          calls: await emulator.calls(callsFrom),
          peak,
          liveAboveMb: liveMb === undefined ? undefined : liveMb - mb(heapBefore),
          heapBeforeMb: mb(heapBefore),
          retainedMb: mb(heapAfter) - mb(heapBefore),
          loadAverage: { before: loadBefore, after: os.loadavg() },
        };
        return [remindersResult(measurements)];
      } finally {
        await firebreak.stop();
      }
    } finally {
      shared.dispatcher.start();
      shared.jobs.start();
      await emulator.close();
      await raw.close();
    }
  },
};
