import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { addFollowUps } from '../../src/follow-ups/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { actionOf, dmsTo, today, viewText } from '../support/actions.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import { alice, bob, declared, general, openView, resolveThroughForm, run } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

const sev1 = 'declare sev1 Search down';

describe('creating an action by command', () => {
  it('replies with the ref, owner and the severity default due date, and DMs the owner with the buttons', async () => {
    const inc = await declared(harness, database, sev1);
    const reply = await run(harness, alice, inc.channelId, `action Add an alert on search p99 latency <@${bob}|bob>`);
    expect(reply).toContain('*ACT-1* added for <@U0BOB>');
    expect(reply).toContain(`due ${today(15)}, the default for sev1`);
    expect(reply).not.toContain('suggestion');
    const action = await actionOf(harness, database, 1);
    expect(action).toMatchObject({ ownerId: bob, dueDate: today(15), type: 'corrective', status: 'open' });
    await harness.settle();
    const dm = dmsTo(harness, 'bob').at(-1);
    expect(dm?.text).toContain('gave you an action for INC-1');
    const buttons = JSON.stringify(dm?.blocks);
    for (const id of [
      ids.actions.actionDone,
      ids.actions.actionSnooze,
      ids.actions.actionReassign,
      ids.actions.actionWontDo,
    ])
      expect(buttons).toContain(`"action_id":"${id}"`);
  });

  it('takes due, type, priority and tracker options and links the tracker key when configured', async () => {
    harness.config.actions.tracker_url = 'https://jira.example.com/browse/{{key}}';
    const inc = await declared(harness, database, sev1);
    const reply = await run(
      harness,
      alice,
      inc.channelId,
      `action Add a runbook for failover <@${bob}|bob> due:in 2w type:runbook priority:p1 tracker:ops-12`,
    );
    expect(reply).toContain(`due ${today(14)}.`);
    expect(reply).not.toContain('the default for');
    expect(reply).toContain('<https://jira.example.com/browse/OPS-12|OPS-12>');
    expect(await actionOf(harness, database, 1)).toMatchObject({
      type: 'runbook',
      priority: 'p1',
      trackerKey: 'OPS-12',
    });
  });

  it('suggests a bounded action for a vague one, and still creates it', async () => {
    const inc = await declared(harness, database, sev1);
    const reply = await run(harness, alice, inc.channelId, `action Improve monitoring <@${bob}|bob>`);
    expect(reply).toContain('*ACT-1* added');
    expect(reply).toMatch(/suggestion.*“improve monitoring” alone is open-ended.*e\.g\. “Add an alert/);
  });

  it('says what to fix when the command cannot be read, and creates nothing', async () => {
    const inc = await declared(harness, database, sev1);
    expect(await run(harness, alice, inc.channelId, `action Add alert <@${bob}|bob> type:weird`)).toMatch(
      /“weird” is not a type; use one of mitigation, corrective/,
    );
    expect(await run(harness, alice, inc.channelId, `action Add alert <@${bob}|bob> due:2020-01-01`)).toMatch(
      /2020-01-01 is in the past/,
    );
    expect(await run(harness, alice, inc.channelId, `action Add alert <@${bob}|bob> tracker:12`)).toMatch(
      /not a tracker key/,
    );
    expect(await run(harness, alice, general, `action Add alert <@${bob}|bob>`)).toMatch(/incident channel/);
    await expect(actionOf(harness, database, 1)).rejects.toThrow();
  });

  it('creates in another incident named first, from anywhere', async () => {
    await declared(harness, database, sev1);
    expect(await run(harness, alice, general, `action INC-1 Add an alert on errors <@${bob}|bob>`)).toContain(
      '*ACT-1*',
    );
    expect((await actionOf(harness, database, 1)).text).toBe('Add an alert on errors');
  });

  it('is on the timeline, in the audit log and in the postmortem document', async () => {
    const inc = await declared(harness, database, sev1);
    await resolveThroughForm(harness, alice, inc.channelId);
    await run(harness, alice, inc.channelId, `action Add an alert on search p99 latency <@${bob}|bob>`);
    await harness.settle();
    const timeline = await listTimeline(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(timeline.find((e) => e.kind === 'action_created')?.text).toContain('ACT-1 added for <@U0BOB>');
    const audit = await listAudit(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(audit.some((a) => a.action === 'action.created')).toBe(true);
    expect(harness.emulator.renderCanvas(inc.channelId)).toContain('ACT-1');
  });
});

describe('creating an action with the form', () => {
  it('opens from the command alone, its due date the severity default, and creates on submit', async () => {
    const inc = await declared(harness, database, sev1);
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'action' });
    const form = (await openView(harness, alice, ids.views.actionCreate)) as { id: string; blocks: unknown[] };
    expect(JSON.stringify(form.blocks)).toContain(`"initial_date":"${today(15)}"`);
    const result = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { action_text: 'Add a canary stage to search deploys', action_owner: bob },
    });
    expect(result.outcome).toBe('updated');
    expect(viewText(harness, form.id)).toContain('ACT-1');
    expect(await actionOf(harness, database, 1)).toMatchObject({ ownerId: bob, dueDate: today(15) });
  });

  it('opens prefilled when the command has text but no owner', async () => {
    const inc = await declared(harness, database, sev1);
    await harness.emulator.slashCommand({
      userId: alice,
      channelId: inc.channelId,
      text: 'action Add a canary stage due:in 3d priority:p2',
    });
    const form = await openView(harness, alice, ids.views.actionCreate);
    const blocks = JSON.stringify(form.blocks);
    expect(blocks).toContain('"initial_value":"Add a canary stage"');
    expect(blocks).toContain(`"initial_date":"${today(3)}"`);
    expect(blocks).toContain('"value":"p2"');
  });

  it('refuses a past date, an invalid tracker key and blank text under their fields', async () => {
    const inc = await declared(harness, database, sev1);
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'action' });
    const form = await openView(harness, alice, ids.views.actionCreate);
    const submit = (values: Record<string, unknown>) =>
      harness.emulator.submitView({ userId: alice, viewId: form.id, values });
    const past = await submit({ action_text: 'Add x', action_owner: bob, action_due: '2020-01-01' });
    expect(past.outcome).toBe('errors');
    expect(JSON.stringify(past)).toContain('in the past');
    const tracker = await submit({ action_text: 'Add x', action_owner: bob, action_tracker: 'not a key' });
    expect(tracker.outcome).toBe('errors');
    expect(JSON.stringify(tracker)).toContain('not a tracker key');
    const blank = await submit({ action_text: '   ', action_owner: bob });
    expect(blank.outcome).toBe('errors');
    await expect(actionOf(harness, database, 1)).rejects.toThrow();
  });

  it('opens from the card’s Add action button', async () => {
    const inc = await declared(harness, database, sev1);
    await harness.emulator.clickButton({
      userId: alice,
      channelId: inc.channelId,
      messageTs: inc.cardTs,
      actionId: ids.actions.actionAdd,
    });
    const form = await openView(harness, alice, ids.views.actionCreate);
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { action_text: 'Add a canary stage', action_owner: bob },
    });
    expect((await actionOf(harness, database, 1)).incidentId).toBe(inc.id);
  });

  it('opens from the postmortem message’s Add action button', async () => {
    const inc = await declared(harness, database, sev1);
    await resolveThroughForm(harness, alice, inc.channelId);
    const message = harness.emulator.workspace
      .messages(inc.channelId)
      .find((m: { text?: string }) => /Postmortem for INC-1/.test(m.text ?? ''));
    await harness.emulator.clickButton({
      userId: alice,
      channelId: inc.channelId,
      messageTs: message!.ts,
      actionId: ids.actions.actionAdd,
    });
    const form = await openView(harness, alice, ids.views.actionCreate);
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { action_text: 'Add a canary stage', action_owner: bob },
    });
    await harness.settle();
    expect((await actionOf(harness, database, 1)).incidentId).toBe(inc.id);
    expect(harness.emulator.renderCanvas(inc.channelId)).toContain('ACT-1');
  });
});

describe('the Create action message shortcut', () => {
  it('opens the form with the message text in an incident channel', async () => {
    const inc = await declared(harness, database, sev1);
    const said = await harness.emulator.userSays({
      userId: alice,
      channelId: inc.channelId,
      text: 'We should add a retry budget to the search client',
    });
    await harness.emulator.messageShortcut({
      userId: alice,
      channelId: inc.channelId,
      messageTs: said.ts as string,
      callbackId: ids.shortcuts.createAction,
    });
    const form = await openView(harness, alice, ids.views.actionCreate);
    expect(JSON.stringify(form.blocks)).toContain('We should add a retry budget to the search client');
    await harness.emulator.submitView({ userId: alice, viewId: form.id, values: { action_owner: bob } });
    expect((await actionOf(harness, database, 1)).text).toBe('We should add a retry budget to the search client');
  });

  it('says where it works when used outside an incident channel', async () => {
    await declared(harness, database, sev1);
    const said = await harness.emulator.userSays({ userId: bob, channelId: general, text: 'lunch?' });
    await harness.emulator.messageShortcut({
      userId: alice,
      channelId: general,
      messageTs: said.ts as string,
      callbackId: ids.shortcuts.createAction,
    });
    await harness.settle();
    const answer = harness.emulator.workspace
      .responses()
      .filter((r: { userId?: string }) => r.userId === alice)
      .at(-1) as { text?: string; body?: { text?: string } };
    expect(answer.body?.text ?? answer.text).toMatch(/in an incident channel/);
    expect(harness.emulator.workspace.views(alice).filter((v) => v.callback_id === ids.views.actionCreate)).toEqual([]);
  });
});

describe('proposed actions', () => {
  async function withProposal() {
    const inc = await declared(harness, database, sev1);
    await addFollowUps(database.db, [
      {
        teamId: inc.teamId,
        incidentId: inc.id,
        kind: 'write_runbook',
        text: 'Write a runbook for search-api',
        at: new Date(),
      },
    ]);
    await resolveThroughForm(harness, alice, inc.channelId);
    return inc;
  }

  it('are posted on resolve and on the postmortem message, each with Accept', async () => {
    const inc = await withProposal();
    const withAccept = harness.emulator.workspace
      .messages(inc.channelId)
      .filter((m) => JSON.stringify(m.blocks ?? []).includes(ids.actions.actionAcceptProposal));
    expect(withAccept.map((m) => m.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Proposed actions/),
        expect.stringMatching(/Postmortem for INC-1/),
      ]),
    );
  });

  it('Accept opens the form prefilled, and two accepts make one action', async () => {
    const inc = await withProposal();
    const proposal = harness.emulator.workspace
      .messages(inc.channelId)
      .find((m) => /Proposed actions/.test(m.text ?? ''))!;
    for (const userId of [alice, bob])
      await harness.emulator.clickButton({
        userId,
        channelId: inc.channelId,
        messageTs: proposal.ts,
        actionId: ids.actions.actionAcceptProposal,
      });
    const first = await openView(harness, alice, ids.views.actionCreate);
    const second = await openView(harness, bob, ids.views.actionCreate);
    expect(JSON.stringify(first.blocks)).toContain('Write a runbook for search-api');
    await Promise.all([
      harness.emulator.submitView({ userId: alice, viewId: first.id, values: { action_owner: bob } }),
      harness.emulator.submitView({ userId: bob, viewId: second.id, values: { action_owner: alice } }),
    ]);
    await harness.settle();
    const action = await actionOf(harness, database, 1);
    expect(action).toMatchObject({ text: 'Write a runbook for search-api', type: 'runbook' });
    await expect(actionOf(harness, database, 2)).rejects.toThrow();
    const answers = [viewText(harness, first.id), viewText(harness, second.id)];
    expect(answers.filter((t) => t.includes('That proposal is already *ACT-1*'))).toHaveLength(1);
    // Accepted: the postmortem message no longer offers it.
    const postmortem = harness.emulator.workspace
      .messages(inc.channelId)
      .find((m) => /Postmortem for INC-1/.test(m.text ?? ''))!;
    expect(JSON.stringify(postmortem.blocks)).not.toContain(ids.actions.actionAcceptProposal);
  });
});
