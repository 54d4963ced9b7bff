import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { listIncidents } from '../../src/incidents/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

const alice = 'U0ALICE';
const general = 'C0GENERAL';

describe('declaring with /incident declare', () => {
  it('opens a channel, invites, sets the topic, pins the card, announces and asks for roles', async () => {
    const { emulator } = harness;
    const reply = await emulator.slashCommand({
      userId: alice,
      channelId: general,
      text: 'declare sev1 Checkout errors spiking',
    });
    expect(reply.status).toBe(200);
    expect(reply.json?.text).toMatch(/Declaring \*SEV1\* incident “Checkout errors spiking”/);
    await harness.settle();

    const channel = emulator.workspace.channelByName('inc-1-checkout-errors-spiking');
    expect(channel).toBeDefined();
    expect(channel?.is_private).toBe(false);
    expect(channel?.members).toEqual(expect.arrayContaining([alice, emulator.botUserId]));
    expect(channel?.topic.value).toMatch(/^SEV1 · Investigating · IC: alice · Checkout errors spiking$/);

    const messages = emulator.workspace.messages(channel!.id);
    const card = messages[0]!;
    expect(JSON.stringify(card.blocks)).toContain('INC-1 · Checkout errors spiking');
    expect(
      emulator.workspace.pins(channel!.id).map((p: { ts?: string; message?: { ts: string } }) => p.ts ?? p.message?.ts),
    ).toEqual([card.ts]);
    expect(messages[1]?.text).toMatch(/SEV1 needs these roles filled: Comms lead/);

    const announcement = emulator.workspace.messages('C0INCIDENTS').at(-1);
    expect(announcement?.text).toMatch(/INC-1 declared\* · SEV1 · Checkout errors spiking/);
    expect(JSON.stringify(announcement?.blocks)).toContain(`<#${channel!.id}>`);

    const confirmation = emulator.workspace.responses().at(-1);
    expect(confirmation?.body?.text ?? confirmation?.text).toMatch(
      new RegExp(`INC-1 declared\\. Head to <#${channel!.id}>\\. You are Incident commander`),
    );

    const [incident] = await listIncidents(database.db, { teamId: emulator.teamId });
    expect(incident).toMatchObject({
      number: 1,
      channelId: channel!.id,
      cardTs: card.ts,
      announcementChannelId: 'C0INCIDENTS',
    });
    const timeline = await listTimeline(database.db, { teamId: emulator.teamId, incidentId: incident!.id });
    expect(timeline.map((e) => e.kind)).toEqual(['declared', 'role_assigned', 'channel_created', 'announced']);
    const audit = await listAudit(database.db, { teamId: emulator.teamId, incidentId: incident!.id });
    expect(audit.map((a) => a.action)).toEqual([
      'incident.declared',
      'role.assigned',
      'channel.created',
      'incident.announced',
    ]);

    const rendered = emulator.render(channel!.id);
    expect(rendered).toContain('INC-1 · Checkout errors spiking');
    expect(rendered).toContain('Post update');
  });

  it('invites configured responders and gives the next incident the next number', async () => {
    const config = { ...harness.config, responders: ['U0BOB', 'U0CAROL'] };
    await harness.stop();
    harness = await startHarness(database, { config });
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'declare P3 First' });
    // Declaring runs after the acknowledgement: let the first finish so numbers follow the order here.
    await harness.settle();
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'declare 3 Second' });
    await harness.settle();
    const second = harness.emulator.workspace.channelByName('inc-2-second');
    expect(second?.members).toEqual(expect.arrayContaining([alice, 'U0BOB', 'U0CAROL']));
  });

  it('adds a suffix when the channel name is taken', async () => {
    harness.emulator.workspace.addChannel({ name: 'inc-1-database-down', members: ['U0DAVE'] });
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'declare sev2 Database down' });
    await harness.settle();
    const channel = harness.emulator.workspace.channelByName('inc-1-database-down-2');
    expect(channel?.members).toContain(alice);
    const [incident] = await listIncidents(database.db, { teamId: harness.emulator.teamId });
    expect(incident?.channelName).toBe('inc-1-database-down-2');
  });
});

describe('answers that say what to type', () => {
  it('lists every subcommand with an example', async () => {
    const reply = await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'help' });
    const shown = JSON.stringify(reply.json);
    expect(shown).toContain('/incident declare sev1 Checkout errors spiking');
    expect(shown).toContain('/incident help');
  });

  it('suggests the nearest subcommand for a typo', async () => {
    const reply = await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'delcare sev1 x' });
    expect(reply.json?.text).toMatch(/`\/incident delcare` is not a command\. Did you mean `\/incident declare`\?/);
  });

  it.each([
    ['declare sev9 Payments down', /"sev9" is not a severity\. Use one of: sev0\/p0/],
    ['declare sev1', /Give the incident a short title/],
    [`declare sev1 ${'very long title '.repeat(10)}`, /characters; keep it to 120/],
  ])('%s', async (text, expected) => {
    const reply = await harness.emulator.slashCommand({ userId: alice, channelId: general, text });
    expect(reply.status).toBe(200);
    expect(reply.json?.text).toMatch(expected);
    expect(reply.body).not.toMatch(/at .*\.ts:\d+/);
    expect(await listIncidents(database.db, { teamId: harness.emulator.teamId })).toHaveLength(0);
  });
});
