import { describe, expect, it } from 'vitest';
import { listIncidents, listRoleHolders } from '../../src/incidents/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Harness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

const alice = 'U0ALICE';

async function openDeclareForm(text = '') {
  const reply = await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text });
  expect(reply.status).toBe(200);
  const view = await eventually(() => harness.emulator.workspace.views(alice).at(-1));
  expect(view.callback_id).toBe('declare_incident');
  return view;
}

describe('the declare form', () => {
  it.each(['', 'declare'])('/incident %s opens it with the default severity chosen', async (text) => {
    const view = await openDeclareForm(text);
    const rendered = harness.emulator.renderView(view.id);
    expect(rendered).toContain('Declare an incident');
    expect(rendered).toContain('What customers see');
    expect(JSON.stringify(view.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"SEV2');
  });

  it('declares a private incident with another commander and an impact start', async () => {
    const view = await openDeclareForm();
    const started = Math.floor(new Date('2026-11-25T09:30:00Z').getTime() / 1000);
    const result = await harness.emulator.submitView({
      userId: alice,
      viewId: view.id,
      values: {
        title: 'Leaked credentials in logs',
        severity: 'sev1',
        impact: 'None visible yet',
        services: 'auth-api, logging',
        commander: 'U0BOB',
        started,
        private: ['private'],
      },
    });
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    await harness.settle();
    const channel = harness.emulator.workspace.channelByName('inc-1-leaked-credentials-in-logs');
    expect(channel?.is_private).toBe(true);
    expect(channel?.members).toEqual(expect.arrayContaining([alice, 'U0BOB']));
    expect(harness.emulator.workspace.messages('C0INCIDENTS')).toHaveLength(0);
    const [incident] = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    expect(incident).toMatchObject({
      isPrivate: true,
      services: ['auth-api', 'logging'],
      customerImpact: 'None visible yet',
    });
    expect(incident?.startedAt?.toISOString()).toBe('2026-11-25T09:30:00.000Z');
    expect(
      await listRoleHolders(database.db, { teamId: harness.emulator.teamId, incidentId: incident!.id }),
    ).toMatchObject([{ role: 'commander', userId: 'U0BOB' }]);
    const card = harness.emulator.render(channel!.id);
    expect(card).toContain('None visible yet');
    expect(card).toContain('Services: auth-api, logging');
    expect(card).toMatch(/Private/);
  });

  it('shows errors under their fields and declares nothing', async () => {
    const view = await openDeclareForm();
    const result = await harness.emulator.submitView({
      userId: alice,
      viewId: view.id,
      values: { title: 'Disk full', severity: 'sev2', started: Math.floor(Date.now() / 1000) + 3600 },
    });
    expect(result.errors).toEqual({ started: expect.stringMatching(/cannot start in the future/) });
    expect(await listIncidents(database.db, { teamId: harness.emulator.teamId })).toHaveLength(0);
  });

  it('a double-submitted form declares one incident', async () => {
    const view = await openDeclareForm();
    const submit = () =>
      harness.emulator.submitView({
        userId: alice,
        viewId: view.id,
        values: { title: 'Queue backlog', severity: 'sev3' },
      });
    const results = await Promise.allSettled([submit(), submit()]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason))).toEqual([200, 200]);
    await harness.settle();
    expect(await listIncidents(database.db, { teamId: harness.emulator.teamId })).toHaveLength(1);
    expect(harness.emulator.workspace.channelByName('inc-2-queue-backlog')).toBeUndefined();
  });
});

describe('declaring from a message', () => {
  it('prefills the form from the message, links it, and replies in its thread', async () => {
    const said = await harness.emulator.userSays({
      userId: 'U0BOB',
      channelId: 'C0GENERAL',
      text: 'Checkout is returning 502s for EU users\nsee <https://grafana.example.com/d/1|dashboard>',
    });
    await harness.emulator.messageShortcut({
      userId: alice,
      channelId: 'C0GENERAL',
      messageTs: said.ts,
      callbackId: 'declare_from_message',
    });
    const view = await eventually(() => harness.emulator.workspace.views(alice).at(-1));
    expect(view.callback_id).toBe('declare_incident');
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Checkout is returning 502s for EU users"');
    // The impact keeps the link's address: it is read later, away from the message.
    expect(harness.emulator.renderView(view.id)).toContain(
      'What customers see (optional): [Checkout is returning 502s for EU users\n│ see dashboard (https://grafana.example.com/d/1) ¶]',
    );
    await harness.emulator.submitView({ userId: alice, viewId: view.id, values: { severity: 'sev1' } });
    await harness.settle();
    const channel = harness.emulator.workspace.channelByName('inc-1-checkout-is-returning-502s-for-eu-users');
    expect(channel).toBeDefined();
    expect(harness.emulator.render(channel!.id)).toContain('Declared from this message');
    const replies = harness.emulator.workspace.replies('C0GENERAL', said.ts);
    expect(replies.at(-1)?.text).toContain(`An incident was declared from this message: INC-1 in <#${channel!.id}>`);
    const [incident] = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    expect(incident?.sourceMessage).toMatchObject({ channelId: 'C0GENERAL', ts: said.ts, authorId: 'U0BOB' });
    expect(incident?.sourceMessage?.permalink).toMatch(/archives\/C0GENERAL\/p/);
  });
});
