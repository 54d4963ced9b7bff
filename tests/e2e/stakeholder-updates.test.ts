import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { type Incident, listIncidents } from '../../src/incidents/index.ts';
import { listPendingJobs } from '../../src/scheduler/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { listUpdates } from '../../src/updates/index.ts';
import { type TestDatabase, testDatabaseKind, useTestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { manualClock, notifyChange } from '../support/services.ts';

let database: TestDatabase;
let harness: Harness;
let clock: ReturnType<typeof manualClock>;
useTestDatabase((created) => {
  database = created;
});
beforeEach(async () => {
  // The outbox's delays run on the database clock, so the app clock starts at the real time.
  clock = manualClock(new Date());
  const base = await loadConfig(undefined);
  const config = {
    ...base,
    channels: { ...base.channels, stakeholders: { sev1: ['#incidents', '#exec-updates'], sev0: ['#exec-updates'] } },
  };
  harness = await startHarness(database, { config, clock });
  harness.emulator.workspace.addChannel({ name: 'exec-updates', members: ['U0DAVE'] });
});
afterEach(async () => {
  await harness?.stop();
});

const alice = 'U0ALICE';
const minute = 60_000;

async function declare(text: string): Promise<{ incident: Incident; channel: string }> {
  await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: `declare ${text}` });
  await harness.settle();
  const incident = (await listIncidents(database.db, { teamId: harness.emulator.teamId })).at(-1) as Incident;
  return { incident, channel: incident.channelId as string };
}

async function openUpdateForm(channel: string) {
  const before = harness.emulator.workspace.views(alice).length;
  const reply = await harness.emulator.slashCommand({ userId: alice, channelId: channel, text: 'update' });
  expect(reply.status).toBe(200);
  return eventually(() =>
    harness.emulator.workspace
      .views(alice)
      .slice(before)
      .find((v) => v.callback_id === 'stakeholder_update' && v.isOpen),
  );
}

const update = {
  status: 'We found the cause: a bad config push <!channel>',
  impact: 'EU card payments fail for ~30% of customers',
  actions: 'Rolling back the config; watching error rates',
  eta: 'Within the hour',
  confidence: 'medium',
};
const dms = (name: string) => {
  const dm = harness.emulator.workspace.channelByName(`@${name}`);
  return dm ? harness.emulator.workspace.messages(dm.id).map((m) => m.text) : [];
};
const nudges = (channel: string) =>
  harness.emulator.workspace
    .messages(channel)
    .filter((m) => /stakeholder update for INC-\d+ is (due now|\d+ minutes overdue)/.test(m.text ?? ''));

async function runJobsAt(ms: number) {
  clock.advance(ms);
  await harness.app.jobs.runDue();
  await harness.settle();
}

describe('posting a stakeholder update', () => {
  it('previews, then posts in the incident channel, threaded under the announcement, and in other stakeholder channels', async () => {
    const { incident, channel } = await declare('sev1 Payments failing');
    const form = await openUpdateForm(channel);
    await harness.emulator.clickViewButton({
      userId: alice,
      viewId: form.id,
      actionId: 'stakeholder_update.preview',
      values: { ...update, next_update: '20' },
    });
    const previewed = await eventually(() => {
      const view = harness.emulator.workspace.view(form.id);
      return view && JSON.stringify(view.blocks).includes('preview_update_status') ? view : undefined;
    });
    const preview = harness.emulator.renderView(previewed.id);
    expect(preview).toContain('stakeholders will read exactly this');
    expect(preview).toContain('INC-1 update');
    expect(preview).toContain('ETA: Within the hour (medium confidence)');

    const submitted = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { ...update, next_update: '20' },
    });
    expect(submitted.outcome).toBe('closed');
    await harness.settle();

    const inChannel = harness.emulator.workspace.messages(channel).at(-1);
    expect(JSON.stringify(inChannel?.blocks)).toContain('a bad config push &lt;!channel&gt;');
    const announcement =
      incident.announcementTs ?? (await listIncidents(database.db, { teamId: incident.teamId }))[0]?.announcementTs;
    const threaded = harness.emulator.workspace.replies('C0INCIDENTS', announcement as string);
    expect(threaded).toHaveLength(1);
    expect(
      harness.emulator.workspace.messages('C0INCIDENTS').filter((m) => /INC-1 update/.test(m.text ?? '')),
    ).toHaveLength(0);
    const exec = harness.emulator.workspace.channelByName('exec-updates')!;
    expect(harness.emulator.render(exec.id)).toContain('*Customer impact* EU card payments fail');
    expect(harness.emulator.render(exec.id)).toContain('*What we are doing* Rolling back the config');

    const [stored] = await listUpdates(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(stored).toMatchObject({
      authorId: alice,
      nextUpdateMinutes: 20,
      confidence: 'medium',
      eta: 'Within the hour',
    });
    const timeline = await listTimeline(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(timeline.filter((e) => e.kind === 'stakeholder_update').map((e) => e.actorId)).toEqual([alice]);
    const [job] = await listPendingJobs(database.db, {
      teamId: incident.teamId,
      keyPrefix: `incident:${incident.id}:update-due`,
    });
    expect(job?.runAt.getTime()).toBe(clock.now().getTime() + 20 * minute);
  });

  it('the card’s Post update button opens the form; bad input is answered under its field', async () => {
    const { incident, channel } = await declare('sev2 Search slow');
    const card = harness.emulator.workspace.messages(channel)[0]!;
    await harness.emulator.clickButton({
      userId: alice,
      channelId: channel,
      messageTs: card.ts,
      actionId: 'incident_card.update',
      value: String(incident.id),
    });
    const form = await eventually(() =>
      harness.emulator.workspace.views(alice).find((v) => v.callback_id === 'stakeholder_update' && v.isOpen),
    );
    const tooSoon = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { ...update, next_update: '2' },
    });
    expect(tooSoon.outcome).toBe('errors');
    expect(harness.emulator.workspace.view(form.id)?.errors).toMatchObject({
      next_update: expect.stringMatching(/5 to 1440/),
    });
    const fixed = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { ...update, next_update: '' },
    });
    expect(fixed.outcome).toBe('closed');
    await harness.settle();
    expect(await listUpdates(database.db, { teamId: incident.teamId, incidentId: incident.id })).toHaveLength(1);
    // SEV2 has no stakeholder channel configured: the update stays in the incident channel.
    expect(harness.emulator.workspace.replies('C0INCIDENTS', incident.announcementTs ?? '0').length ?? 0).toBe(0);
  });

  it('never leaves the incident channel for a private incident', async () => {
    await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: '' });
    const declareForm = await eventually(() =>
      harness.emulator.workspace.views(alice).find((v) => v.callback_id === 'declare_incident'),
    );
    await harness.emulator.submitView({
      userId: alice,
      viewId: declareForm.id,
      values: { title: 'Leaked token', severity: 'sev1', private: ['private'] },
    });
    await harness.settle();
    const incident = (await listIncidents(database.db, { teamId: harness.emulator.teamId }))[0]!;
    const form = await openUpdateForm(incident.channelId!);
    await harness.emulator.submitView({ userId: alice, viewId: form.id, values: update });
    await harness.settle();
    expect(JSON.stringify(harness.emulator.workspace.messages(incident.channelId!))).toContain('INC-1 update');
    const shared = harness.emulator.workspace.channels().filter((c) => !c.is_private);
    for (const channel of shared)
      expect(JSON.stringify(harness.emulator.workspace.messages(channel.id))).not.toMatch(/Leaked token|INC-1 update/);
  });
});

describe('update cadence', () => {
  it('nudges the commander when the update is due (not before), records a missed update and nudges again each interval', async () => {
    const { incident, channel } = await declare('sev1 Payments failing');
    await runJobsAt(30 * minute - 1000);
    expect(nudges(channel)).toHaveLength(0);
    await runJobsAt(1000);
    expect(nudges(channel).map((m) => m.text)).toEqual([
      expect.stringMatching(new RegExp(`<@${alice}>, a stakeholder update for INC-1 is due now`)),
    ]);
    await runJobsAt(30 * minute);
    expect(nudges(channel)).toHaveLength(2);
    expect(nudges(channel)[1]?.text).toMatch(/30 minutes overdue/);
    const timeline = await listTimeline(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(timeline.filter((e) => e.kind.startsWith('update_')).map((e) => e.kind)).toEqual([
      'update_due',
      'update_missed',
    ]);
    expect(dms('alice')).toEqual([
      expect.stringMatching(new RegExp(`update for INC-1 is due now\\. Post it from <#${channel}>`)),
      expect.stringMatching(/30 minutes overdue/),
    ]);

    // An update resets the cadence to what it promised.
    const form = await openUpdateForm(channel);
    await harness.emulator.submitView({ userId: alice, viewId: form.id, values: { ...update, next_update: '10' } });
    await harness.settle();
    await runJobsAt(10 * minute - 1000);
    expect(nudges(channel)).toHaveLength(2);
    await runJobsAt(1000);
    expect(nudges(channel)).toHaveLength(3);
    expect(nudges(channel)[2]?.text).toMatch(/is due now/);
  });

  it('nudges the comms lead when there is one', async () => {
    const { incident, channel } = await declare('sev1 Payments failing');
    const { upsertRoleHolder } = await import('../../src/incidents/index.ts');
    await upsertRoleHolder(database.db, {
      teamId: incident.teamId,
      incidentId: incident.id,
      role: 'comms',
      userId: 'U0CAROL',
      assignedBy: alice,
      at: clock.now(),
    });
    await runJobsAt(30 * minute);
    expect(nudges(channel)[0]?.text).toMatch(/^:alarm_clock: <@U0CAROL>/);
    expect(dms('carol')).toHaveLength(1);
    expect(dms('alice')).toHaveLength(0);
  });

  it('reschedules on a severity change and cancels on resolve', async () => {
    const { incident, channel } = await declare('sev1 Payments failing');
    const deps = harness.app.deps;
    await notifyChange(deps, { ...incident, severity: 'sev0' }, { kind: 'severity_changed', from: 'sev1', to: 'sev0' });
    await runJobsAt(15 * minute);
    expect(nudges(channel)).toHaveLength(1);
    await notifyChange(
      deps,
      { ...incident, status: 'resolved' },
      { kind: 'status_changed', from: 'investigating', to: 'resolved' },
    );
    expect(
      await listPendingJobs(database.db, { teamId: incident.teamId, keyPrefix: `incident:${incident.id}:update` }),
    ).toHaveLength(0);
    await runJobsAt(120 * minute);
    expect(nudges(channel)).toHaveLength(1);
  });

  it('a nudge scheduled before a restart arrives once, from the next process', async () => {
    const { channel } = await declare('sev1 Payments failing');
    await harness.app.stop();
    clock.advance(30 * minute);
    const next = await harness.startReplica();
    await next.app.jobs.runDue();
    await harness.settle();
    await next.app.jobs.runDue();
    await harness.settle();
    expect(nudges(channel)).toHaveLength(1);
    expect(dms('alice')).toHaveLength(1);
  });
});

describe.runIf(testDatabaseKind === 'postgres')('two app processes on one PostgreSQL', () => {
  it('each nudge is sent once', async () => {
    const { channel } = await declare('sev1 Payments failing');
    const replica = await harness.startReplica();
    clock.advance(30 * minute);
    // Due by now: the update reminder and the missing-comms-lead nudge; each must run exactly once.
    const ran = await Promise.all([
      harness.app.jobs.runDue(),
      replica.app.jobs.runDue(),
      harness.app.jobs.runDue(),
      replica.app.jobs.runDue(),
    ]);
    await harness.settle();
    expect(ran.reduce((a, b) => a + b, 0)).toBe(2);
    expect(nudges(channel)).toHaveLength(1);
    expect(
      harness.emulator.workspace.messages(channel).filter((m) => /still has no Comms lead/.test(m.text ?? '')),
    ).toHaveLength(1);
    expect(dms('alice')).toHaveLength(1);
  });
});
