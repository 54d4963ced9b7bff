import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  actionReminderSweepHandler,
  completeAction,
  createAction,
  findActionOwner,
  listActionEvents,
  reassignAction,
  snoozeAction,
} from '../../src/actions/index.ts';
import { listAudit } from '../../src/audit/index.ts';
import { declareIncident } from '../../src/incidents/index.ts';
import { outboxTable } from '../../src/outbox/outbox.sql.ts';
import { queryRows } from '../../src/platform/db.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { listPendingJobs, type ScheduledJob } from '../../src/scheduler/index.ts';
import { listTimeline, saveUserProfile } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { manualClock, testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

// A Thursday; the weekly reminder is Monday 09:00 in each owner's zone (the defaults).
const t0 = new Date('2026-12-03T10:00:00Z');

async function setup(severity = 'sev1') {
  const clock = manualClock(t0);
  const { deps } = await testDeps(database, { clock });
  const { incident } = await declareIncident(deps, {
    teamId: 'T1',
    declareKey: 'k1',
    declaredBy: 'U0ALICE',
    title: 'Search latency',
    severity,
  });
  const add = (ownerId: string, extra: { dueDate?: string; text?: string } = {}) =>
    createAction(deps, {
      teamId: 'T1',
      incidentId: incident.id,
      actorId: 'U0ALICE',
      text: extra.text ?? 'Add an alert on search p99 latency',
      ownerId,
      ...(extra.dueDate ? { dueDate: extra.dueDate } : {}),
    });
  const sweep = async () => {
    const handler = actionReminderSweepHandler(deps);
    const job = {
      id: 0,
      teamId: 'T1',
      kind: 'actions.reminder_sweep',
      key: 'k',
      payload: {},
      runAt: clock.now(),
      attempts: 1,
    } as ScheduledJob;
    await inTransaction(deps, (tx, effects) => handler(tx, effects, job));
  };
  const reminders = () =>
    queryRows<{ user_id: string; week: string }>(
      database.db,
      sql`SELECT payload->>'userId' AS user_id, payload->>'week' AS week FROM outbox WHERE kind = 'action.reminder_dm' ORDER BY id`,
    );
  return { clock, deps, incident, add, sweep, reminders };
}

describe('creating an action', () => {
  it('numbers actions per workspace and defaults the due date by severity', async () => {
    const { add } = await setup('sev1');
    const first = await add('U0BOB');
    const second = await add('U0CAROL');
    expect([first.action.number, second.action.number]).toEqual([1, 2]);
    expect(first.dueDefaulted).toBe(true);
    expect(first.action.dueDate).toBe('2026-12-18');
  });

  it('uses 30 days for a lower severity', async () => {
    const { add } = await setup('sev2');
    expect((await add('U0BOB')).action.dueDate).toBe('2027-01-02');
  });

  it('refuses an action without an owner, saying what to do', async () => {
    const { deps, incident } = await setup();
    await expect(
      createAction(deps, {
        teamId: 'T1',
        incidentId: incident.id,
        actorId: 'U0ALICE',
        text: 'Fix',
        ownerId: undefined,
      }),
    ).rejects.toMatchObject({ code: 'action.owner_required' });
  });

  it('never keeps a secret pasted into the action or its evidence', async () => {
    const { add, deps } = await setup();
    const token = ['xoxb', '123456789012', '123456789012', 'abcdefghijklmnopqrstuvwx'].join('-');
    const { action } = await add('U0BOB', { text: `Rotate the bot token ${token}` });
    expect(action.text).not.toContain(token);
    const { action: done } = await completeAction(deps, {
      teamId: 'T1',
      number: action.number,
      actorId: 'U0BOB',
      evidence: `rotated, old one was ${token}`,
    });
    expect(done.closeNote).not.toContain(token);
  });

  it('refuses a due date in the past', async () => {
    const { add } = await setup();
    await expect(add('U0BOB', { dueDate: '2026-12-01' })).rejects.toMatchObject({ code: 'action.due_past' });
  });

  it('records it in its history, on the timeline, in the audit log, and DMs the owner', async () => {
    const { add, incident } = await setup();
    const { action } = await add('U0BOB');
    expect((await listActionEvents(database.db, { teamId: 'T1', actionId: action.id })).map((e) => e.kind)).toEqual([
      'created',
    ]);
    const timeline = await listTimeline(database.db, { teamId: 'T1', incidentId: incident.id });
    expect(timeline.some((entry) => entry.kind === 'action_created' && entry.text.includes('ACT-1'))).toBe(true);
    const audit = await listAudit(database.db, { teamId: 'T1', incidentId: incident.id });
    expect(audit.some((entry) => entry.action === 'action.created')).toBe(true);
    const dms = await database.db
      .select()
      .from(outboxTable)
      .where(and(eq(outboxTable.teamId, 'T1'), eq(outboxTable.kind, 'action.notify_dm')));
    expect(dms.map((row) => row.payload)).toEqual([
      { actionId: action.id, userId: 'U0BOB', news: 'assigned', actorId: 'U0ALICE' },
    ]);
  });
});

describe('closing the loop', () => {
  it('records a double Done once and says it was already closed', async () => {
    const { add, deps } = await setup();
    const { action } = await add('U0BOB');
    const done = (actorId: string) =>
      completeAction(deps, { teamId: 'T1', number: action.number, actorId, evidence: 'PR #42' });
    const results = await Promise.all([done('U0BOB'), done('U0CAROL')]);
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    const events = await listActionEvents(database.db, { teamId: 'T1', actionId: action.id });
    expect(events.filter((event) => event.kind === 'done')).toHaveLength(1);
  });

  it('needs evidence to close as done', async () => {
    const { add, deps } = await setup();
    const { action } = await add('U0BOB');
    await expect(
      completeAction(deps, { teamId: 'T1', number: action.number, actorId: 'U0BOB', evidence: '  ' }),
    ).rejects.toMatchObject({ code: 'action.evidence_required' });
  });

  it('names a non-owner who closes it, and tells the owner', async () => {
    const { add, deps } = await setup();
    const { action } = await add('U0BOB');
    const { action: closed } = await completeAction(deps, {
      teamId: 'T1',
      number: action.number,
      actorId: 'U0CAROL',
      evidence: 'https://grafana.example.com/d/search',
    });
    expect(closed).toMatchObject({ status: 'done', closedBy: 'U0CAROL' });
    const told = await queryRows<{ news: string }>(
      database.db,
      sql`SELECT payload->>'news' AS news FROM outbox WHERE kind = 'action.notify_dm' AND payload->>'userId' = 'U0BOB'`,
    );
    expect(told.map((row) => row.news)).toEqual(['assigned', 'closed_by_other']);
  });

  it('moves the due date on snooze and tells both owners when someone else reassigns it', async () => {
    const { add, deps } = await setup();
    const { action } = await add('U0BOB');
    const snoozed = await snoozeAction(deps, {
      teamId: 'T1',
      number: action.number,
      actorId: 'U0BOB',
      until: '2027-01-15',
      reason: 'waiting on the vendor',
    });
    expect(snoozed.action).toMatchObject({ dueDate: '2027-01-15', snoozedUntil: '2027-01-15' });
    await reassignAction(deps, { teamId: 'T1', number: action.number, actorId: 'U0ALICE', ownerId: 'U0CAROL' });
    const news = await queryRows<{ user_id: string; news: string }>(
      database.db,
      sql`SELECT payload->>'userId' AS user_id, payload->>'news' AS news FROM outbox WHERE kind = 'action.notify_dm' ORDER BY id`,
    );
    expect(news.slice(1)).toEqual([
      { user_id: 'U0CAROL', news: 'assigned' },
      { user_id: 'U0BOB', news: 'reassigned_away' },
    ]);
  });
});

describe('the weekly reminder', () => {
  it('goes once per week at the owner’s own hour, and not before', async () => {
    const { add, sweep, reminders, clock } = await setup();
    await saveUserProfile(database.db, {
      teamId: 'T1',
      userId: 'U0BOB',
      displayName: 'bob',
      tz: 'Asia/Tokyo',
      now: t0,
    });
    await add('U0BOB');
    expect((await findActionOwner(database.db, { teamId: 'T1', ownerId: 'U0BOB' }))?.nextReminderAt).toEqual(
      new Date('2026-12-07T00:00:00Z'),
    );
    clock.set(new Date('2026-12-06T23:59:00Z'));
    await sweep();
    expect(await reminders()).toEqual([]);
    clock.set(new Date('2026-12-07T00:00:00Z'));
    await sweep();
    await sweep();
    expect(await reminders()).toEqual([{ user_id: 'U0BOB', week: '2026-12-07' }]);
    clock.set(new Date('2026-12-14T00:00:00Z'));
    await sweep();
    expect((await reminders()).map((r) => r.week)).toEqual(['2026-12-07', '2026-12-14']);
  });

  it('sends a reminder missed during a downtime once when it comes back', async () => {
    const { add, sweep, reminders, clock } = await setup();
    await add('U0BOB');
    clock.set(new Date('2026-12-08T15:00:00Z')); // Tuesday: Monday 09:00 UTC passed while down
    await sweep();
    await sweep();
    expect(await reminders()).toEqual([{ user_id: 'U0BOB', week: '2026-12-07' }]);
  });

  it('gives an owner with nothing open nothing', async () => {
    const { add, deps, sweep, reminders, clock } = await setup();
    const { action } = await add('U0BOB');
    await completeAction(deps, { teamId: 'T1', number: action.number, actorId: 'U0BOB', evidence: 'done in PR #1' });
    clock.set(new Date('2026-12-07T09:00:00Z'));
    await sweep();
    expect(await reminders()).toEqual([]);
    expect((await findActionOwner(database.db, { teamId: 'T1', ownerId: 'U0BOB' }))?.nextReminderAt).toBeNull();
  });

  it('leaves a snoozed action out until its new week', async () => {
    const { add, deps, sweep, reminders, clock } = await setup();
    const { action } = await add('U0BOB');
    await snoozeAction(deps, {
      teamId: 'T1',
      number: action.number,
      actorId: 'U0BOB',
      until: '2026-12-24',
      reason: 'freeze',
    });
    clock.set(new Date('2026-12-07T09:00:00Z'));
    await sweep();
    expect(await reminders()).toEqual([]);
    clock.set(new Date('2026-12-21T09:00:00Z'));
    await sweep();
    expect(await reminders()).toEqual([{ user_id: 'U0BOB', week: '2026-12-21' }]);
  });

  it('plans the sweep job for the earliest reminder', async () => {
    const { add } = await setup();
    await add('U0BOB');
    const jobs = await listPendingJobs(database.db, { teamId: 'T1' });
    expect(jobs.find((job) => job.kind === 'actions.reminder_sweep')?.runAt).toEqual(new Date('2026-12-07T09:00:00Z'));
  });
});
