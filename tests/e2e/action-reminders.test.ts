import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { actionOwnersTable } from '../../src/actions/action.sql.ts';
import { completeAction, createAction, snoozeAction } from '../../src/actions/index.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Incident } from '../../src/incidents/index.ts';
import { outboxTable } from '../../src/outbox/outbox.sql.ts';
import type { LocalDate } from '../../src/platform/local-time.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { alice, declared, run } from '../support/lifecycle.ts';
import { manualClock } from '../support/services.ts';

// Wednesday 2026-12-02, 12:00 UTC; reminders are Mondays at 09:00 in each owner's zone (the defaults).
const start = new Date('2026-12-02T12:00:00Z');
const clock = manualClock(start);
let database: TestDatabase;
let harness: Harness;
// Severity 3 has no stakeholder-update cadence, whose nudges would fill the days the clock skips.
beforeEach(() => clock.set(start));
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { clock, rateLimits: false },
);

type Message = { text?: string; blocks?: unknown[]; metadata?: unknown };

function dmsTo(userId: string): Message[] {
  const dm = harness.emulator.workspace
    .channels()
    .find((c: { is_im?: boolean; user?: string }) => c.is_im && c.user === userId);
  return dm ? (harness.emulator.workspace.messages(dm.id) as Message[]) : [];
}

/** The weekly reminders among a person's DMs (other DMs, e.g. "you own ACT-1", are not counted). */
function remindersTo(userId: string): Message[] {
  return dmsTo(userId).filter((m) => /open action/.test(m.text ?? ''));
}

async function ownerRow(ownerId: string) {
  const [row] = await database.db
    .select()
    .from(actionOwnersTable)
    .where(and(eq(actionOwnersTable.teamId, harness.emulator.teamId), eq(actionOwnersTable.ownerId, ownerId)));
  return row;
}

let incident: Incident | undefined;
async function anIncident(): Promise<Incident> {
  incident ??= await declared(harness, database, 'declare sev3 Search latency');
  return incident;
}

/** An owner in `tz` with one action (through the domain service, as the command would), their zone learnt. */
async function ownerWithAction(name: string, tz: string, text = 'Add an alert on search p99', dueDate?: LocalDate) {
  const owner = harness.emulator.workspace.addUser({ name, tz });
  const inc = await anIncident();
  const { action } = await createAction(harness.app.deps, {
    teamId: inc.teamId,
    incidentId: inc.id,
    actorId: alice,
    text,
    ownerId: owner.id,
    ...(dueDate ? { dueDate } : {}),
  });
  await eventually(async () => (await ownerRow(owner.id))?.timeZone === tz);
  return { owner, action, incident: inc };
}

async function at(iso: string, ...apps: Harness['app'][]) {
  clock.set(new Date(iso));
  await Promise.all((apps.length ? apps : [harness.app]).map((app) => app.jobs.runDue()));
  await harness.settle();
}

describe('the weekly action reminder', () => {
  it('reaches owners in Tokyo, Berlin and New York at 09:00 on Monday in their own zone, not before', async () => {
    incident = undefined;
    const tokyo = await ownerWithAction('kenji', 'Asia/Tokyo');
    const berlin = await ownerWithAction('lena', 'Europe/Berlin');
    const newYork = await ownerWithAction('mike', 'America/New_York');
    const counts = () => [tokyo, berlin, newYork].map(({ owner }) => remindersTo(owner.id).length);
    await at('2026-12-06T23:59:00Z');
    expect(counts()).toEqual([0, 0, 0]);
    // Monday 09:00 in Tokyo is Sunday 24:00 UTC; in Berlin (CET) 08:00 UTC; in New York (EST) 14:00 UTC.
    await at('2026-12-07T00:00:30Z');
    expect(counts()).toEqual([1, 0, 0]);
    await at('2026-12-07T07:59:00Z');
    expect(counts()).toEqual([1, 0, 0]);
    await at('2026-12-07T08:00:30Z');
    expect(counts()).toEqual([1, 1, 0]);
    await at('2026-12-07T13:59:00Z');
    expect(counts()).toEqual([1, 1, 0]);
    await at('2026-12-07T14:00:30Z');
    expect(counts()).toEqual([1, 1, 1]);
    const [reminder] = remindersTo(tokyo.owner.id);
    const shown = JSON.stringify(reminder?.blocks);
    expect(shown).toContain('ACT-1');
    expect(shown).toContain('Add an alert on search p99');
    // Due in 30 days (a sev3's default): later than this week.
    expect(shown).toContain('Later');
    for (const button of ['Done', 'Snooze', 'Reassign', "Won't do"]) expect(shown).toContain(`"${button}"`);
    expect((await ownerRow(tokyo.owner.id))?.nextReminderAt?.toISOString()).toBe('2026-12-14T00:00:00.000Z');
  });

  it('stays at 09:00 local across a daylight-saving change', async () => {
    // Wednesday 2026-10-14: Berlin is on CEST (UTC+2) until Sunday 2026-10-25, then CET (UTC+1).
    clock.set(new Date('2026-10-14T12:00:00Z'));
    incident = undefined;
    const { owner } = await ownerWithAction('jonas', 'Europe/Berlin');
    await at('2026-10-19T06:59:00Z');
    expect(remindersTo(owner.id)).toHaveLength(0);
    await at('2026-10-19T07:00:30Z');
    expect(remindersTo(owner.id)).toHaveLength(1);
    // After the change, 07:00 UTC is only 08:00 in Berlin.
    await at('2026-10-26T07:00:30Z');
    expect(remindersTo(owner.id)).toHaveLength(1);
    await at('2026-10-26T08:00:30Z');
    expect(remindersTo(owner.id)).toHaveLength(2);
  });

  it('is sent once when two processes sweep at the same moment, and once across a restart', async () => {
    incident = undefined;
    const owners = await Promise.all([
      ownerWithAction('ana', 'Europe/Berlin'),
      ownerWithAction('ben', 'Europe/Berlin'),
      ownerWithAction('cem', 'Europe/Berlin'),
    ]);
    const replica = await harness.startReplica();
    await at('2026-12-07T08:00:30Z', harness.app, replica.app, harness.app, replica.app);
    expect(owners.map(({ owner }) => remindersTo(owner.id).length)).toEqual([1, 1, 1]);
    // A restart: the first process goes; the replica, on the same database, sends nothing again.
    await harness.app.stop();
    await at('2026-12-07T09:30:00Z', replica.app);
    expect(owners.map(({ owner }) => remindersTo(owner.id).length)).toEqual([1, 1, 1]);
    expect((await ownerRow(owners[0]!.owner.id))?.remindedWeek).toBe('2026-12-07');
  });

  it('is posted once when Slack performed the post but the answer was lost', async () => {
    incident = undefined;
    const { owner } = await ownerWithAction('sven', 'Europe/Berlin');
    harness.emulator.faults.add('chat.postMessage', { kind: 'lost' });
    clock.set(new Date('2026-12-07T08:00:30Z'));
    await harness.app.jobs.runDue();
    // The retry finds the first post in the DM's history (by the effect id in its metadata).
    await eventually(async () => {
      await harness.settle();
      return harness.emulator.callsTo('conversations.history').length > 0;
    }, 20_000);
    await harness.settle();
    expect(remindersTo(owner.id)).toHaveLength(1);
    const effects = await database.db.select().from(outboxTable).where(eq(outboxTable.kind, 'action.reminder_dm'));
    expect(effects.map((effect) => effect.status)).toEqual(['done']);
  });

  it('goes out late, once, for the same week after a downtime that spans the hour', async () => {
    incident = undefined;
    const { owner } = await ownerWithAction('nora', 'Europe/Berlin');
    await harness.app.stop();
    // Down from Sunday to Tuesday afternoon: Monday 09:00 passed while nothing ran.
    clock.set(new Date('2026-12-08T15:00:00Z'));
    const back = await harness.startReplica();
    await eventually(() => remindersTo(owner.id).length === 1);
    await back.app.jobs.runDue();
    await harness.settle();
    expect(remindersTo(owner.id)).toHaveLength(1);
    const row = await ownerRow(owner.id);
    expect(row?.remindedWeek).toBe('2026-12-07');
    expect(row?.nextReminderAt?.toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('sends nothing to an owner with nothing open', async () => {
    incident = undefined;
    const { owner, action } = await ownerWithAction('olga', 'Europe/Berlin');
    await completeAction(harness.app.deps, {
      teamId: action.teamId,
      number: action.number,
      actorId: owner.id,
      evidence: 'https://github.example.com/pr/12',
    });
    expect((await ownerRow(owner.id))?.nextReminderAt).toBeNull();
    await at('2026-12-07T08:00:30Z');
    await at('2026-12-14T08:00:30Z');
    expect(remindersTo(owner.id)).toHaveLength(0);
  });

  it('leaves a snoozed action out until the week of its new date', async () => {
    incident = undefined;
    const { owner, action } = await ownerWithAction('pia', 'Europe/Berlin');
    await snoozeAction(harness.app.deps, {
      teamId: action.teamId,
      number: action.number,
      actorId: owner.id,
      until: '2026-12-24',
      reason: 'waiting on the vendor',
    });
    await at('2026-12-07T08:00:30Z');
    await at('2026-12-14T08:00:30Z');
    expect(remindersTo(owner.id)).toHaveLength(0);
    // Monday 2026-12-21: the 24th is this week.
    await at('2026-12-21T08:00:30Z');
    expect(remindersTo(owner.id)).toHaveLength(1);
    expect(JSON.stringify(remindersTo(owner.id)[0]?.blocks)).toContain('2026-12-24');
  });

  it('groups overdue, due this week and later, and caps a long list at 50 blocks', async () => {
    incident = undefined;
    const { owner } = await ownerWithAction('quinn', 'Europe/Berlin', 'Rotate the search keys', '2026-12-03');
    const inc = await anIncident();
    for (let i = 0; i < 30; i++)
      await createAction(harness.app.deps, {
        teamId: inc.teamId,
        incidentId: inc.id,
        actorId: owner.id,
        text: `Fix flaky check ${i}`,
        ownerId: owner.id,
        dueDate: '2026-12-30',
      });
    await at('2026-12-07T08:00:30Z');
    const [reminder] = remindersTo(owner.id);
    expect(reminder?.blocks?.length).toBeLessThanOrEqual(50);
    const shown = JSON.stringify(reminder?.blocks);
    expect(shown.indexOf('Overdue')).toBeLessThan(shown.indexOf('Later'));
    expect(shown).toContain('Rotate the search keys');
    expect(shown).toMatch(/and \d+ more — `\/incident actions mine`/);
    expect(shown).not.toContain('Due this week');
  });
});

describe('a button in the weekly reminder', () => {
  it('redraws only its own action in the reminder once the change is made', async () => {
    incident = undefined;
    const { owner, action } = await ownerWithAction('rosa', 'Europe/Berlin', 'Rotate the search keys');
    const inc = await anIncident();
    const { action: other } = await createAction(harness.app.deps, {
      teamId: inc.teamId,
      incidentId: inc.id,
      actorId: alice,
      text: 'Add a canary for search-api',
      ownerId: owner.id,
    });
    await at('2026-12-07T08:00:30Z');
    const dm = harness.emulator.workspace
      .channels()
      .find((c: { is_im?: boolean; user?: string }) => c.is_im && c.user === owner.id);
    const [reminder] = remindersTo(owner.id) as Array<Message & { ts: string }>;
    if (!dm || !reminder) throw new Error('no reminder');
    await harness.emulator.clickButton({
      userId: owner.id,
      channelId: dm.id,
      messageTs: reminder.ts,
      actionId: 'action.done',
      value: String(action.number),
    });
    const form = await eventually(() =>
      harness.emulator.workspace
        .views(owner.id)
        .find((v: { isOpen: boolean; callback_id?: string }) => v.isOpen && v.callback_id === 'action_done'),
    );
    await harness.emulator.submitView({ userId: owner.id, viewId: form.id, values: { action_evidence: 'PR #77' } });
    await harness.settle();
    const redrawn = await eventually(() => {
      const now = harness.emulator.workspace.message(dm.id, reminder.ts) as Message | undefined;
      return JSON.stringify(now?.blocks ?? []).includes('done: PR #77') ? now : undefined;
    });
    const ids = (redrawn.blocks as Array<{ block_id?: string }>).map((block) => block.block_id);
    expect(ids).not.toContain(`reminder_buttons:${action.number}`);
    expect(ids).toContain(`reminder_buttons:${other.number}`);
    expect(ids).toContain(`reminder_item:${action.number}`);
  });
});

describe('escalation of actions overdue past the grace days', () => {
  it('lists them to the commander by DM and in the escalation channel, a private one undescribed', async () => {
    await harness.stop();
    const base = await loadConfig(undefined);
    const config = { ...base, channels: { ...base.channels, action_escalation: '#action-review' } };
    clock.set(start);
    harness = await startHarness(database, { config, clock });
    const review = harness.emulator.workspace.addChannel({ name: 'action-review', members: [] });
    const owner = harness.emulator.workspace.addUser({ name: 'rosa', tz: 'Europe/Berlin' });
    const open = await declared(harness, database, 'declare sev3 Checkout errors');
    const secret = await declared(harness, database, 'declare sev3 Payroll leak');
    for (const inc of [open, secret]) await run(harness, alice, inc.channelId, `role commander <@${alice}>`);
    await run(harness, alice, secret.channelId, 'private');
    await harness.settle();
    for (const [inc, text] of [
      [open, 'Add a retry budget to checkout'],
      [secret, 'Purge the leaked payroll export'],
    ] as const)
      await createAction(harness.app.deps, {
        teamId: inc.teamId,
        incidentId: inc.id,
        actorId: alice,
        text,
        ownerId: owner.id,
        dueDate: '2026-12-03',
      });
    // Monday 12-07: four days overdue, within the seven days' grace.
    await at('2026-12-07T09:00:30Z');
    const escalations = () => dmsTo(alice).filter((m) => /incidents you command/.test(m.text ?? ''));
    expect(escalations()).toHaveLength(0);
    // Monday 12-14: eleven days overdue.
    await at('2026-12-14T09:00:30Z');
    await eventually(() => escalations().length === 1);
    const dm = JSON.stringify(escalations()[0]?.blocks);
    expect(dm).toContain('Add a retry budget to checkout');
    expect(dm).toContain('Purge the leaked payroll export');
    expect(dm.indexOf('INC-1')).toBeLessThan(dm.indexOf('Add a retry budget'));
    const posted = harness.emulator.workspace.messages(review.id) as Message[];
    expect(posted).toHaveLength(1);
    const post = JSON.stringify(posted[0]);
    expect(post).toContain('Add a retry budget to checkout');
    expect(post).toContain(`1 overdue action from a private incident, owner <@${owner.id}>`);
    expect(post).not.toContain('Purge the leaked payroll export');
    expect(post).not.toContain('Payroll leak');
    expect(post).not.toContain('INC-2');
  });
});
