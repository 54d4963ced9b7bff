import { describe, expect, it } from 'vitest';
import { listIncidents, listRoleHolders } from '../../src/incidents/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';
import { alice, bob, clickOn, declared, incident, openView } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

const timelineKinds = async (incidentId: number) =>
  (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId })).map((e) => e.kind);

describe('the pinned card', () => {
  it('changes severity from its modal; a double submit changes it once', async () => {
    const inc = await declared(harness, database);
    await clickOn(harness, alice, inc.channelId, inc.cardTs, 'incident_card.severity');
    const form = await openView(harness, alice, 'incident_severity');
    const values = { severity: 'sev1', reason: 'All regions affected' };
    await Promise.all([
      harness.emulator.submitView({ userId: alice, viewId: form.id, values }),
      harness.emulator.submitView({ userId: alice, viewId: form.id, values }).catch(() => undefined),
    ]);
    await harness.settle();
    expect((await incident(harness, database, 1)).severity).toBe('sev1');
    expect((await timelineKinds(inc.id)).filter((k) => k === 'severity_changed')).toHaveLength(1);
    expect(harness.emulator.render(inc.channelId)).toMatch(/SEV1/);
  });

  it('sets status from its select; a double pick changes it once and the second click is told why', async () => {
    const inc = await declared(harness, database);
    const pick = () =>
      harness.emulator.clickButton({
        userId: alice,
        channelId: inc.channelId,
        messageTs: inc.cardTs,
        actionId: 'incident_card.status',
        selectedValue: 'identified',
      });
    await pick();
    await pick();
    await harness.settle();
    expect((await incident(harness, database, 1)).status).toBe('identified');
    expect((await timelineKinds(inc.id)).filter((k) => k === 'status_changed')).toHaveLength(1);
    const replies = harness.emulator.workspace
      .responses()
      .map((r: { text?: string; body?: { text?: string } }) => r.body?.text ?? r.text ?? '');
    expect(replies.some((text: string) => /already identified/.test(text))).toBe(true);
    await harness.emulator.clickButton({
      userId: alice,
      channelId: inc.channelId,
      messageTs: inc.cardTs,
      actionId: 'incident_card.status',
      selectedValue: 'closed',
    });
    await harness.settle();
    expect(harness.emulator.workspace.responses().at(-1)?.body?.text).toMatch(
      /From identified you can go to: investigating, monitoring, resolved/,
    );
  });

  it('assigns roles from its modal (holders invited) and resolves from its Resolve button, once', async () => {
    const inc = await declared(harness, database, 'declare sev1 Payments down');
    await clickOn(harness, alice, inc.channelId, inc.cardTs, 'incident_card.roles');
    const roles = await openView(harness, alice, 'incident_roles');
    await harness.emulator.submitView({ userId: alice, viewId: roles.id, values: { role__comms: bob } });
    await harness.settle();
    const holders = await listRoleHolders(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id });
    expect(holders.find((h) => h.role === 'comms')?.userId).toBe(bob);
    expect(harness.emulator.workspace.isMember(inc.channelId, bob)).toBe(true);

    await clickOn(harness, alice, inc.channelId, inc.cardTs, 'incident_card.resolve');
    const form = await openView(harness, alice, 'incident_resolve');
    const values = { severity: 'sev1', change_induced: 'no', impact: 'Payments failed' };
    await Promise.all([
      harness.emulator.submitView({ userId: alice, viewId: form.id, values }),
      harness.emulator.submitView({ userId: alice, viewId: form.id, values }).catch(() => undefined),
    ]);
    await harness.settle();
    await clickOn(harness, alice, inc.channelId, inc.cardTs, 'incident_card.resolve');
    await harness.settle();
    expect((await timelineKinds(inc.id)).filter((k) => k === 'status_changed')).toHaveLength(1);
    const rendered = harness.emulator.render(inc.channelId);
    expect(rendered).toMatch(/Resolved/);
    expect(rendered).toMatch(/Duration: \d+m \(resolved\)/);
    expect(harness.emulator.workspace.responses().at(-1)?.body?.text).toMatch(/already resolved/);
  });

  it('stays within chat.update limits under 50 rapid changes and ends showing the final state', async () => {
    const inc = await declared(harness, database);
    harness.emulator.resetCalls();
    for (let i = 0; i < 50; i++) {
      const status = i % 2 === 0 ? 'identified' : 'investigating';
      await harness.emulator.clickButton({
        userId: alice,
        channelId: inc.channelId,
        messageTs: inc.cardTs,
        actionId: 'incident_card.status',
        selectedValue: status,
      });
      // The click is acked before it is handled: wait for the change (not for the card, which lags by design).
      await eventually(async () => (await incident(harness, database, 1)).status === status);
    }
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'sev sev1 final change' });
    // Each change is also said in the channel, and the emulator lets one message a second through (as Slack
    // does): about 50 s of posting, so the wait leaves room for a busy machine.
    await harness.settle(120_000);
    const updates = harness.emulator.callsTo('chat.update');
    expect(updates.filter((c: { status: number }) => c.status === 429)).toHaveLength(0);
    expect(updates.length).toBeLessThan(50);
    expect(
      harness.emulator.callsTo('conversations.setTopic').filter((c: { status: number }) => c.status === 429),
    ).toHaveLength(0);
    const [current] = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    expect(current).toMatchObject({ status: 'investigating', severity: 'sev1' });
    const card = harness.emulator.workspace.message(inc.channelId, inc.cardTs);
    expect(JSON.stringify(card?.blocks)).toMatch(/\*Status\*\\nInvestigating/);
    expect(JSON.stringify(card?.blocks)).toMatch(/\*Severity\*\\nSEV1/);
    expect(
      harness.emulator.workspace.messages(inc.channelId).filter((m: { ts: string }) => m.ts === inc.cardTs),
    ).toHaveLength(1);
    expect((await timelineKinds(inc.id)).filter((k) => k === 'status_changed')).toHaveLength(50);
  }, 180_000);
});
