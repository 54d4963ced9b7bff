import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findPostmortem, postmortemReminderJob, publishPostmortem } from '../../src/postmortems/index.ts';
import { scheduledJobsTable } from '../../src/scheduler/scheduler.sql.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';
import { alice, declared, resolveThroughForm, run } from '../support/lifecycle.ts';
import { manualClock } from '../support/services.ts';

// Wednesday 2026-11-25, 12:00 UTC: resolved now, the postmortem is due Wednesday 2026-12-02.
const clock = manualClock(new Date('2026-11-25T12:00:00Z'));
let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness }, { clock });

async function resolvedWithOwner(name: string, tz: string) {
  clock.set(new Date('2026-11-25T12:00:00Z'));
  const owner = harness.emulator.workspace.addUser({ name, tz });
  const inc = await declared(harness, database, 'declare sev2 Search latency');
  await run(harness, alice, inc.channelId, `role commander <@${owner.id}>`);
  await resolveThroughForm(harness, alice, inc.channelId);
  return { inc, owner };
}

async function pendingReminder() {
  const [job] = await database.db
    .select()
    .from(scheduledJobsTable)
    .where(and(eq(scheduledJobsTable.kind, postmortemReminderJob), eq(scheduledJobsTable.status, 'pending')));
  return job;
}

function dmsTo(userId: string): string[] {
  const dm = harness.emulator.workspace
    .channels()
    .find((c: { is_im?: boolean; members: string[] }) => c.is_im && c.members.includes(userId));
  return dm ? harness.emulator.workspace.messages(dm.id).map((m: { text?: string }) => m.text ?? '') : [];
}

describe('postmortem reminders', () => {
  it('come at 10:00 in the owner own time zone: the day before, on the day, then each business day late', async () => {
    const { owner } = await resolvedWithOwner('kenji', 'Asia/Tokyo');
    // The owner's time zone was learnt from users.info: Tuesday 10:00 in Tokyo is 01:00 UTC.
    await eventually(async () => (await pendingReminder())?.runAt.toISOString() === '2026-12-01T01:00:00.000Z');
    clock.set(new Date('2026-12-01T00:59:00Z'));
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(dmsTo(owner.id)).toEqual([]);
    clock.set(new Date('2026-12-01T01:00:30Z'));
    await eventually(() => dmsTo(owner.id).length === 1);
    expect(dmsTo(owner.id)[0]).toMatch(/is due tomorrow, 2026-12-02/);
    expect((await pendingReminder())?.runAt.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    clock.set(new Date('2026-12-02T01:00:30Z'));
    await eventually(() => dmsTo(owner.id).length === 2);
    expect(dmsTo(owner.id)[1]).toMatch(/is due today/);
    // Friday and the weekend: the next one is Thursday, then Friday, then Monday.
    clock.set(new Date('2026-12-03T01:00:30Z'));
    await eventually(() => dmsTo(owner.id).length === 3);
    expect(dmsTo(owner.id)[2]).toMatch(/was due 2026-12-02, 1 business day ago/);
    clock.set(new Date('2026-12-04T01:00:30Z'));
    await eventually(() => dmsTo(owner.id).length === 4);
    expect((await pendingReminder())?.runAt.toISOString()).toBe('2026-12-07T01:00:00.000Z');
  });

  it('are sent once across two processes and a restart, and stop when it is published', async () => {
    const { inc, owner } = await resolvedWithOwner('lena', 'Europe/Berlin');
    // Tuesday 10:00 in Berlin (CET) is 09:00 UTC.
    await eventually(async () => (await pendingReminder())?.runAt.toISOString() === '2026-12-01T09:00:00.000Z');
    const replica = await harness.startReplica();
    clock.set(new Date('2026-12-01T09:00:30Z'));
    await Promise.all([harness.app.jobs.runDue(), replica.app.jobs.runDue(), harness.app.jobs.runDue()]);
    await harness.settle();
    expect(dmsTo(owner.id)).toHaveLength(1);
    // A restart: the first process goes away; the replica carries on with the same schedule.
    await harness.app.stop();
    await replica.app.jobs.runDue();
    await harness.settle();
    expect(dmsTo(owner.id)).toHaveLength(1);
    const postmortem = await findPostmortem(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(postmortem?.ownerId).toBe(owner.id);
    // Downtime over several days: one reminder when it is back, not one per day missed.
    clock.set(new Date('2026-12-04T15:00:00Z'));
    await replica.app.jobs.runDue();
    await harness.settle();
    expect(dmsTo(owner.id)).toHaveLength(2);
    expect(dmsTo(owner.id)[1]).toMatch(/was due 2026-12-02, 2 business days ago/);
    expect((await pendingReminder())?.runAt.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    // Published: no more reminders.
    await publishPostmortem(replica.app.deps, { teamId: inc.teamId, incidentId: inc.id, actorId: owner.id });
    expect(await pendingReminder()).toBeUndefined();
    clock.set(new Date('2026-12-07T09:00:30Z'));
    await replica.app.jobs.runDue();
    await harness.settle();
    expect(dmsTo(owner.id)).toHaveLength(2);
  });
});
