import { beforeEach, describe, expect, it } from 'vitest';
import { createAction } from '../../src/actions/index.ts';
import type { Incident } from '../../src/incidents/index.ts';
import type { LocalDate } from '../../src/platform/local-time.ts';
import { ids } from '../../src/slack/ids.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';
import { alice, bob, carol, declared, openView, resolveThroughForm, run } from '../support/lifecycle.ts';
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

type HomeTab = { id: string; type: string; blocks: unknown[] };

function homeTab(userId: string): HomeTab | undefined {
  return harness.emulator.workspace.views(userId).find((view: { type: string }) => view.type === 'home') as
    | HomeTab
    | undefined;
}

/** The person opens the Home tab; resolves with it once published (and everything it queued is done). */
async function opensHome(userId: string): Promise<HomeTab> {
  await harness.emulator.userOpensHome({ userId });
  await harness.settle();
  return eventually(() => homeTab(userId));
}

function shown(tab: HomeTab | undefined): string {
  return JSON.stringify(tab?.blocks ?? []);
}

async function action(incident: Incident, ownerId: string, text: string, dueDate?: LocalDate, actorId = alice) {
  const created = await createAction(harness.app.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId,
    text,
    ownerId,
    ...(dueDate ? { dueDate } : {}),
  });
  return created.action;
}

describe('App Home', () => {
  it('shows open incidents with the person’s roles, their actions overdue first, postmortems due, and Declare', async () => {
    const open = await declared(harness, database, 'declare sev3 Search latency');
    await run(harness, alice, open.channelId, `role ops <@${bob}>`);
    const resolved = await declared(harness, database, 'declare sev2 Checkout errors');
    await run(harness, alice, resolved.channelId, `role commander <@${bob}>`);
    await resolveThroughForm(harness, alice, resolved.channelId);
    await action(open, bob, 'Raise the search timeout alarm', '2026-12-30');
    await action(open, bob, 'Rotate the search keys', '2026-12-04');
    // A week on: the keys are overdue.
    clock.set(new Date('2026-12-09T12:00:00Z'));
    const tab = await opensHome(bob);
    const text = shown(tab);
    expect(text).toContain(`"action_id":"${ids.actions.homeDeclare}"`);
    expect(text).toMatch(/INC-1\* Search latency · SEV3 · [a-z]+ · .*you: Ops lead/);
    expect(text).not.toMatch(/INC-2\* Checkout errors · SEV2/);
    expect(text.indexOf('Rotate the search keys')).toBeLessThan(text.indexOf('Raise the search timeout alarm'));
    expect(text).toMatch(/Rotate the search keys.*\(overdue\)/);
    for (const button of [ids.actions.actionDone, ids.actions.actionSnooze, ids.actions.actionReassign])
      expect(text.split(`"action_id":"${button}"`)).toHaveLength(3);
    expect(text).toContain(`"action_id":"${ids.actions.actionWontDo}"`);
    expect(text).toContain('Postmortems you own* (1)');
    expect(text).toMatch(/INC-2\* Checkout errors · draft · due 2026-12-\d\d/);
  });

  it('shows a private incident to its members only', async () => {
    const secret = await declared(harness, database, 'declare sev3 Payroll leak');
    await run(harness, alice, secret.channelId, 'private');
    await harness.settle();
    expect(shown(await opensHome(bob))).not.toContain('Payroll leak');
    expect(shown(await opensHome(alice))).toContain('Payroll leak');
  });

  it('is republished without an incident once it goes private, for those not in it', async () => {
    const inc = await declared(harness, database, 'declare sev3 Payroll export');
    expect(shown(await opensHome(bob))).toContain('Payroll export');
    await run(harness, alice, inc.channelId, 'private');
    await harness.settle();
    await eventually(() => !shown(homeTab(bob)).includes('Payroll export'));
  });

  it('stays within 100 blocks, counting the rest in an "and N more" line', async () => {
    const open = await declared(harness, database, 'declare sev3 Flaky checks');
    // Bob adds his own (no "you have a new action" DM each, which Slack's 1/s per channel would space out).
    for (let i = 0; i < 60; i++) await action(open, bob, `Fix flaky check ${i}`, '2026-12-30', bob);
    await opensHome(bob);
    const tab = await eventually(() => {
      const latest = homeTab(bob);
      return /and \d+ more/.test(shown(latest)) ? latest : undefined;
    });
    expect(tab.blocks.length).toBeLessThanOrEqual(100);
    expect(tab.blocks.length).toBeGreaterThan(90);
    const more = shown(tab).match(/and (\d+) more — `\/incident actions mine`/);
    const listed = shown(tab).match(/Fix flaky check \d+/g) ?? [];
    expect(Number(more?.[1])).toBe(60 - listed.length);
  });

  it('is republished when the person gets an action, and when an incident is declared', async () => {
    const open = await declared(harness, database, 'declare sev3 Search latency');
    expect(shown(await opensHome(bob))).toContain('no open actions');
    await action(open, bob, 'Raise the search timeout alarm', '2026-12-30');
    await harness.settle();
    await eventually(() => shown(homeTab(bob)).includes('Raise the search timeout alarm'));
    await declared(harness, database, 'declare sev3 Queue backlog');
    await harness.settle();
    await eventually(() => shown(homeTab(bob)).includes('Queue backlog'));
  });

  it('is not published for someone who has not opened it lately, until they do', async () => {
    const open = await declared(harness, database, 'declare sev3 Search latency');
    await action(open, carol, 'Raise the search timeout alarm', '2026-12-30');
    await harness.settle();
    expect(homeTab(carol)).toBeUndefined();
    expect(shown(await opensHome(carol))).toContain('Raise the search timeout alarm');
  });

  it('opens the declare form from its Declare incident button', async () => {
    const tab = await opensHome(bob);
    await harness.emulator.clickViewButton({ userId: bob, viewId: tab.id, actionId: ids.actions.homeDeclare });
    const form = await openView(harness, bob, ids.views.declare);
    expect(form.blocks.length).toBeGreaterThan(0);
  });
});
