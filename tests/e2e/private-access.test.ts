import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { addFollowUps, listFollowUps } from '../../src/follow-ups/index.ts';
import { findIncidentByNumber, type Incident } from '../../src/incidents/index.ts';
import { loadDigest, mondayOf } from '../../src/insights/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { queryRows } from '../../src/platform/db.ts';
import { localDateOf } from '../../src/platform/local-time.ts';
import { listRuns } from '../../src/runbooks/index.ts';
import { reliabilityDigestMessage } from '../../src/slack/blocks/reliability-digest.ts';
import { ids } from '../../src/slack/ids.ts';
import { ListenerRouter } from '../../src/slack/listener-router.ts';
import { subcommands } from '../../src/slack/listeners/commands/incident-command.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { alice, bob, carol, dave, general, openView, resolveThroughForm, submitForm } from '../support/lifecycle.ts';
import { callExposuresOf, exposuresOf, readableByOutsiders } from '../support/marker-scan.ts';
import { manualClock } from '../support/services.ts';

// A non-member (bob) tries every command, button, form, shortcut and page turn of a private incident,
// by typing, by replaying a member's buttons and forms with the private incident's ids, and with the
// private channel's channel_id; a member removed from the channel (carol) submits forms opened before.
// Then its jobs run over weeks, and the whole emulated workspace (and every Web API call) is searched for
// the marker, which must reach only its channel and what its members alone see.
const marker = 'QUOKKA7731';
const refusal = /There is no (INC-1|such incident) that you can see/;
const notHere = /Run this in an incident channel/;
const actionRefusal = /There is no ACT-1 that you can see/;

// The app's clock starts at the real time (the outbox's delays run on the database's) and is moved on for the jobs.
const clock = manualClock(new Date());
const minute = 60_000;
const day = 24 * 60 * minute;
let database: TestDatabase;
let harness: Harness;
let secret: Incident & { channelId: string };
let publicOne: Incident & { channelId: string };
let runId: number;
let followUpId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const base = await loadConfig(undefined);
  // Every shared place a SEV1 can reach: stakeholder channels, the digest's and the escalation channel.
  const config = {
    ...base,
    channels: {
      ...base.channels,
      stakeholders: { sev1: ['#incidents', '#exec-updates'] },
      action_escalation: '#action-escalation',
    },
    digest: { ...base.digest, channel: '#reliability' },
    // Escalated a day past due, so the weekly escalation comes within the days the jobs walk covers, whatever today is.
    actions: { ...base.actions, escalate_after_days: 1 },
  };
  // Every refusal asks Slack for the channel's members; this file makes ~100 of them in seconds.
  harness = await startHarness(database, { rateLimits: false, clock, config });
  for (const name of ['exec-updates', 'reliability', 'action-escalation'])
    harness.emulator.workspace.addChannel({ name, members: [dave] });
  harness.emulator.workspace.addChannel({ name: 'hr-only', isPrivate: true, members: [dave] });
  await harness.emulator.slashCommand({ userId: alice, channelId: general, text: '' });
  const form = await openView(harness, alice, ids.views.declare);
  await harness.emulator.submitView({
    userId: alice,
    viewId: form.id,
    values: {
      title: `${marker} vault breach`,
      severity: 'sev1',
      impact: `${marker} impact`,
      services: 'orders-db',
      commander: carol,
      private: ['private'],
    },
  });
  await harness.settle();
  secret = (await findIncidentByNumber(database.db, { teamId: harness.emulator.teamId, number: 1 })) as typeof secret;
  await harness.emulator.slashCommand({ userId: alice, channelId: secret.channelId, text: 'runbook db-failover' });
  await harness.emulator.slashCommand({
    userId: alice,
    channelId: secret.channelId,
    text: `note ${marker} key rotated`,
  });
  // A stakeholder update through the form (a SEV1's go to #incidents and #exec-updates when public).
  await harness.emulator.slashCommand({ userId: alice, channelId: secret.channelId, text: 'update' });
  await submitForm(harness, alice, ids.views.stakeholderUpdate, {
    status: `${marker} status`,
    impact: `${marker} customers`,
    actions: `${marker} rotating`,
  });
  // A corrective action (ACT-1, owned by carol) and a proposed one, so their buttons and forms can be replayed.
  await harness.emulator.slashCommand({
    userId: alice,
    channelId: secret.channelId,
    text: `action Rotate the ${marker} keys <@${carol}|carol> due:tomorrow`,
  });
  await addFollowUps(database.db, [
    {
      teamId: secret.teamId,
      incidentId: secret.id,
      kind: 'write_runbook',
      text: `Write a ${marker} runbook`,
      at: new Date(),
    },
  ]);
  followUpId = (await listFollowUps(database.db, { teamId: secret.teamId, incidentId: secret.id }))[0]?.id as number;
  // A postmortem, so its message (and buttons) exist in the private channel too.
  await harness.emulator.slashCommand({ userId: alice, channelId: secret.channelId, text: 'postmortem' });
  await harness.settle();
  const postmortem = harness.emulator.workspace
    .messages(secret.channelId)
    .find((m) => /Postmortem for INC-1/.test(m.text ?? '')) as { ts: string };
  await harness.emulator.clickButton({
    userId: alice,
    channelId: secret.channelId,
    messageTs: postmortem.ts,
    actionId: ids.actions.postmortemWriteUp,
  });
  await submitForm(harness, alice, ids.views.postmortemWriteUp, {
    summary: `${marker} summary`,
    lucky: `${marker} luck`,
  });
  for (const title of ['Public slowness', 'Public errors'])
    await harness.emulator.slashCommand({ userId: bob, channelId: general, text: `declare sev3 ${title}` });
  await harness.settle();
  publicOne = (await findIncidentByNumber(database.db, {
    teamId: harness.emulator.teamId,
    number: 2,
  })) as typeof publicOne;
  runId = (await listRuns(database.db, { teamId: secret.teamId, incidentId: secret.id }))[0]?.id as number;
}, 60_000);
afterAll(async () => {
  await harness?.stop();
  await database?.destroy();
});

/** Every row of every table but the inbox (each request is stored there) and the user-name cache. */
async function fingerprint(): Promise<string> {
  const tables = await queryRows<{ tablename: string }>(
    database.db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: string[] = [];
  for (const { tablename } of tables.filter((t) => !/inbox|slack_user/.test(t.tablename))) {
    const rows = await queryRows<Record<string, unknown>>(database.db, sql.raw(`SELECT * FROM "${tablename}"`));
    counts.push(`${tablename}:${JSON.stringify(rows)}`);
  }
  return counts.join('\n');
}

/** What bob can see of Slack: every response, ephemeral, view and public channel message. */
function seenByBob(): string {
  const ws = harness.emulator.workspace;
  const publicText = ws
    .channels()
    .filter((c) => !c.is_private)
    .flatMap((c) => ws.messages(c.id));
  return JSON.stringify([
    ws.responses().filter((r) => r.userId === bob),
    ws.ephemerals(undefined, bob),
    ws.views(bob),
    publicText,
  ]);
}

function lastAnswer(userId: string, reply: { json?: unknown }): string {
  const acked = (reply.json as { text?: string } | undefined)?.text;
  if (acked) return acked;
  const delivered = harness.emulator.workspace
    .responses()
    .filter((r) => r.userId === userId)
    .at(-1) as { text?: string; body?: { text?: string } } | undefined;
  return delivered?.body?.text ?? delivered?.text ?? '';
}

/** Runs `attempt` and checks it changed nothing in the database and showed bob nothing of the incident. */
async function refusedWithoutChange(attempt: () => Promise<void>): Promise<void> {
  const before = await fingerprint();
  await attempt();
  await harness.settle();
  expect(await fingerprint()).toBe(before);
  expect(seenByBob()).not.toContain(marker);
}

function elementsOf(blocks: unknown): Array<Record<string, unknown> & { block_id: string }> {
  return (
    (blocks ?? []) as Array<{
      block_id: string;
      elements?: Array<Record<string, unknown>>;
      accessory?: Record<string, unknown>;
    }>
  ).flatMap((block) =>
    [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].map((element) => ({
      ...element,
      block_id: block.block_id,
    })),
  );
}

/** A member's message button, replayed by someone else with the values the message carries. */
function messageButton(
  channelId: string,
  matches: (actionId: string) => boolean,
  override: Record<string, unknown> = {},
) {
  const message = harness.emulator.workspace
    .messages(channelId)
    .find((m) => elementsOf(m.blocks).some((e) => matches(String(e.action_id))));
  if (!message) throw new Error('no message with that button');
  const element = elementsOf(message.blocks).find((e) => matches(String(e.action_id))) as Record<string, unknown>;
  return {
    type: 'block_actions',
    container: { type: 'message', message_ts: message.ts, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: 'forged' },
    message: { ts: message.ts, text: message.text ?? '', blocks: message.blocks, type: 'message' },
    state: { values: {} },
    actions: [{ ...element, action_ts: '1.2', ...override }],
  };
}

/** A form submission written by hand: the private incident's ids in private_metadata. */
function forgedSubmission(
  callbackId: string,
  metadata: Record<string, unknown>,
  values: Record<string, Record<string, Record<string, unknown>>>,
) {
  return {
    type: 'view_submission',
    view: {
      id: 'V0FORGED',
      hash: 'forged',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: JSON.stringify(metadata),
      state: { values },
      blocks: [],
    },
  };
}

const now = () => Math.floor(Date.now() / 1000) - 60;
const select = (value: string) => ({
  type: 'static_select',
  selected_option: { value, text: { type: 'plain_text', text: value } },
});
const input = (value: string) => ({ type: 'plain_text_input', value });

type Scenario = { covers: string; run: () => Promise<void> };

async function commandRefused(text: string, expected: RegExp, channelId = general): Promise<void> {
  const reply =
    channelId === general
      ? await harness.emulator.slashCommand({ userId: bob, channelId, text })
      : await harness.emulator.craftedCommand({ userId: bob, channelId, text });
  expect(reply.status).toBe(200);
  await harness.settle();
  expect(lastAnswer(bob, reply)).toMatch(expected);
}

async function buttonRefused(payload: Record<string, unknown>, channelId: string, expected = refusal): Promise<void> {
  const reply = await harness.emulator.craftedInteraction({ userId: bob, channelId, payload });
  expect(reply.status).toBe(200);
  await harness.settle();
  expect(lastAnswer(bob, {})).toMatch(expected);
}

async function formRefused(payload: Record<string, unknown>, expected = refusal): Promise<void> {
  const reply = await harness.emulator.craftedInteraction({ userId: bob, payload });
  expect(reply.status).toBe(200);
  const answer = reply.json as { response_action?: string; view?: unknown };
  expect(answer.response_action).toBe('update');
  expect(JSON.stringify(answer.view)).toMatch(expected);
}

/** A button as Slack sends it, naming what `value` names (the action buttons sit in DMs and ephemeral lists). */
function craftedButton(actionId: string, value: string, blockId = 'b') {
  return {
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000900', channel_id: general, is_ephemeral: true },
    channel: { id: general, name: 'general' },
    state: { values: {} },
    actions: [{ type: 'button', action_id: actionId, block_id: blockId, action_ts: '1.2', value }],
  };
}

/** Bob's own (public) modal with a crafted button naming the private incident. */
async function modalButtonRefused(
  callbackId: string,
  openWith: string,
  action: Record<string, unknown>,
): Promise<void> {
  await harness.emulator.slashCommand({ userId: bob, channelId: publicOne.channelId, text: openWith });
  const view = (await openView(harness, bob, callbackId)) as unknown as {
    id: string;
    hash: string;
    private_metadata?: string;
    callback_id: string;
  };
  const payload = {
    type: 'block_actions',
    container: { type: 'view', view_id: view.id },
    view: {
      id: view.id,
      hash: view.hash,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: JSON.stringify({ incidentId: secret.id, page: 0 }),
      state: { values: {} },
    },
    actions: [{ type: 'button', block_id: 'b', action_ts: '1.2', ...action }],
  };
  expect((await harness.emulator.craftedInteraction({ userId: bob, payload })).status).toBe(200);
  await harness.settle();
  expect(JSON.stringify(harness.emulator.workspace.view(view.id))).toMatch(refusal);
}

const channelScoped = ['note', 'milestone', 'timeline', 'update', 'runbook', 'export'];
const namedOrChannel: Record<string, string> = {
  status: 'identified',
  sev: 'sev0 forged',
  role: 'comms <@U0BOB|bob>',
  roles: '',
  handover: 'commander <@U0BOB|bob>',
  resolve: '',
  reopen: '',
  close: '',
  private: '',
  public: '',
  postmortem: '',
};

const scenarios: Scenario[] = [
  ...channelScoped.map((name) => ({
    covers: `command:/incident ${name}`,
    run: () =>
      commandRefused(
        `${name} ${name === 'milestone' ? 'detected now' : name === 'note' ? `${marker} forged` : ''}`.trim(),
        notHere,
        secret.channelId,
      ),
  })),
  ...Object.entries(namedOrChannel).map(([name, rest]) => ({
    covers: `command:/incident ${name}`,
    run: async () => {
      await commandRefused(`${name} INC-1 ${rest}`.trim(), refusal);
      await commandRefused(`${name} ${rest}`.trim(), notHere, secret.channelId);
    },
  })),
  ...[
    ids.actions.cardUpdate,
    ids.actions.cardSeverity,
    ids.actions.cardRoles,
    ids.actions.cardNote,
    ids.actions.cardResolve,
    ids.actions.cardMilestones,
    ids.actions.cardRunbook,
    ids.actions.postmortemWriteUp,
    ids.actions.postmortemRegenerate,
    ids.actions.postmortemReview,
    ids.actions.postmortemPublish,
    ids.actions.actionAdd,
  ].map((actionId) => ({
    covers: `action:${actionId}`,
    run: () =>
      buttonRefused(
        messageButton(secret.channelId, (id) => id === actionId),
        general,
      ),
  })),
  {
    covers: `action:${ids.actions.cardStatus}`,
    run: () =>
      buttonRefused(
        messageButton(secret.channelId, (id) => id === ids.actions.cardStatus, {
          selected_option: { value: 'identified' },
        }),
        general,
      ),
  },
  {
    covers: `action:${ids.actions.runbookStart}`,
    run: () =>
      buttonRefused(
        messageButton(secret.channelId, (id) => id === ids.actions.runbookStart),
        general,
      ),
  },
  {
    covers: `action:${ids.actions.runbookStepDone}`,
    run: () =>
      buttonRefused(
        messageButton(secret.channelId, (id) => id === ids.actions.runbookStepDone),
        general,
      ),
  },
  {
    covers: `action:${ids.actions.runbookStepSkip}`,
    run: () =>
      buttonRefused(
        messageButton(secret.channelId, (id) => id === ids.actions.runbookStepSkip),
        general,
      ),
  },
  {
    covers: 'action:^runbook\\.branch\\.\\d+$',
    run: () =>
      buttonRefused(
        messageButton(secret.channelId, (id) => id.startsWith('runbook.branch.')),
        general,
      ),
  },
  {
    covers: `action:${ids.actions.handoverBrief}`,
    run: () =>
      buttonRefused(
        {
          type: 'block_actions',
          actions: [
            {
              type: 'button',
              action_id: ids.actions.handoverBrief,
              block_id: 'b',
              action_ts: '1.2',
              value: JSON.stringify({ incidentId: secret.id, role: 'commander', to: bob }),
            },
          ],
        },
        general,
      ),
  },
  {
    covers: `action:${ids.actions.timelinePrevious}`,
    run: () =>
      modalButtonRefused(ids.views.timeline, 'timeline', {
        action_id: ids.actions.timelinePrevious,
        value: `${secret.id}:0`,
      }),
  },
  {
    covers: `action:${ids.actions.timelineNext}`,
    run: () =>
      modalButtonRefused(ids.views.timeline, 'timeline', {
        action_id: ids.actions.timelineNext,
        value: `${secret.id}:1`,
      }),
  },
  {
    covers: `action:${ids.actions.timelineExport}`,
    run: () =>
      modalButtonRefused(ids.views.timeline, 'timeline', {
        action_id: ids.actions.timelineExport,
        value: String(secret.id),
      }),
  },
  {
    covers: `action:${ids.actions.updatePreview}`,
    run: () => modalButtonRefused(ids.views.stakeholderUpdate, 'update', { action_id: ids.actions.updatePreview }),
  },
  {
    covers: `view:${ids.views.postmortemWriteUp}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.postmortemWriteUp,
          { incidentId: secret.id },
          { summary: { summary: input(`${marker} forged`) } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.postmortemReview}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.postmortemReview,
          { incidentId: secret.id },
          { reviewers: { reviewers: { type: 'multi_users_select', selected_users: [bob] } } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.postmortemPublish}`,
    run: () =>
      formRefused(
        forgedSubmission(ids.views.postmortemPublish, { incidentId: secret.id }, { reason: { reason: input('x') } }),
      ),
  },
  {
    covers: `view:${ids.views.note}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.note,
          { incidentId: secret.id },
          { note_text: { note_text: input(`${marker} forged`) } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.milestones}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.milestones,
          { incidentId: secret.id },
          { ms_detected: { detected: { type: 'datetimepicker', selected_date_time: now() } } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.addToTimeline}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.addToTimeline,
          { channelId: general, ts: '1.000001', text: 'forged' },
          { incident: { incident: select(String(secret.id)) } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.stakeholderUpdate}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.stakeholderUpdate,
          { incidentId: secret.id },
          { status: { status: input('x') }, impact: { impact: input('y') }, actions: { actions: input('z') } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.runbookPick}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.runbookPick,
          { incidentId: secret.id },
          { runbook: { runbook: select('db-failover') } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.runbookSkip}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.runbookSkip,
          { runId, stepId: 'check-replication' },
          { reason: { reason: input('forged') } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.severity}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.severity,
          { incidentId: secret.id },
          { severity: { severity: select('sev0') }, reason: { reason: input('forged') } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.roles}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.roles,
          { incidentId: secret.id },
          { role__comms: { comms: { type: 'users_select', selected_user: bob } } },
        ),
      ),
  },
  {
    covers: `view:${ids.views.resolve}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.resolve,
          { incidentId: secret.id },
          {
            resolved_at: { resolved_at: { type: 'datetimepicker', selected_date_time: now() } },
            severity: { severity: select('sev1') },
            change_induced: { change_induced: select('no') },
          },
        ),
      ),
  },
  {
    covers: `view:${ids.views.handover}`,
    run: () =>
      formRefused(
        forgedSubmission(
          ids.views.handover,
          { incidentId: secret.id, role: 'commander', to: bob },
          { brief: { brief: input('forged') } },
        ),
      ),
  },
  {
    covers: 'command:/incident action',
    run: async () => {
      await commandRefused(`action INC-1 ${marker} forged <@U0BOB|bob>`, refusal);
      await commandRefused(`action ${marker} forged <@U0BOB|bob>`, notHere, secret.channelId);
      await commandRefused('action INC-1', refusal);
      for (const move of [
        'done ACT-1 forged',
        'snooze ACT-1 in 2w forged',
        'reassign ACT-1 <@U0BOB|bob>',
        'wontdo ACT-1 x',
      ])
        await commandRefused(`action ${move}`, actionRefusal);
    },
  },
  {
    covers: 'command:/incident actions',
    run: async () => {
      await commandRefused('actions INC-1', refusal);
      await commandRefused('actions', notHere, secret.channelId);
      for (const text of ['actions <@U0CAROL|carol>', 'actions overdue']) {
        await harness.emulator.slashCommand({ userId: bob, channelId: general, text });
        await harness.settle();
        expect(
          JSON.stringify(
            harness.emulator.workspace
              .responses()
              .filter((r) => r.userId === bob)
              .at(-1),
          ),
        ).toMatch(text === 'actions overdue' ? /Overdue actions/ : /1 action from private incidents/);
      }
    },
  },
  ...[ids.actions.actionDone, ids.actions.actionSnooze, ids.actions.actionReassign, ids.actions.actionWontDo].map(
    (actionId) => ({
      covers: `action:${actionId}`,
      run: () => buttonRefused(craftedButton(actionId, '1'), general, actionRefusal),
    }),
  ),
  {
    covers: `action:${ids.actions.actionAcceptProposal}`,
    run: () => buttonRefused(craftedButton(ids.actions.actionAcceptProposal, String(followUpId)), general),
  },
  {
    covers: `action:${ids.actions.actionsPage}`,
    run: async () => {
      await buttonRefused(craftedButton(ids.actions.actionsPage, `i:${secret.id}:1`), general);
      await harness.emulator.craftedInteraction({
        userId: bob,
        channelId: general,
        payload: craftedButton(ids.actions.actionsPage, 'o:U0CAROL:1'),
      });
      await harness.settle();
      expect(
        JSON.stringify(
          harness.emulator.workspace
            .responses()
            .filter((r) => r.userId === bob)
            .at(-1),
        ),
      ).toMatch(/1 action from private incidents/);
    },
  },
  {
    covers: `view:${ids.views.actionCreate}`,
    run: async () => {
      const values = {
        action_text: { action_text: input(`${marker} forged`) },
        action_owner: { action_owner: { type: 'users_select', selected_user: bob } },
      };
      await formRefused(forgedSubmission(ids.views.actionCreate, { incidentId: secret.id }, values));
      // A public incident's form naming the private incident's proposal.
      // Another view id: the same values on the same view would be deduplicated as a double submission.
      const proposal = forgedSubmission(ids.views.actionCreate, { incidentId: publicOne.id, followUpId }, values);
      await formRefused({ ...proposal, view: { ...proposal.view, id: 'V0FORGED2' } });
    },
  },
  ...(
    [
      [ids.views.actionDone, { action_evidence: { action_evidence: input('forged') } }],
      [ids.views.actionWontDo, { action_reason: { action_reason: input('forged') } }],
      [
        ids.views.actionSnooze,
        {
          action_due: { action_due: { type: 'datepicker', selected_date: '2099-01-01' } },
          action_reason: { action_reason: input('forged') },
        },
      ],
      [ids.views.actionReassign, { action_owner: { action_owner: { type: 'users_select', selected_user: bob } } }],
    ] as const
  ).map(([callbackId, values]) => ({
    covers: `view:${callbackId}`,
    run: () => formRefused(forgedSubmission(callbackId, { number: 1 }, values), actionRefusal),
  })),
  {
    covers: `shortcut:${ids.shortcuts.createAction}`,
    run: async () => {
      const said = await harness.emulator.userSays({ userId: bob, channelId: general, text: 'worth doing' });
      const forged = {
        type: 'message_action',
        callback_id: ids.shortcuts.createAction,
        message_ts: said.ts,
        message: { ts: said.ts, text: 'worth doing', user: bob, type: 'message' },
        channel: { id: secret.channelId, name: 'forged' },
      };
      const reply = await harness.emulator.craftedInteraction({ userId: bob, channelId: general, payload: forged });
      expect(reply.status).toBe(200);
      await harness.settle();
      expect(lastAnswer(bob, {})).toMatch(/in an incident channel/);
      expect(harness.emulator.workspace.views(bob).filter((v) => v.callback_id === ids.views.actionCreate)).toEqual([]);
    },
  },
  {
    covers: `shortcut:${ids.shortcuts.addToTimeline}`,
    run: async () => {
      const said = await harness.emulator.userSays({ userId: bob, channelId: general, text: 'worth keeping' });
      const forged = {
        type: 'message_action',
        callback_id: ids.shortcuts.addToTimeline,
        message_ts: said.ts,
        message: { ts: said.ts, text: 'worth keeping', user: bob, type: 'message' },
        channel: { id: secret.channelId, name: 'forged' },
      };
      for (const attempt of [
        () =>
          harness.emulator.messageShortcut({
            userId: bob,
            channelId: general,
            messageTs: said.ts as string,
            callbackId: ids.shortcuts.addToTimeline,
          }),
        () => harness.emulator.craftedInteraction({ userId: bob, channelId: general, payload: forged }),
      ]) {
        await attempt();
        const picker = await openView(harness, bob, ids.views.addToTimeline);
        expect(JSON.stringify(picker.blocks)).toContain('INC-2');
        expect(JSON.stringify(picker.blocks)).not.toMatch(/INC-1\b/);
        await harness.emulator.closeView({ userId: bob, viewId: picker.id });
      }
    },
  },
];

// Not about an existing incident, or reported by Slack only from the channel where it happened.
const exempt: Record<string, string> = {
  'command:/incident declare': 'creates an incident; reads none',
  'command:/incident drill': 'creates an incident; reads none',
  'command:/incident help': 'static text',
  [`view:${ids.views.declare}`]: 'creates an incident; reads none',
  [`shortcut:${ids.shortcuts.declareFromMessage}`]: 'opens the declare form on a message the person sees',
  'event:message': 'Slack sends it only from channels the bot is in, for what was said there',
  'event:reaction_added': 'as message',
  'event:reaction_removed': 'as message',
  'event:pin_added': 'as message',
  'event:pin_removed': 'as message',
  'event:member_joined_channel': 'as message',
  'event:member_left_channel': 'as message',
  [`action:${ids.actions.homeDeclare}`]: 'opens the declare form; reads no incident',
};

// Not refused but shown without the incident: each runs in an `it` of its own below.
const shownWithout = ['command:/incident stats', `action:${ids.actions.statsExport}`, 'event:app_home_opened'];

function homeOf(userId: string): string {
  return JSON.stringify(harness.emulator.workspace.views(userId).find((view) => view.type === 'home') ?? null);
}

async function opensHome(userId: string): Promise<string> {
  await harness.emulator.userOpensHome({ userId });
  await harness.settle();
  const home = homeOf(userId);
  expect(home).not.toBe('null');
  return home;
}

describe('a private incident, to someone not in its channel', () => {
  it('covers every registered listener with a scenario (or a reason it cannot leak)', () => {
    const router = new ListenerRouter();
    registerListeners(router.asApp(), { logger: pino({ level: 'silent' }) } as unknown as SlackServices);
    const registered = router
      .registrations()
      .flatMap((id) =>
        id === `command:${ids.command}` ? Object.keys(subcommands).map((name) => `command:/incident ${name}`) : [id],
      );
    const covered = new Set([...scenarios.map((s) => s.covers), ...shownWithout, ...Object.keys(exempt)]);
    expect(registered.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('is invisible to the non-member, who sees its own channel incidents offered', async () => {
    expect(harness.emulator.workspace.channel(secret.channelId)?.members).not.toContain(bob);
    expect(seenByBob()).not.toContain(marker);
  });

  it("counts it in the week's reliability digest, never naming it", async () => {
    const { deps } = harness.app;
    const weekStart = mondayOf(localDateOf(deps.clock.now(), deps.config.timezone));
    const digest = await loadDigest(deps, { teamId: secret.teamId, weekStart });
    const message = reliabilityDigestMessage(await loadCopy(), {
      digest,
      weekLabel: weekStart,
      timeZone: deps.config.timezone,
      severityLabels: {},
      severityOrder: deps.config.severities.map((severity) => severity.name),
    });
    const shown = JSON.stringify(message);
    expect(shown).toContain('Public slowness');
    expect(shown).toMatch(/1 private incident/);
    expect(shown).not.toContain(marker);
    expect(shown).not.toContain(secret.channelId);
    expect(shown).not.toMatch(/INC-1\b/);
  });

  it('counts it in stats and its CSV export, never naming it', async () => {
    await harness.emulator.slashCommand({ userId: bob, channelId: general, text: 'stats 90d' });
    await harness.settle();
    const answer = harness.emulator.workspace
      .responses()
      .filter((r) => r.userId === bob)
      .at(-1) as { blocks?: unknown[] };
    expect(JSON.stringify(answer)).toContain('1 private (counted, never named)');
    const button = elementsOf(answer.blocks).find((element) => element.action_id === ids.actions.statsExport);
    await harness.emulator.craftedInteraction({
      userId: bob,
      channelId: general,
      payload: craftedButton(ids.actions.statsExport, String(button?.value)),
    });
    await harness.settle();
    const dm = harness.emulator.workspace.channelByName('@bob');
    const files = harness.emulator.workspace.files(dm?.id);
    expect(files).toHaveLength(2);
    expect(JSON.stringify(files)).not.toContain(marker);
    expect(JSON.stringify(files)).not.toContain('INC-1,');
    expect(seenByBob()).not.toContain(marker);
  });

  it('leaves it off its App Home, which shows it to a member', async () => {
    const home = await opensHome(bob);
    expect(home).toContain('INC-2');
    expect(home).not.toContain(marker);
    expect(home).not.toMatch(/INC-1\b/);
    expect(await opensHome(carol)).toContain(marker);
    expect(seenByBob()).not.toContain(marker);
  });

  for (const scenario of scenarios) {
    it(`refuses ${scenario.covers} and changes nothing`, async () => {
      await refusedWithoutChange(scenario.run);
    }, 30_000);
  }

  it('answers an incident that does not exist exactly as one that is private', async () => {
    const hidden = await harness.emulator.slashCommand({ userId: bob, channelId: general, text: 'roles INC-1' });
    const missing = await harness.emulator.slashCommand({ userId: bob, channelId: general, text: 'roles INC-77' });
    const huge = await harness.emulator.slashCommand({
      userId: bob,
      channelId: general,
      text: 'roles INC-99999999999999999999',
    });
    expect(lastAnswer(bob, missing).replace('INC-77', 'INC-1')).toBe(lastAnswer(bob, hidden));
    expect(lastAnswer(bob, huge).replace('INC-99999999999999999999', 'INC-1')).toBe(lastAnswer(bob, hidden));
  });
});

describe('a member removed from a private incident after opening its forms', () => {
  const cardForms: Array<[string, string]> = [
    [ids.actions.cardNote, ids.views.note],
    [ids.actions.cardMilestones, ids.views.milestones],
    [ids.actions.cardUpdate, ids.views.stakeholderUpdate],
    [ids.actions.cardSeverity, ids.views.severity],
    [ids.actions.cardRoles, ids.views.roles],
    [ids.actions.cardResolve, ids.views.resolve],
    [ids.actions.cardRunbook, ids.views.runbookPick],
    [ids.actions.actionAdd, ids.views.actionCreate],
  ];
  const values: Record<string, Record<string, unknown>> = {
    [ids.views.note]: { note_text: `${marker} after removal` },
    [ids.views.milestones]: { detected: now() },
    [ids.views.stakeholderUpdate]: { status: 'x', impact: 'y', actions: 'z' },
    [ids.views.severity]: { severity: 'sev0', reason: 'after removal' },
    [ids.views.roles]: {},
    [ids.views.resolve]: { change_induced: 'no' },
    [ids.views.runbookPick]: { runbook: 'db-failover' },
    [ids.views.actionCreate]: { action_text: `${marker} after removal`, action_owner: carol },
  };
  const members = () => harness.emulator.workspace.liveChannel(secret.channelId)?.members as string[];

  for (const [actionId, callbackId] of cardForms) {
    it(`refuses the ${callbackId} form submitted after removal`, async () => {
      const card = harness.emulator.workspace.pins(secret.channelId)[0] as { ts: string };
      await harness.emulator.clickButton({ userId: carol, channelId: secret.channelId, messageTs: card.ts, actionId });
      const view = await openView(harness, carol, callbackId);
      members().splice(members().indexOf(carol), 1);
      try {
        const before = await fingerprint();
        const result = await harness.emulator.submitView({
          userId: carol,
          viewId: view.id,
          values: values[callbackId],
        });
        expect(result.status).toBe(200);
        await harness.settle();
        expect(await fingerprint()).toBe(before);
        expect(JSON.stringify(harness.emulator.workspace.views(carol).at(-1))).toMatch(refusal);
      } finally {
        members().push(carol);
        for (const open of harness.emulator.workspace.views(carol).filter((v) => v.isOpen && v.type === 'modal'))
          await harness.emulator.closeView({ userId: carol, viewId: open.id });
      }
    }, 30_000);
  }

  it('refuses a page turn of the timeline after removal', async () => {
    await harness.emulator.slashCommand({ userId: carol, channelId: secret.channelId, text: 'timeline' });
    const view = await openView(harness, carol, ids.views.timeline);
    members().splice(members().indexOf(carol), 1);
    try {
      await harness.emulator.clickViewButton({ userId: carol, viewId: view.id, actionId: ids.actions.timelineExport });
      await harness.settle();
      expect(JSON.stringify(harness.emulator.workspace.view(view.id))).toMatch(refusal);
      expect(harness.emulator.workspace.files().filter((f) => f.name.includes('timeline'))).toHaveLength(0);
    } finally {
      members().push(carol);
    }
  }, 30_000);
});

/** Runs the due jobs at `ms` after now, then settles. */
async function jobsAfter(ms: number): Promise<void> {
  clock.advance(ms);
  await harness.app.jobs.runDue();
  await harness.settle();
}

function dmOf(userId: string): string {
  const dm = harness.emulator.workspace.channels().find((c) => c.is_im && c.user === userId);
  return dm ? JSON.stringify(harness.emulator.workspace.messages(dm.id)) : '';
}

function channelId(name: string): string {
  return harness.emulator.workspace.channelByName(name)?.id as string;
}

function channelShows(channelId: string, pattern: RegExp): boolean {
  return harness.emulator.workspace
    .messages(channelId)
    .some((m) => pattern.test(`${m.text} ${JSON.stringify(m.blocks)}`));
}

// Its jobs run as the days go by; at the end, everything the emulator holds is searched for the marker.
describe('a private incident, through the jobs of its life', () => {
  it('nudges for its stakeholder update and its missing Comms lead only in its channel and members DMs', async () => {
    await jobsAfter(31 * minute);
    expect(channelShows(secret.channelId, /stakeholder update for INC-1 is/)).toBe(true);
    expect(channelShows(secret.channelId, /still has no Comms lead/)).toBe(true);
  });

  it('refuses to give an action to someone outside the channel, who is told nothing', async () => {
    const dmBefore = dmOf(bob);
    const reply = await harness.emulator.slashCommand({
      userId: alice,
      channelId: secret.channelId,
      text: `action Check the ${marker} partner side <@${bob}|bob> due:tomorrow`,
    });
    await harness.settle();
    expect(lastAnswer(alice, reply)).toContain("<@U0BOB> is not in this private incident's channel; invite them first");
    expect(dmOf(bob)).toBe(dmBefore);
    const owned = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM actions WHERE owner_id = ${bob}`,
    );
    expect(owned[0]?.n).toBe(0);
  });

  it('refuses an outsider as owner in the action form, by reassigning and in the Reassign form', async () => {
    await harness.emulator.slashCommand({ userId: alice, channelId: secret.channelId, text: 'action' });
    const form = await openView(harness, alice, ids.views.actionCreate);
    const created = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { action_text: `Check the ${marker} partner side`, action_owner: bob },
    });
    expect(created.outcome).toBe('errors');
    expect(JSON.stringify(created.errors)).toContain('invite them first');
    await harness.emulator.closeView({ userId: alice, viewId: form.id });
    const reply = await harness.emulator.slashCommand({
      userId: alice,
      channelId: secret.channelId,
      text: `action reassign ACT-1 <@${bob}|bob>`,
    });
    expect(lastAnswer(alice, reply)).toContain('invite them first');
    const dm = harness.emulator.workspace.channels().find((c) => c.is_im && c.user === carol);
    const withButtons = harness.emulator.workspace
      .messages(dm?.id as string)
      .filter((m) => JSON.stringify(m.blocks ?? []).includes(ids.actions.actionReassign))
      .at(-1) as { ts: string };
    await harness.emulator.clickButton({
      userId: carol,
      channelId: dm?.id as string,
      messageTs: withButtons.ts,
      actionId: ids.actions.actionReassign,
    });
    const reassign = await openView(harness, carol, ids.views.actionReassign);
    const moved = await harness.emulator.submitView({
      userId: carol,
      viewId: reassign.id,
      values: { action_owner: bob },
    });
    expect(moved.outcome).toBe('errors');
    await harness.emulator.closeView({ userId: carol, viewId: reassign.id });
    await harness.settle();
    const owners = await queryRows<{ owner_id: string }>(
      database.db,
      sql`SELECT owner_id FROM actions ORDER BY number`,
    );
    expect(owners.map((row) => row.owner_id)).not.toContain(bob);
    expect(dmOf(bob)).not.toContain(marker);
  });

  it('posts its stakeholder update in its channel only', () => {
    expect(channelShows(secret.channelId, new RegExp(`${marker} status`))).toBe(true);
    for (const shared of ['incidents', 'exec-updates'])
      expect(channelShows(channelId(shared), /INC-1 update/)).toBe(false);
  });

  it('exports its evidence and timeline to the member who asks', async () => {
    const filesBefore = harness.emulator.workspace.files().length;
    await harness.emulator.slashCommand({ userId: alice, channelId: secret.channelId, text: 'export' });
    await harness.emulator.slashCommand({ userId: alice, channelId: secret.channelId, text: 'timeline' });
    const timeline = await openView(harness, alice, ids.views.timeline);
    await harness.emulator.clickViewButton({
      userId: alice,
      viewId: timeline.id,
      actionId: ids.actions.timelineExport,
    });
    await harness.settle();
    const exported = harness.emulator.workspace.files().slice(filesBefore);
    expect(exported.length).toBeGreaterThanOrEqual(2);
    expect(exported.every((file) => file.content.includes(marker))).toBe(true);
    await harness.emulator.closeView({ userId: alice, viewId: timeline.id });
  });

  it('reminds and escalates day after day, telling the channel, not the owner who left, its title', async () => {
    // Dave joins as commander, is made the postmortem's owner, then leaves the channel.
    await harness.emulator.slashCommand({
      userId: alice,
      channelId: secret.channelId,
      text: `role commander <@${dave}|dave>`,
    });
    await harness.settle();
    await harness.emulator.slashCommand({
      userId: alice,
      channelId: secret.channelId,
      text: `postmortem owner <@${dave}|dave>`,
    });
    await harness.settle();
    await harness.emulator.userLeaves({ userId: dave, channelId: secret.channelId });
    await harness.settle();
    await resolveThroughForm(harness, alice, secret.channelId, {
      severity: 'sev1',
      change_induced: 'no',
      impact: `${marker} resolved impact`,
    });
    // Sixteen days: the postmortem's due reminders, two weekly action reminders, an escalation and two digests.
    for (let days = 0; days < 16; days += 1) await jobsAfter(day);
    expect(channelShows(secret.channelId, /owned by <@U0DAVE>, who is no longer in this channel/)).toBe(true);
    expect(dmOf(dave)).not.toContain(marker);
    expect(dmOf(carol)).toMatch(/open action/);
    expect(dmOf(carol)).toContain(marker);
    expect(dmOf(bob)).not.toContain(marker);
    expect(channelShows(channelId('reliability'), /1 private/)).toBe(true);
    expect(channelShows(channelId('action-escalation'), /overdue/)).toBe(true);
  }, 60_000);

  it('is reviewed and published by members, then its channel is archived', async () => {
    const message = harness.emulator.workspace
      .messages(secret.channelId)
      .find((m) => /Postmortem for INC-1/.test(m.text ?? '')) as { ts: string };
    const click = (userId: string, actionId: string) =>
      harness.emulator.clickButton({ userId, channelId: secret.channelId, messageTs: message.ts, actionId });
    await click(alice, ids.actions.postmortemReview);
    const outsider = await submitForm(harness, alice, ids.views.postmortemReview, { reviewers: [bob] });
    expect(outsider.outcome).toBe('errors');
    await harness.emulator.submitView({
      userId: alice,
      viewId: (await openView(harness, alice, ids.views.postmortemReview)).id,
      values: { reviewers: [carol] },
    });
    await harness.settle();
    expect(dmOf(carol)).toMatch(/asks you to review the postmortem of INC-1/);
    // The write-up has no phrase that may read as blame: published at once, as a file in the channel.
    await click(carol, ids.actions.postmortemPublish);
    await harness.settle();
    const published = harness.emulator.workspace.files(secret.channelId).filter((f) => f.name.includes('postmortem'));
    expect(published.at(-1)?.content).toContain(`${marker} luck`);
    for (let days = 0; days < 8; days += 1) await jobsAfter(day);
    expect(channelShows(secret.channelId, /will be archived tomorrow/)).toBe(true);
    expect(harness.emulator.workspace.channel(secret.channelId)?.is_archived).toBe(true);
  }, 60_000);

  it('appears nowhere in the workspace but its channel and what its members alone see', async () => {
    await opensHome(carol);
    // Dave, who left the channel, and bob, who was refused one of its actions, open their Home too.
    expect(await opensHome(dave)).not.toContain(marker);
    expect(await opensHome(bob)).not.toContain(marker);
    const exposures = exposuresOf(harness.emulator.workspace, marker);
    // The search finds it where it belongs, so finding nothing elsewhere means something.
    const surfaces = exposures.map((e) => e.surface).join('\n');
    expect(surfaces).toMatch(new RegExp(`message .* in ${secret.channelId}`));
    expect(surfaces).toMatch(/canvas .* in /);
    expect(surfaces).toMatch(/home view .* of U0CAROL/);
    expect(readableByOutsiders(harness.emulator.workspace, exposures, secret.channelId)).toEqual([]);
  });

  it('was never sent anywhere else, even for a moment: every Web API call the app made is searched', () => {
    const calls = callExposuresOf(harness.emulator, marker);
    expect(calls.map((e) => e.surface).join('\n')).toMatch(/chat\.postMessage/);
    expect(readableByOutsiders(harness.emulator.workspace, calls, secret.channelId)).toEqual([]);
  });
});
