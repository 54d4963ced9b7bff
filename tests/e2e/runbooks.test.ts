import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createFirebreak } from '../../src/app/index.ts';
import { listAudit } from '../../src/audit/index.ts';
import { listFollowUps } from '../../src/follow-ups/index.ts';
import { type Incident, listIncidents } from '../../src/incidents/index.ts';
import { listRunSteps, listRuns } from '../../src/runbooks/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';
import { notifyChange } from '../support/services.ts';

let database: TestDatabase;
let harness: Harness;
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

const alice = 'U0ALICE';
const bob = 'U0BOB';

/** Declares through the form (so services are set) and returns the incident and its channel id. */
async function declareWithServices(
  title: string,
  services: string,
  severity = 'sev1',
): Promise<{ incident: Incident; channel: string }> {
  await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: '' });
  const view = await eventually(() =>
    harness.emulator.workspace.views(alice).find((v) => v.callback_id === 'declare_incident' && v.isOpen),
  );
  await harness.emulator.submitView({ userId: alice, viewId: view.id, values: { title, severity, services } });
  await harness.settle();
  const incident = (await listIncidents(database.db, { teamId: harness.emulator.teamId })).at(-1) as Incident;
  return { incident, channel: incident.channelId as string };
}

const messages = (channel: string) => harness.emulator.workspace.messages(channel);
const findMessage = (channel: string, pattern: RegExp) =>
  messages(channel).find((m) => pattern.test(JSON.stringify(m.blocks ?? m.text)));
const checklist = (channel: string) => findMessage(channel, /Runbook: /);

async function click(channel: string, ts: string, actionId: string, value?: string, userId = alice) {
  const reply = await harness.emulator.clickButton({
    userId,
    channelId: channel,
    messageTs: ts,
    actionId,
    ...(value ? { value } : {}),
  });
  expect(reply.status).toBe(200);
  await harness.settle();
}

describe('runbook offers', () => {
  it('offers matching runbooks on declare and notes a follow-up for services without one', async () => {
    const { incident, channel } = await declareWithServices('Orders writes failing', 'orders-db, billing-api');
    const offer = findMessage(channel, /runbook applies/);
    expect(offer).toBeDefined();
    const rendered = harness.emulator.render(channel);
    expect(rendered).toContain('Primary database failover');
    expect(rendered).not.toContain('Elevated 5xx');
    expect(rendered).toContain(
      'None of the runbooks is written for billing-api; *Primary database failover* is the closest match. A "write a runbook for billing-api" follow-up is noted for the postmortem.',
    );
    const followUps = await listFollowUps(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(followUps.map((f) => [f.kind, f.text])).toEqual([['write_runbook', 'Write a runbook for billing-api']]);
  });

  it('says no runbook covers a service when none applies at all', async () => {
    const { channel } = await declareWithServices('Ledger totals drift', 'ledger');
    expect(harness.emulator.render(channel)).toContain(
      ':memo: No runbook covers ledger yet. A "write a runbook for ledger" follow-up is noted for the postmortem.',
    );
  });

  it('redraws the offer once a runbook starts from it, and again when it completes; the others stay startable', async () => {
    const { incident, channel } = await declareWithServices('Orders database slow', 'orders-db');
    const offer = findMessage(channel, /runbooks apply/)!;
    const offerText = () => harness.emulator.render(channel).split('Runbook: ')[0] ?? '';
    expect(offerText().match(/\[Start\]/g)).toHaveLength(2);
    await click(channel, offer.ts, 'runbook.start', `${incident.id}:db-failover`, bob);
    const failover = () => offerText().split('*Elevated latency*')[0] ?? '';
    expect(failover()).toContain('Started by @bob — see the checklist below');
    expect(failover()).not.toContain('[Start]');
    expect(offerText().match(/\[Start\]/g)).toHaveLength(1);
    const [run] = await listRuns(database.db, { teamId: incident.teamId, incidentId: incident.id });
    const list = checklist(channel)!;
    await click(channel, list.ts, 'runbook.step_done', `${run!.id}:check-replication`, bob);
    await click(channel, list.ts, 'runbook.branch.1', `${run!.id}:primary-reachable:1`, bob);
    await click(channel, list.ts, 'runbook.step_done', `${run!.id}:promote-replica`, bob);
    await click(channel, list.ts, 'runbook.step_done', `${run!.id}:repoint-apps`, bob);
    await click(channel, list.ts, 'runbook.step_done', `${run!.id}:verify`, bob);
    expect(failover()).toContain('Started by @bob · completed — see the checklist below');
    await click(channel, offer.ts, 'runbook.start', `${incident.id}:elevated-latency`);
    expect(offerText()).not.toContain('[Start]');
    expect(offerText()).toContain('Started by @alice — see the checklist below');
  });

  it('matches by tag words of the title and offers nothing when nothing applies', async () => {
    const first = await declareWithServices('Elevated 5xx on checkout', '', 'sev2');
    expect(harness.emulator.render(first.channel)).toContain('Elevated 5xx on an API');
    const second = await declareWithServices('Marketing site typo', '', 'sev3');
    expect(findMessage(second.channel, /runbooks? appl/)).toBeUndefined();
  });

  it('offers again when the incident’s services change', async () => {
    const { incident, channel } = await declareWithServices('Checkout broken', '', 'sev2');
    expect(findMessage(channel, /runbooks? appl/)).toBeUndefined();
    const deps = harness.app.deps;
    await notifyChange(
      deps,
      { ...incident, services: ['payments-api', 'ledger'] },
      { kind: 'services_changed', services: ['payments-api', 'ledger'] },
    );
    await harness.settle();
    const rendered = harness.emulator.render(channel);
    expect(rendered).toContain('Elevated 5xx on an API');
    expect(rendered).toContain(
      'None of the runbooks is written for ledger; *Elevated 5xx on an API* is the closest match.',
    );
    expect(
      (await listFollowUps(database.db, { teamId: incident.teamId, incidentId: incident.id })).map((f) => f.text),
    ).toEqual(['Write a runbook for ledger']);
  });
});

describe('runbook files at start-up', () => {
  it('a broken runbook stops the app from starting, naming file, line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(
      join(dir, 'broken.yml'),
      'name: broken\ntitle: Broken\nsteps:\n  - id: one\n    title: One\n    decision:\n      - label: Only\n        goto: one\n',
    );
    const start = createFirebreak({
      database,
      config: harness.config,
      logger: pino({ level: 'silent' }),
      slack: {
        botToken: harness.emulator.botToken,
        signingSecret: harness.emulator.signingSecret,
        apiUrl: harness.emulator.apiUrl,
      },
      runbooksDir: dir,
    });
    await expect(start).rejects.toThrow(/broken\.yml:6: steps\.0\.decision: a decision needs at least two branches/);
  });
});

describe('running a runbook', () => {
  it('walks every step path: done, decision with its bypassed branch, skip with reason, verification', async () => {
    const { incident, channel } = await declareWithServices('Orders writes failing', 'orders-db');
    const offer = findMessage(channel, /runbook applies/)!;
    // A double click on one offer starts one run (both clicks reach the app before the offer is redrawn).
    const starts = [alice, bob].map((userId) =>
      harness.emulator.clickButton({
        userId,
        channelId: channel,
        messageTs: offer.ts,
        actionId: 'runbook.start',
        value: `${incident.id}:db-failover`,
      }),
    );
    expect((await Promise.all(starts)).map((r) => r.status)).toEqual([200, 200]);
    await harness.settle();
    // Whichever click was handled first started it: the offer names that person and no longer offers Start.
    const [run] = await listRuns(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(await listRuns(database.db, { teamId: incident.teamId, incidentId: incident.id })).toHaveLength(1);
    expect([alice, bob]).toContain(run!.startedBy);
    const starter = run!.startedBy === alice ? 'alice' : 'bob';
    expect(harness.emulator.render(channel)).toContain(`Started by @${starter} — see the checklist below`);
    const list = checklist(channel)!;
    expect(harness.emulator.render(channel)).toContain('0/6 steps');

    // A double click: both clicks reach the app before the checklist is redrawn; whichever is handled first
    // counts (they arrive together, so which one that is is up to the scheduler), the other changes nothing.
    const doubleClick = [alice, bob].map((userId) =>
      harness.emulator.clickButton({
        userId,
        channelId: channel,
        messageTs: list.ts,
        actionId: 'runbook.step_done',
        value: `${run!.id}:check-replication`,
      }),
    );
    expect((await Promise.all(doubleClick)).map((r) => r.status)).toEqual([200, 200]);
    await harness.settle();
    await click(channel, list.ts, 'runbook.branch.1', `${run!.id}:primary-reachable:1`, bob);
    await click(channel, list.ts, 'runbook.step_skip', `${run!.id}:promote-replica`);
    const skipView = await eventually(() =>
      harness.emulator.workspace.views(alice).find((v) => v.callback_id === 'runbook_skip_step' && v.isOpen),
    );
    const empty = await harness.emulator.submitView({ userId: alice, viewId: skipView.id, values: { reason: '   ' } });
    expect(empty.outcome).toBe('errors');
    await harness.emulator.submitView({
      userId: alice,
      viewId: skipView.id,
      values: { reason: 'Replica <b> already promoted by the database team' },
    });
    await harness.settle();
    await click(channel, list.ts, 'runbook.step_done', `${run!.id}:repoint-apps`);
    await click(channel, list.ts, 'runbook.step_done', `${run!.id}:verify`);

    const steps = await listRunSteps(database.db, run!);
    const doubleClicker = steps[0]?.actorId;
    expect([alice, bob]).toContain(doubleClicker);
    expect(steps.map((s) => [s.id, s.state, s.actorId])).toEqual([
      ['check-replication', 'done', doubleClicker],
      ['primary-reachable', 'done', bob],
      ['restart-pool', 'bypassed', bob],
      ['promote-replica', 'skipped', alice],
      ['repoint-apps', 'done', alice],
      ['verify', 'done', alice],
    ]);
    const rendered = harness.emulator.render(channel);
    expect(rendered).toContain('Runbook: Primary database failover* · 6/6 steps · completed');
    expect(rendered).toContain('Skipped by @alice');
    expect(rendered).toContain('Replica <b> already promoted');
    expect(rendered).toContain('No: fail over');
    // Edited in place: one checklist message, no buttons left once completed.
    expect(messages(channel).filter((m) => /Runbook: /.test(JSON.stringify(m.blocks)))).toHaveLength(1);
    expect(JSON.stringify(checklist(channel)!.blocks)).not.toContain('runbook.step_done');

    const timeline = await listTimeline(database.db, { teamId: incident.teamId, incidentId: incident.id });
    const runbookEntries = timeline.filter((e) => e.kind.startsWith('runbook'));
    expect(runbookEntries.map((e) => e.kind)).toEqual([
      'runbook_started',
      ...Array(5).fill('runbook_step'),
      'runbook_completed',
    ]);
    expect(runbookEntries.map((e) => e.actorId)).toEqual([
      run!.startedBy,
      doubleClicker,
      bob,
      alice,
      alice,
      alice,
      alice,
    ]);
    expect(runbookEntries[3]?.text).toContain('skipped (Replica <b> already promoted by the database team)');
    const audit = await listAudit(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(audit.filter((a) => a.action.startsWith('runbook.')).map((a) => a.action)).toEqual([
      'runbook.started',
      'runbook.step_done',
      'runbook.step_decided',
      'runbook.step_skipped',
      'runbook.step_done',
      'runbook.step_done',
      'runbook.completed',
    ]);
    await eventually(
      () => JSON.stringify(messages(channel)[0]?.blocks).includes('Runbook Primary database failover: 6/6 steps'),
      10_000,
    );
  });

  it('a decision needs a branch, and a runbook can run twice in one incident', async () => {
    const { incident, channel } = await declareWithServices('Orders writes failing', 'orders-db');
    for (const text of ['runbook db-failover', 'runbook DB-FAILOVER']) {
      const reply = await harness.emulator.slashCommand({ userId: alice, channelId: channel, text });
      expect(reply.status).toBe(200);
    }
    await harness.settle();
    const runs = await listRuns(database.db, { teamId: incident.teamId, incidentId: incident.id });
    expect(runs).toHaveLength(2);
    const lists = messages(channel).filter((m) => /Runbook: /.test(JSON.stringify(m.blocks)));
    expect(lists).toHaveLength(2);
    // Each run posts its own checklist; two runs started together may post in either order.
    const secondList = lists.find((m) => JSON.stringify(m.blocks).includes(`${runs[1]!.id}:primary-reachable:0`));
    await click(channel, secondList!.ts, 'runbook.branch.0', `${runs[1]!.id}:primary-reachable:0`);
    const second = await listRunSteps(database.db, runs[1]!);
    expect(second.filter((s) => s.state === 'bypassed').map((s) => s.id)).toEqual(['promote-replica', 'repoint-apps']);
    expect((await listRunSteps(database.db, runs[0]!)).every((s) => s.state === 'pending')).toBe(true);
    await eventually(() => {
      const card = JSON.stringify(messages(channel)[0]?.blocks);
      return card.includes('0/6 steps') && card.includes('3/6 steps');
    }, 10_000);
  });

  it('answers an unknown runbook with what exists, and outside an incident channel says where to run it', async () => {
    await declareWithServices('Orders writes failing', 'orders-db');
    const channel = (await listIncidents(database.db, { teamId: harness.emulator.teamId }))[0]!.channelId!;
    const unknown = await harness.emulator.slashCommand({ userId: alice, channelId: channel, text: 'runbook nope' });
    expect(unknown.json?.text).toMatch(/no runbook "nope"\. Available: api-5xx, db-failover, elevated-latency/);
    const outside = await harness.emulator.slashCommand({
      userId: alice,
      channelId: 'C0GENERAL',
      text: 'runbook db-failover',
    });
    expect(outside.json?.text).toMatch(/Run this in an incident channel/);
  });

  it('the card’s Runbook button opens a picker with matching runbooks first', async () => {
    const { incident, channel } = await declareWithServices('Checkout slow', 'checkout-api', 'sev2');
    const card = messages(channel)[0]!;
    await click(channel, card.ts, 'incident_card.runbook', String(incident.id));
    const picker = await eventually(() =>
      harness.emulator.workspace.views(alice).find((v) => v.callback_id === 'runbook_pick'),
    );
    const offered = JSON.stringify(picker.blocks);
    expect(offered.indexOf('Matching this incident')).toBeLessThan(offered.indexOf('api-5xx'));
    expect(offered.indexOf('api-5xx')).toBeLessThan(offered.indexOf('Other runbooks'));
    expect(offered.indexOf('Other runbooks')).toBeLessThan(offered.indexOf('db-failover'));
    await harness.emulator.submitView({ userId: alice, viewId: picker.id, values: { runbook: 'elevated-latency' } });
    await harness.settle();
    expect(checklist(channel)).toBeDefined();
    expect(harness.emulator.render(channel)).toContain('Runbook: Elevated latency');
  });
});
