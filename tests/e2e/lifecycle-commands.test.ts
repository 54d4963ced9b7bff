import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { listRoleHolders } from '../../src/incidents/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import {
  alice,
  bob,
  carol,
  channelText,
  clickOn,
  declared,
  general,
  incident,
  openView,
  run,
} from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

describe('/incident status, resolve and reopen', () => {
  it('walks the lifecycle, sets milestones and refuses impossible moves with what is possible', async () => {
    const inc = await declared(harness, database);
    expect(await run(harness, alice, inc.channelId, 'status identified')).toMatch(/Done/);
    expect(await run(harness, alice, inc.channelId, 'status identified')).toMatch(/already identified/);
    expect(await run(harness, alice, inc.channelId, 'status closed')).toMatch(
      /Cannot go from identified to closed\. From identified you can go to: investigating, monitoring, resolved/,
    );
    expect(await run(harness, alice, inc.channelId, 'status fixed')).toMatch(/"fixed" is not a status/);
    await run(harness, alice, inc.channelId, 'status monitoring');
    expect((await incident(harness, database, 1)).mitigatedAt).toBeInstanceOf(Date);

    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'status resolved' });
    const form = await openView(harness, alice, 'incident_resolve');
    const noChange = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { severity: 'sev1', change_induced: 'yes', impact: 'EU card payments failed' },
    });
    expect(noChange.outcome).toBe('errors');
    const submitted = await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: {
        severity: 'sev1',
        change_induced: 'yes',
        change: 'Deploy 42 of payments-api',
        impact: 'EU card payments failed',
      },
    });
    expect(submitted.outcome).toBe('closed');
    await harness.settle();
    const resolved = await incident(harness, database, 1);
    expect(resolved).toMatchObject({
      status: 'resolved',
      severity: 'sev1',
      changeInduced: true,
      triggeringChange: 'Deploy 42 of payments-api',
      customerImpact: 'EU card payments failed',
    });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);

    expect(await run(harness, alice, inc.channelId, 'role comms <@U0BOB|bob>')).toMatch(/resolved; re-open it first/);
    await run(harness, bob, general, 'reopen INC-1');
    const reopened = await incident(harness, database, 1);
    expect(reopened.status).toBe('investigating');
    expect(reopened.resolvedAt).toBeNull();
    await harness.settle();

    const kinds = (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id })).map(
      (e) => e.kind,
    );
    expect(kinds.filter((k) => ['status_changed', 'severity_changed', 'reopened'].includes(k))).toEqual([
      'status_changed',
      'status_changed',
      'status_changed',
      'severity_changed',
      'reopened',
    ]);
    const audit = await listAudit(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id });
    expect(audit.find((a) => a.action === 'incident.reopened')).toMatchObject({
      actorId: bob,
      before: { status: 'resolved' },
      after: { status: 'investigating' },
    });
    const channel = harness.emulator.workspace.channel(inc.channelId);
    expect(channel?.topic.value).toMatch(/^SEV1 · Investigating · IC: alice/);
    expect(channelText(harness, inc.channelId)).toMatch(/re-opened INC-1/);
    const thread = harness.emulator.workspace.replies('C0INCIDENTS', inc.announcementTs as string);
    expect(thread.map((m: { text?: string }) => m.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/INC-1 resolved · final severity SEV1/),
        expect.stringMatching(/INC-1 re-opened/),
      ]),
    );
  });

  it('says where to run a command outside an incident channel', async () => {
    expect(await run(harness, alice, general, 'status identified')).toMatch(/Run this in an incident channel/);
  });
});

describe('/incident sev', () => {
  it('needs a reason; an upgrade announces in the thread, notifies contacts and asks for roles', async () => {
    const config = {
      ...harness.config,
      severities: harness.config.severities.map((s) =>
        s.name === 'sev1'
          ? { ...s, escalation: [{ name: 'On-call manager', slack_user: carol, note: 'pager' }, { name: 'Director' }] }
          : s,
      ),
    };
    await harness.stop();
    harness = await startHarness(database, { config });
    const inc = await declared(harness, database);
    expect(await run(harness, alice, inc.channelId, 'sev sev1')).toMatch(/Say why the severity changes/);
    expect(await run(harness, alice, inc.channelId, 'sev sev9 worse')).toMatch(/"sev9" is not a severity/);
    expect(await run(harness, alice, inc.channelId, 'sev p1 errors in <!channel> every region')).toMatch(/Done/);
    await harness.settle();
    expect((await incident(harness, database, 1)).severity).toBe('sev1');
    const thread = harness.emulator.workspace.replies('C0INCIDENTS', inc.announcementTs as string);
    expect(thread.at(-1)?.text).toMatch(/INC-1 escalated SEV2 → \*SEV1\*: errors in &lt;!channel&gt; every region/);
    const text = channelText(harness, inc.channelId);
    expect(text).toMatch(/Escalating to the SEV1 contacts: <@U0CAROL> \(pager\), Director/);
    expect(text).toMatch(/SEV1 needs these roles filled: Comms lead/);
    const dm = harness.emulator.workspace.channelByName('@carol');
    expect(harness.emulator.workspace.messages(dm!.id).map((m) => m.text)).toEqual([
      `:arrow_double_up: INC-1 was raised SEV2 → *SEV1* and you are an escalation contact for that level. You have been invited to <#${inc.channelId}>.`,
    ]);
    expect(harness.emulator.workspace.isMember(inc.channelId, carol)).toBe(true);
    expect(harness.emulator.workspace.channel(inc.channelId)?.topic.value).toMatch(/^SEV1 · /);
    const audit = await listAudit(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id });
    expect(audit.find((a) => a.action === 'incident.severity_changed')).toMatchObject({
      actorId: alice,
      before: { severity: 'sev2' },
      after: { severity: 'sev1' },
    });
  });

  it('records both of two concurrent changes; the last one wins', async () => {
    const inc = await declared(harness, database);
    await run(harness, alice, inc.channelId, 'role scribe <@U0BOB|bob>');
    await harness.settle();
    await Promise.all([
      harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'sev sev1 first' }),
      harness.emulator.slashCommand({ userId: bob, channelId: inc.channelId, text: 'sev sev0 second' }),
    ]);
    await harness.settle();
    const changes = (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id })).filter(
      (e) => e.kind === 'severity_changed',
    );
    expect(changes).toHaveLength(2);
    // Each change is recorded against the severity it replaced, so the chain is unbroken.
    expect(changes[0]?.data.from).toBe('sev2');
    expect(changes[1]?.data.from).toBe(changes[0]?.data.to);
    expect((await incident(harness, database, 1)).severity).toBe(changes[1]?.data.to);
  });
});

describe('/incident role, roles and handover', () => {
  it('assigns, lists, invites, and hands over with the outgoing holder’s brief', async () => {
    const inc = await declared(harness, database, 'declare sev1 Payments down');
    expect(await run(harness, alice, inc.channelId, 'role comms bob')).toMatch(/Say the role and the person/);
    expect(await run(harness, alice, inc.channelId, 'role chef <@U0BOB|bob>')).toMatch(/"chef" is not a role/);
    expect(await run(harness, alice, inc.channelId, 'role comms <@U0BOB|bob>')).toMatch(/Done/);
    expect(await run(harness, alice, inc.channelId, 'role comms <@U0BOB|bob>')).toMatch(/Nothing changed/);
    await harness.settle();
    expect(harness.emulator.workspace.isMember(inc.channelId, bob)).toBe(true);
    const roles = await run(harness, bob, inc.channelId, 'roles');
    expect(roles).toMatch(/Incident commander: <@U0ALICE>/);
    expect(roles).toMatch(/Comms lead: <@U0BOB> \(required\)/);

    // Someone else starts the handover: the holder gets a button that opens the brief form.
    await run(harness, bob, inc.channelId, 'handover commander <@U0CAROL|carol>');
    const prompt = (await eventually(() => harness.emulator.workspace.ephemerals(inc.channelId, alice).at(-1))) as {
      message_ts: string;
    };
    await clickOn(harness, alice, inc.channelId, prompt.message_ts, 'handover.write_brief');
    const form = await openView(harness, alice, 'role_handover');
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { brief: 'Rollback running; watch error rate' },
    });
    await harness.settle();
    const holders = await listRoleHolders(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id });
    expect(holders.find((h) => h.role === 'commander')?.userId).toBe(carol);
    expect(harness.emulator.workspace.isMember(inc.channelId, carol)).toBe(true);
    expect(channelText(harness, inc.channelId)).toMatch(
      /Incident commander handed over from <@U0ALICE> to <@U0CAROL>\.\n>Rollback running; watch error rate/,
    );
    const handover = (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id })).find(
      (e) => e.kind === 'handover',
    );
    expect(handover?.data).toMatchObject({ from: alice, to: carol, brief: 'Rollback running; watch error rate' });
    expect(harness.emulator.workspace.channel(inc.channelId)?.topic.value).toMatch(/IC: carol/);

    // The holder runs it themselves: the form opens at once.
    await harness.emulator.slashCommand({
      userId: carol,
      channelId: inc.channelId,
      text: 'handover commander <@U0ALICE|alice>',
    });
    expect(await openView(harness, carol, 'role_handover')).toBeDefined();
  });
});

describe('people named in commands, as Slack sends them', () => {
  it('gives a role to a person typed as @bob, with escaping on as manifest.yml says', async () => {
    expect(harness.emulator.commandEscaping).toBe('escaped');
    const inc = await declared(harness, database, 'declare sev1 Payments down');
    expect(await run(harness, alice, inc.channelId, 'role comms @bob')).toMatch(/Done/);
    const holders = await listRoleHolders(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id });
    expect(holders.find((h) => h.role === 'comms')?.userId).toBe(bob);
  });

  it('says to pick the person from the autocomplete when escaping is off, and changes nothing', async () => {
    const inc = await declared(harness, database, 'declare sev1 Payments down');
    harness.emulator.commandEscaping = 'plain';
    const answer = await run(harness, alice, inc.channelId, 'role comms <@U0BOB|bob>');
    expect(answer).toMatch(/got “@bob” as plain text/);
    expect(answer).toMatch(/Pick the person from Slack's @-autocomplete/);
    expect(await run(harness, alice, inc.channelId, 'handover commander @carol')).toMatch(/@-autocomplete/);
    const holders = await listRoleHolders(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id });
    expect(holders.map((h) => h.role)).toEqual(['commander']);
  });

  it('keeps a person named in a declared title as they were typed', async () => {
    const inc = await declared(harness, database, 'declare sev2 @bob sees 500s');
    expect(inc.title).toBe('@bob sees 500s');
  });
});

describe('/incident drill', () => {
  it('runs the declare flow marked as a drill', async () => {
    const inc = await declared(harness, database, 'drill sev2 Failover rehearsal');
    expect(inc.isDrill).toBe(true);
    expect(harness.emulator.workspace.messages('C0INCIDENTS').at(-1)?.text).toMatch(/DRILL\* · \*INC-1 declared/);
    expect(harness.emulator.render(inc.channelId)).toMatch(/DRILL · INC-1 · Failover rehearsal/);
    expect(harness.emulator.workspace.channel(inc.channelId)?.topic.value).toMatch(/^DRILL · SEV2/);
  });
});
