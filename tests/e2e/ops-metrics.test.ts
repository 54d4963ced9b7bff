import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { completeAction, createAction } from '../../src/actions/index.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { postmortemReminderJob } from '../../src/postmortems/index.ts';
import { scheduleJob } from '../../src/scheduler/index.ts';
import { scheduledJobsTable } from '../../src/scheduler/scheduler.sql.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { alice, declared, resolveThroughForm } from '../support/lifecycle.ts';
import { manualClock } from '../support/services.ts';

// Wednesday 2026-12-02, 12:00 UTC.
const start = new Date('2026-12-02T12:00:00Z');
const clock = manualClock(start);
let database: TestDatabase;
let harness: Harness;
beforeEach(() => clock.set(start));
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { clock, rateLimits: false },
);

async function scrape(): Promise<string> {
  return (await fetch(harness.emulator.appUrl!.replace('/slack/events', '/metrics'))).text();
}

/** A sample's value in the exposition text (labels may be empty), or undefined when the series is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const series = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(series));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** Two actions on one sev3 incident, due on the given days (through the service, as the command would). */
async function actionsDue(...dueDates: string[]) {
  const inc = await declared(harness, database, 'declare sev3 Search latency');
  const actions = [];
  for (const dueDate of dueDates) {
    const { action } = await createAction(harness.app.deps, {
      teamId: inc.teamId,
      incidentId: inc.id,
      actorId: alice,
      text: `Add an alert on search p99 before ${dueDate}`,
      ownerId: alice,
      dueDate,
    });
    actions.push(action);
  }
  await harness.settle();
  return actions;
}

describe('/metrics: actions', () => {
  it('counts open actions, and as overdue only those due before today (a day due today is not)', async () => {
    await actionsDue('2026-12-03', '2026-12-10');
    let text = await scrape();
    expect(sample(text, 'firebreak_actions_open')).toBe(2);
    expect(sample(text, 'firebreak_actions_overdue')).toBe(0);
    clock.set(new Date('2026-12-03T23:59:00Z'));
    expect(sample(await scrape(), 'firebreak_actions_overdue')).toBe(0);
    clock.set(new Date('2026-12-04T00:01:00Z'));
    text = await scrape();
    expect(sample(text, 'firebreak_actions_open')).toBe(2);
    expect(sample(text, 'firebreak_actions_overdue')).toBe(1);
  });

  it('leaves a completed action out of both', async () => {
    const [overdue] = await actionsDue('2026-12-03', '2026-12-10');
    clock.set(new Date('2026-12-05T12:00:00Z'));
    await completeAction(harness.app.deps, {
      teamId: overdue!.teamId,
      number: overdue!.number,
      actorId: alice,
      evidence: 'Alert added: dashboards/search-p99',
    });
    const text = await scrape();
    expect(sample(text, 'firebreak_actions_open')).toBe(1);
    expect(sample(text, 'firebreak_actions_overdue')).toBe(0);
  });

  it('judges "today" in the configured timezone, not UTC', async () => {
    await harness.stop();
    const base = await loadConfig(undefined);
    harness = await startHarness(database, { config: { ...base, timezone: 'Pacific/Auckland' }, clock });
    await actionsDue('2026-12-03');
    // 12:00 UTC on the 3rd is already 01:00 on the 4th in Auckland (UTC+13 in December).
    clock.set(new Date('2026-12-03T12:00:00Z'));
    expect(sample(await scrape(), 'firebreak_actions_overdue')).toBe(1);
  });
});

describe('/metrics: postmortems', () => {
  it('counts an unpublished postmortem once its due time has passed, and not once published', async () => {
    // Resolved Wednesday 2026-11-25: the postmortem is due by the end of Wednesday 2026-12-02.
    clock.set(new Date('2026-11-25T12:00:00Z'));
    const inc = await declared(harness, database, 'declare sev2 Checkout slow');
    await resolveThroughForm(harness, alice, inc.channelId);
    clock.set(new Date('2026-12-02T12:00:00Z'));
    expect(sample(await scrape(), 'firebreak_postmortems_overdue')).toBe(0);
    clock.set(new Date('2026-12-03T12:00:00Z'));
    expect(sample(await scrape(), 'firebreak_postmortems_overdue')).toBe(1);
    // Publishing is tested elsewhere; here only what the gauge counts as overdue matters.
    await database.db.execute(sql`UPDATE postmortems SET status = 'published' WHERE incident_id = ${inc.id}`);
    expect(sample(await scrape(), 'firebreak_postmortems_overdue')).toBe(0);
  });
});

describe('/metrics: scheduled jobs', () => {
  async function reminderJob(status: 'pending' | 'done') {
    const [job] = await database.db
      .select()
      .from(scheduledJobsTable)
      .where(and(eq(scheduledJobsTable.kind, postmortemReminderJob), eq(scheduledJobsTable.status, status)));
    return job;
  }

  /** Resolves an incident and runs its first postmortem reminder; the gauge then shows that run's time. */
  async function oneReminderRun() {
    clock.set(new Date('2026-11-25T12:00:00Z'));
    const inc = await declared(harness, database, 'declare sev2 Checkout slow');
    await resolveThroughForm(harness, alice, inc.channelId);
    const pending = await eventually(() => reminderJob('pending'));
    const job = 'job="postmortem.reminder"';
    expect(sample(await scrape(), 'firebreak_job_last_success_timestamp_seconds', job)).toBeUndefined();
    const ranAt = new Date(pending.runAt.getTime() + 30_000);
    clock.set(ranAt);
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(await reminderJob('done')).toBeTruthy();
    expect(sample(await scrape(), 'firebreak_job_last_success_timestamp_seconds', job)).toBe(ranAt.getTime() / 1000);
    return { inc, ranAt };
  }

  it("shows a job kind's last successful run, by the app's clock, once one has run", async () => {
    await oneReminderRun();
  });

  it('leaves it where it was when a later job of that kind fails', async () => {
    const { inc, ranAt } = await oneReminderRun();
    // A zone Intl does not know makes the real handler throw, as a corrupt payload would.
    const failsAt = new Date(ranAt.getTime() + 60_000);
    await scheduleJob(database.db, {
      teamId: inc.teamId,
      kind: postmortemReminderJob,
      key: 'test:broken-reminder',
      runAt: failsAt,
      payload: { incidentId: inc.id, ownerTimeZone: 'Not/A_Zone' },
    });
    clock.set(failsAt);
    await harness.app.jobs.runDue();
    const [broken] = await database.db
      .select()
      .from(scheduledJobsTable)
      .where(eq(scheduledJobsTable.key, 'test:broken-reminder'));
    expect(broken?.attempts).toBe(1);
    expect(broken?.lastError).toBeTruthy();
    const text = await scrape();
    expect(sample(text, 'firebreak_job_last_success_timestamp_seconds', 'job="postmortem.reminder"')).toBe(
      ranAt.getTime() / 1000,
    );
  });
});
