import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ids } from '../../src/slack/ids.ts';
import { actionOf, clickInResponse, lastResponse, today } from '../support/actions.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import { alice, bob, carol, declared, general, openView, run } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

const sev1 = 'declare sev1 Search down';

/** Runs `/incident actions …` and returns the list as the person saw it (text of its blocks, and the blocks). */
async function list(userId: string, channelId: string, text: string) {
  await run(harness, userId, channelId, text);
  const { blocks } = lastResponse(harness, userId);
  return { blocks, shown: JSON.stringify(blocks) };
}

// Only a due date in the past makes an action overdue, and no surface accepts one: the test moves it.
async function makeOverdue(number: number, days: number) {
  await database.db.execute(
    sql.raw(
      `UPDATE actions SET due_date = '${today(-days)}' WHERE number = ${number} AND team_id = '${harness.emulator.teamId}'`,
    ),
  );
}

describe('/incident actions', () => {
  it("lists the incident's actions, closed ones included, overdue first and marked, with buttons on open ones", async () => {
    const inc = await declared(harness, database, sev1);
    for (const text of ['Add an alert on p99', 'Add a canary stage', 'Write the failover runbook'])
      await run(harness, alice, inc.channelId, `action ${text} <@${bob}|bob>`);
    await makeOverdue(3, 2);
    await run(harness, alice, inc.channelId, 'action done ACT-2 canary in place, PR 77');
    const { blocks, shown } = await list(alice, inc.channelId, 'actions');
    expect(shown).toContain('Actions of INC-1* · 1–3 of 3');
    const lines = (blocks as Array<{ block_id?: string; text?: { text: string } }>)
      .filter((b) => b.block_id?.includes('_item:'))
      .map((b) => b.text!.text);
    expect(lines[0]).toMatch(/^:red_circle: \*ACT-3\*.*\*\(overdue\)\*/);
    expect(lines[1]).toMatch(/\*ACT-1\*/);
    expect(lines[2]).toMatch(/:white_check_mark: \*ACT-2\*.*done: canary in place/);
    const buttonBlocks = (blocks as Array<{ block_id?: string }>).filter((b) => b.block_id?.includes('_buttons:'));
    expect(buttonBlocks.map((b) => b.block_id!.split(':').at(-1))).toEqual(['3', '1']);
  });

  it('pages ten at a time with Previous and Next, replacing the list in place', async () => {
    const inc = await declared(harness, database, sev1);
    for (let n = 1; n <= 12; n++)
      await run(harness, alice, inc.channelId, `action Add alert number ${n} <@${bob}|bob>`);
    const first = await list(alice, inc.channelId, 'actions');
    expect(first.shown).toContain('1–10 of 12');
    expect(first.blocks.length).toBeLessThanOrEqual(50);
    expect(first.shown).not.toContain('"Previous"');
    await clickInResponse(harness, {
      userId: alice,
      channelId: inc.channelId,
      blocks: first.blocks,
      actionId: ids.actions.actionsPage,
    });
    await harness.settle();
    const second = harness.emulator.workspace
      .responses()
      .filter((r) => r.userId === alice)
      .at(-1)!;
    expect(second.replaceOriginal).toBe(true);
    expect(JSON.stringify(second.blocks)).toContain('11–12 of 12');
    expect(JSON.stringify(second.blocks)).toContain('"Previous"');
    expect(JSON.stringify(second.blocks)).not.toContain('"Next"');
  });

  it('mine, @person, overdue and INC-12, from any channel', async () => {
    const one = await declared(harness, database, sev1);
    const two = await declared(harness, database, 'declare sev2 Checkout slow');
    await run(harness, alice, one.channelId, `action Add an alert on p99 <@${bob}|bob>`);
    await run(harness, alice, two.channelId, `action Add a checkout canary <@${carol}|carol>`);
    await run(harness, alice, two.channelId, `action Add a retry budget <@${bob}|bob>`);
    await makeOverdue(3, 5);
    const mine = await list(bob, general, 'actions mine');
    expect(mine.shown).toContain('Your open actions* · 1–2 of 2');
    expect(mine.shown.indexOf('ACT-3')).toBeLessThan(mine.shown.indexOf('ACT-1'));
    expect((await list(alice, general, `actions <@${carol}|carol>`)).shown).toMatch(
      /Open actions of <@U0CAROL>.*ACT-2/,
    );
    const overdue = await list(alice, general, 'actions overdue');
    expect(overdue.shown).toContain('1–1 of 1');
    expect(overdue.shown).toContain('ACT-3');
    const named = await list(alice, general, 'actions INC-2');
    expect(named.shown).toContain('Actions of INC-2');
    expect(named.shown).not.toContain('ACT-1*');
    expect(await run(harness, alice, general, 'actions')).toMatch(/incident channel/);
    expect(await run(harness, alice, general, 'actions everything')).toMatch(/not a list; use .*mine, overdue/);
  });

  it('never describes an action of a private incident to someone who may not see it', async () => {
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: '' });
    const form = await openView(harness, alice, ids.views.declare);
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { title: 'Vault keys leaked', severity: 'sev1', private: ['private'] },
    });
    await harness.settle();
    const secret = harness.emulator.workspace.channels().find((c) => c.name.startsWith('inc-1-'))!;
    const open = await declared(harness, database, sev1);
    // Bob is given it while in the channel, then leaves.
    await harness.emulator.userJoins({ userId: bob, channelId: secret.id, inviterId: alice });
    await run(harness, alice, secret.id, `action Rotate the WOMBAT42 keys <@${bob}|bob>`);
    await harness.emulator.userLeaves({ userId: bob, channelId: secret.id });
    await run(harness, alice, open.channelId, `action Add an alert on p99 <@${bob}|bob>`);
    await makeOverdue(1, 3);
    const seen = await list(carol, general, `actions <@${bob}|bob>`);
    expect(seen.shown).not.toContain('WOMBAT42');
    expect(seen.shown).toContain('1 action from private incidents');
    expect(seen.shown).toContain('ACT-2');
    expect((await list(carol, general, 'actions overdue')).shown).not.toContain('WOMBAT42');
    expect(await run(harness, carol, general, 'actions INC-1')).toMatch(/There is no INC-1 that you can see/);
    // Its owner sees it, though no longer in the channel.
    expect((await list(bob, general, 'actions mine')).shown).toContain('WOMBAT42');
  });

  it('redraws the list after a change made from it', async () => {
    const inc = await declared(harness, database, sev1);
    await run(harness, alice, inc.channelId, `action Add an alert on p99 <@${bob}|bob>`);
    const shown = await list(alice, inc.channelId, 'actions');
    await clickInResponse(harness, {
      userId: alice,
      channelId: inc.channelId,
      blocks: shown.blocks,
      actionId: ids.actions.actionWontDo,
    });
    const form = await openView(harness, alice, ids.views.actionWontDo);
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { action_reason: 'Covered by the SLO alert' },
    });
    await harness.settle();
    const redrawn = harness.emulator.workspace
      .responses()
      .filter((r) => r.userId === alice)
      .at(-1)!;
    expect(redrawn.replaceOriginal).toBe(true);
    expect(JSON.stringify(redrawn.blocks)).toContain("won't do: Covered by the SLO alert");
    expect((await actionOf(harness, database, 1)).status).toBe('wont_do');
  });
});
