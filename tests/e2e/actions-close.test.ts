import { describe, expect, it } from 'vitest';
import { listActionEvents } from '../../src/actions/index.ts';
import { listAudit } from '../../src/audit/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { actionOf, clickInResponse, dmChannel, dmsTo, lastResponse, today, viewText } from '../support/actions.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import { alice, bob, carol, dave, declared, general, openView, resolveThroughForm, run } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

/** An incident with ACT-1 owned by bob (created by alice), and bob's DM about it. */
async function withAction() {
  const inc = await declared(harness, database, 'declare sev1 Search down');
  await run(harness, alice, inc.channelId, `action Add an alert on search p99 latency <@${bob}|bob>`);
  await harness.settle();
  return inc;
}

/** Bob clicks one of the four buttons on his DM about ACT-1 and gets its form. */
async function clickInDm(actionId: string, callbackId: string, userId = bob, name = 'bob') {
  const dm = dmsTo(harness, name).at(-1)!;
  await harness.emulator.clickButton({ userId, channelId: dmChannel(harness, name), messageTs: dm.ts, actionId });
  return openView(harness, userId, callbackId);
}

describe('the four buttons', () => {
  it('Done requires evidence, then closes the action, redraws the DM and records it everywhere', async () => {
    const inc = await withAction();
    await resolveThroughForm(harness, alice, inc.channelId);
    const form = await clickInDm(ids.actions.actionDone, ids.views.actionDone);
    const empty = await harness.emulator.submitView({
      userId: bob,
      viewId: form.id,
      values: { action_evidence: '   ' },
    });
    expect(empty.outcome).toBe('errors');
    expect(JSON.stringify(empty)).toContain('Say how it was verified');
    expect((await actionOf(harness, database, 1)).status).toBe('open');
    const done = await harness.emulator.submitView({
      userId: bob,
      viewId: form.id,
      values: { action_evidence: 'https://github.com/acme/search/pull/812' },
    });
    expect(done.outcome).toBe('updated');
    expect(viewText(harness, form.id)).toContain('ACT-1* is done');
    await harness.settle();
    const action = await actionOf(harness, database, 1);
    expect(action).toMatchObject({
      status: 'done',
      closedBy: bob,
      closeNote: 'https://github.com/acme/search/pull/812',
    });
    const dm = dmsTo(harness, 'bob').at(-1)!;
    expect(JSON.stringify(dm.blocks)).toContain('done: https://github.com/acme/search/pull/812');
    expect(JSON.stringify(dm.blocks)).not.toContain(ids.actions.actionDone);
    const timeline = await listTimeline(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(timeline.filter((e) => e.kind === 'action_done')).toHaveLength(1);
    const audit = await listAudit(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(audit.find((a) => a.action === 'action.done')?.actorId).toBe(bob);
    expect(harness.emulator.renderCanvas(inc.channelId)).toMatch(/ACT-1[\s\S]*pull\/812/);
  });

  it('Snooze requires a later date and a reason, and moves the due date', async () => {
    await withAction();
    const form = await clickInDm(ids.actions.actionSnooze, ids.views.actionSnooze);
    const sameDay = await harness.emulator.submitView({
      userId: bob,
      viewId: form.id,
      values: { action_due: today(), action_reason: 'waiting on the vendor' },
    });
    expect(sameDay.outcome).toBe('errors');
    const snoozed = await harness.emulator.submitView({
      userId: bob,
      viewId: form.id,
      values: { action_due: today(40), action_reason: 'waiting on the vendor' },
    });
    expect(snoozed.outcome).toBe('updated');
    expect(await actionOf(harness, database, 1)).toMatchObject({
      dueDate: today(40),
      snoozedUntil: today(40),
      status: 'open',
    });
    const events = await listActionEvents(database.db, {
      teamId: harness.emulator.teamId,
      actionId: (await actionOf(harness, database, 1)).id,
    });
    expect(events.find((e) => e.kind === 'snoozed')?.note).toBe('waiting on the vendor');
  });

  it('Reassign requires a person and tells both owners', async () => {
    await withAction();
    const form = await clickInDm(ids.actions.actionReassign, ids.views.actionReassign);
    const result = await harness.emulator.submitView({ userId: bob, viewId: form.id, values: { action_owner: carol } });
    expect(result.outcome).toBe('updated');
    await harness.settle();
    expect((await actionOf(harness, database, 1)).ownerId).toBe(carol);
    expect(dmsTo(harness, 'carol').at(-1)?.text).toContain('gave you an action for INC-1');
    expect(dmsTo(harness, 'carol').at(-1)?.blocks?.length).toBeGreaterThan(1);
    // Bob did it himself, so he is not told about his own change; alice reassigning tells bob.
    await run(harness, alice, general, `action reassign ACT-1 <@${dave}|dave>`);
    await harness.settle();
    expect(dmsTo(harness, 'carol').at(-1)?.text).toMatch(/gave \*ACT-1\* .* to <@U0DAVE>; it is no longer yours/);
    expect(dmsTo(harness, 'dave').at(-1)?.text).toContain('gave you an action');
  });

  it("Won't do requires a reason", async () => {
    await withAction();
    const form = await clickInDm(ids.actions.actionWontDo, ids.views.actionWontDo);
    const empty = await harness.emulator.submitView({ userId: bob, viewId: form.id, values: { action_reason: ' ' } });
    expect(empty.outcome).toBe('errors');
    await harness.emulator.submitView({
      userId: bob,
      viewId: form.id,
      values: { action_reason: 'The service is being retired' },
    });
    expect(await actionOf(harness, database, 1)).toMatchObject({
      status: 'wont_do',
      closeNote: 'The service is being retired',
    });
  });

  it('closing twice at once records one close, and the second form says who closed it', async () => {
    const inc = await withAction();
    const fromDm = await clickInDm(ids.actions.actionDone, ids.views.actionDone);
    await run(harness, alice, inc.channelId, 'actions');
    await clickInResponse(harness, {
      userId: alice,
      channelId: inc.channelId,
      blocks: lastResponse(harness, alice).blocks,
      actionId: ids.actions.actionDone,
    });
    const fromList = await openView(harness, alice, ids.views.actionDone);
    const [a, b] = await Promise.all([
      harness.emulator.submitView({ userId: bob, viewId: fromDm.id, values: { action_evidence: 'alert live' } }),
      harness.emulator.submitView({ userId: alice, viewId: fromList.id, values: { action_evidence: 'saw it fire' } }),
    ]);
    expect([a.outcome, b.outcome]).toEqual(['updated', 'updated']);
    await harness.settle();
    const action = await actionOf(harness, database, 1);
    const events = await listActionEvents(database.db, { teamId: inc.teamId, actionId: action.id });
    expect(events.filter((e) => e.kind === 'done')).toHaveLength(1);
    const timeline = await listTimeline(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(timeline.filter((e) => e.kind === 'action_done')).toHaveLength(1);
    const texts = [viewText(harness, fromDm.id), viewText(harness, fromList.id)];
    expect(texts.filter((t) => t.includes('is done'))).toHaveLength(1);
    expect(texts.filter((t) => /was already done: <@U0(BOB|ALICE)>/.test(t))).toHaveLength(1);
  });

  it('a stale button of an action closed since says who closed it and opens no form', async () => {
    const inc = await withAction();
    await run(harness, alice, inc.channelId, 'actions');
    const stale = lastResponse(harness, alice).blocks;
    await run(harness, carol, general, 'action done ACT-1 alert live');
    await clickInResponse(harness, {
      userId: alice,
      channelId: inc.channelId,
      blocks: stale,
      actionId: ids.actions.actionSnooze,
    });
    await harness.settle();
    expect(lastResponse(harness, alice).text).toMatch(/ACT-1\* was already done: <@U0CAROL>/);
    expect(harness.emulator.workspace.views(alice).filter((v) => v.callback_id === ids.views.actionSnooze)).toEqual([]);
  });

  it('anyone may close, and the owner is told who did', async () => {
    await withAction();
    expect(await run(harness, carol, general, 'action done ACT-1 alert live, see dashboard')).toContain(
      'ACT-1* is done',
    );
    await harness.settle();
    expect(dmsTo(harness, 'bob').at(-1)?.text).toMatch(/<@U0CAROL> closed your \*ACT-1\*.*done: alert live/);
    const action = await actionOf(harness, database, 1);
    expect(action.closedBy).toBe(carol);
  });
});

describe('the commands', () => {
  it('done, snooze, reassign and wontdo, each with what it requires', async () => {
    await withAction();
    expect(await run(harness, alice, general, 'action done ACT-1')).toMatch(/Say how it was verified/);
    expect(await run(harness, alice, general, 'action snooze ACT-1 in 2w')).toMatch(/Give a reason/);
    expect(await run(harness, alice, general, 'action snooze ACT-1 in 2w the vendor is late')).toContain(
      `now due ${today(14)}`,
    );
    expect(await run(harness, alice, general, `action reassign ACT-1 <@${carol}|carol>`)).toContain(
      'now belongs to <@U0CAROL>',
    );
    expect(await run(harness, alice, general, 'action wontdo ACT-1')).toMatch(/Give a reason/);
    expect(await run(harness, alice, general, 'action wontdo ACT-1 retired')).toContain('will not be done');
    expect(await run(harness, alice, general, 'action done ACT-1 too late')).toMatch(
      /ACT-1\* was already closed as won't do: <@U0ALICE>/,
    );
    expect(await run(harness, alice, general, 'action done ACT-99 x')).toMatch(/There is no ACT-99 that you can see/);
    expect(await run(harness, alice, general, 'action done')).toMatch(/Name the action/);
  });
});

describe('an action of a private incident', () => {
  it('can be changed only by members of its channel and its owner', async () => {
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: '' });
    const form = await openView(harness, alice, ids.views.declare);
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { title: 'Vault keys leaked', severity: 'sev1', private: ['private'] },
    });
    await harness.settle();
    const channel = harness.emulator.workspace.channels().find((c) => c.name.startsWith('inc-1-'))!;
    // Given only to a member: its owner is told what it is, every week.
    expect(await run(harness, alice, channel.id, `action Rotate the vault keys <@${bob}|bob>`)).toContain(
      'invite them first',
    );
    await harness.emulator.userJoins({ userId: bob, channelId: channel.id, inviterId: alice });
    await run(harness, alice, channel.id, `action Rotate the vault keys <@${bob}|bob>`);
    await harness.emulator.userLeaves({ userId: bob, channelId: channel.id });
    await harness.settle();
    expect(await run(harness, carol, general, 'action done ACT-1 rotated')).toMatch(
      /There is no ACT-1 that you can see/,
    );
    expect((await actionOf(harness, database, 1)).status).toBe('open');
    // Bob has left the channel, but owns it.
    expect(await run(harness, bob, general, 'action done ACT-1 rotated, see vault audit log')).toContain('is done');
  });
});
