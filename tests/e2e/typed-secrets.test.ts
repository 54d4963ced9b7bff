import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { type Incident, listIncidents } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { listRuns } from '../../src/runbooks/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { fakeSecrets as s } from '../support/fake-secrets.ts';
import type { Harness } from '../support/harness.ts';
import { alice, bob, carol, clickOn, openView, run, submitForm } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
const base = await loadConfig(undefined);
// sev1 updates also go to a stakeholder channel, as they do in a real workspace.
const config = { ...base, channels: { ...base.channels, stakeholders: { sev1: ['#exec-updates'] } } };
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { config, rateLimits: false },
);

// Every domain table. The inbox is left out: it is the log of Slack's requests as they arrived (kept to
// replay a request a crash interrupted), not something Firebreak shows or posts.
const domainTables = [
  'incidents',
  'incident_roles',
  'timeline_entries',
  'stakeholder_updates',
  'audit_log',
  'outbox',
  'runbook_runs',
  'runbook_run_steps',
  'follow_ups',
  'scheduled_jobs',
  'incident_milestones',
];

async function storedText(): Promise<string> {
  const rows: string[] = [];
  for (const table of domainTables) {
    const found = await queryRows<{ row: string }>(
      database.db,
      sql.raw(`SELECT row_to_json(t)::text AS row FROM ${table} t`),
    );
    rows.push(...found.map((r) => r.row));
  }
  return rows.join('\n');
}

/** Everything Firebreak made visible in Slack: channel names and topics, its messages and replies, ephemerals and command replies. */
function slackText(): string {
  const { workspace } = harness.emulator;
  const parts: string[] = [];
  for (const channel of workspace.channels()) {
    parts.push(channel.name, channel.topic.value, channel.purpose.value);
    for (const message of workspace.messages(channel.id)) {
      const thread = [message, ...(message.reply_count ? workspace.replies(channel.id, message.ts) : [])];
      // People's own messages are Slack's, not ours: only what the bot posted counts.
      for (const m of thread)
        if (m.user === harness.emulator.botUserId || m.bot_id) parts.push(m.text, JSON.stringify(m.blocks ?? []));
    }
  }
  parts.push(JSON.stringify(workspace.ephemerals()), JSON.stringify(workspace.responses()));
  return parts.join('\n');
}

const notices = (userId: string) =>
  harness.emulator.workspace
    .ephemerals(undefined, userId)
    .map((e) => e.text)
    .filter((text) => text.includes('looked like a secret'));

async function declareViaForm(values: Record<string, unknown>): Promise<Incident & { channelId: string }> {
  await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: '' });
  const view = await eventually(() =>
    harness.emulator.workspace.views(alice).find((v) => v.callback_id === 'declare_incident' && v.isOpen),
  );
  const result = await harness.emulator.submitView({
    userId: alice,
    viewId: view.id,
    values: { severity: 'sev2', ...values },
  });
  expect(result.errors).toBeUndefined();
  await harness.settle();
  return (await listIncidents(database.db, { teamId: harness.emulator.teamId })).at(-1) as Incident & {
    channelId: string;
  };
}

const plainDeclare = () => declareViaForm({ title: 'Checkout slow', impact: 'Some card payments fail' });

async function redactionEntries(incidentId: number) {
  return (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId })).filter(
    (e) => e.kind === 'secret_redacted',
  );
}

type Case = {
  field: string;
  secrets: string[];
  /** What the person is told: the kinds and the field, by name. */
  notice: RegExp;
  /** Where the redacted text must show up instead. */
  shows: (incident: Incident & { channelId: string }) => string;
  act: () => Promise<Incident & { channelId: string }>;
  typist?: string;
};

const cases: Case[] = [
  {
    field: 'title and impact (declare form)',
    secrets: [s.githubPat, s.stripeLive],
    notice: /\(a GitHub token and a Stripe key\) from the title and the impact before saving it/,
    act: () =>
      declareViaForm({
        title: `Deploys fail with ${s.githubPat}`,
        impact: `Charges fail: ${s.stripeLive}`,
        services: 'payments-api',
      }),
    shows: (incident) => {
      const announcement = harness.emulator.render('C0INCIDENTS');
      expect(announcement).toContain('Deploys fail with [REDACTED]');
      expect(announcement).toContain('Charges fail: [REDACTED]');
      expect(harness.emulator.render(incident.channelId)).toContain('Charges fail: [REDACTED]');
      expect(incident).toMatchObject({
        title: 'Deploys fail with [REDACTED]',
        customerImpact: 'Charges fail: [REDACTED]',
      });
      return incident.title;
    },
  },
  {
    field: 'title (/incident declare)',
    secrets: [s.githubOauth],
    notice: /\(a GitHub token\) from the title before/,
    act: async () => {
      await run(harness, alice, 'C0GENERAL', `declare sev2 Login broken ${s.githubOauth}`);
      await harness.settle();
      return (await listIncidents(database.db, { teamId: harness.emulator.teamId })).at(-1) as Incident & {
        channelId: string;
      };
    },
    shows: (incident) => {
      expect(harness.emulator.render('C0INCIDENTS')).toContain('Login broken [REDACTED]');
      return incident.title;
    },
  },
  {
    field: 'severity reason (/incident sev)',
    secrets: [s.jwt],
    notice: /\(a JSON Web Token\) from the reason before/,
    act: async () => {
      const incident = await plainDeclare();
      expect(await run(harness, alice, incident.channelId, `sev sev1 sessions forged with ${s.jwt}`)).toMatch(/Done/);
      await harness.settle();
      return incident;
    },
    shows: (incident) => {
      expect(harness.emulator.render(incident.channelId)).toContain('sessions forged with [REDACTED]');
      // An upgrade is announced in the announcement's thread.
      expect(slackText()).toContain('escalated');
      return 'sessions forged with [REDACTED]';
    },
  },
  {
    field: 'stakeholder update fields',
    secrets: [s.githubApp, s.password, s.slackWebhook.split('/services/')[1] as string, s.stripeTest],
    notice:
      /\(a GitHub token, a password, a Slack webhook URL and a Stripe key\) from the current status, the impact, what is being done and the ETA/,
    act: async () => {
      const incident = await declareViaForm({ title: 'Payments failing', severity: 'sev1', impact: 'EU cards fail' });
      harness.emulator.workspace.addChannel({ name: 'exec-updates', members: [carol] });
      await harness.emulator.slashCommand({ userId: alice, channelId: incident.channelId, text: 'update' });
      const form = await openView(harness, alice, 'stakeholder_update');
      const submitted = await harness.emulator.submitView({
        userId: alice,
        viewId: form.id,
        values: {
          status: `CI token ${s.githubApp} leaked`,
          impact: `config {"password": "${s.password}"}`,
          actions: `hook ${s.slackWebhook} disabled`,
          eta: `after ${s.stripeTest} rotates`,
          confidence: 'low',
        },
      });
      expect(submitted.outcome).toBe('closed');
      await harness.settle();
      return incident;
    },
    shows: () => {
      const exec = harness.emulator.workspace.channelByName('exec-updates')!;
      const posted = harness.emulator.render(exec.id);
      expect(posted).toContain('CI token [REDACTED] leaked');
      expect(posted).toContain('config {"password": "[REDACTED]"}');
      return posted;
    },
  },
  {
    field: 'handover brief',
    secrets: [s.githubFineGrained],
    notice: /\(a GitHub token\) from the handover brief before/,
    act: async () => {
      const incident = await plainDeclare();
      // The holder hands over: the brief form opens at once.
      await harness.emulator.slashCommand({
        userId: alice,
        channelId: incident.channelId,
        text: 'handover commander <@U0CAROL|carol>',
      });
      const form = await openView(harness, alice, 'role_handover');
      await harness.emulator.submitView({
        userId: alice,
        viewId: form.id,
        values: { brief: `Rollback running; deploy with ${s.githubFineGrained}` },
      });
      await harness.settle();
      return incident;
    },
    shows: (incident) => {
      expect(harness.emulator.render(incident.channelId)).toContain('Rollback running; deploy with [REDACTED]');
      return 'deploy with [REDACTED]';
    },
  },
  {
    field: 'resolution impact and change',
    secrets: [s.awsAccessKeyId, s.awsSecret, s.stripeRestricted],
    notice:
      /\(an AWS secret key, an AWS access key id and a Stripe key\) from the impact and the triggering change before/,
    act: async () => {
      const incident = await plainDeclare();
      await harness.emulator.slashCommand({ userId: alice, channelId: incident.channelId, text: 'resolve' });
      const form = await openView(harness, alice, 'incident_resolve');
      const submitted = await harness.emulator.submitView({
        userId: alice,
        viewId: form.id,
        values: {
          severity: 'sev2',
          change_induced: 'yes',
          change: `Rotated ${s.stripeRestricted}`,
          impact: `Leaked ${s.awsAccessKeyId} ${s.awsSecret} in logs`,
        },
      });
      expect(submitted.outcome).toBe('closed');
      await harness.settle();
      return incident;
    },
    shows: () => 'Leaked [REDACTED] [REDACTED] in logs',
  },
  {
    field: 'note (card form)',
    secrets: [s.stripeLive],
    notice: /\(a Stripe key\) from the note before/,
    act: async () => {
      const incident = await plainDeclare();
      const card = harness.emulator.workspace.pins(incident.channelId)[0]!;
      await clickOn(harness, alice, incident.channelId, card.ts, 'incident_card.note');
      const form = await openView(harness, alice, 'timeline_note');
      await harness.emulator.submitView({
        userId: alice,
        viewId: form.id,
        values: { note_text: `Refunds via ${s.stripeLive}`, note_type: 'action' },
      });
      await harness.settle();
      return incident;
    },
    shows: () => 'Refunds via [REDACTED]',
  },
  {
    field: 'note (/incident note), echoed redacted',
    secrets: [s.githubPat],
    notice: /\(a GitHub token\) from the note before/,
    act: async () => {
      const incident = await plainDeclare();
      expect(await run(harness, alice, incident.channelId, `note decision: revoke ${s.githubPat}`)).toMatch(
        /Noted as \*decision\*.*revoke \[REDACTED\]/,
      );
      await harness.settle();
      return incident;
    },
    shows: () => 'revoke [REDACTED]',
  },
  {
    field: 'runbook skip reason',
    secrets: [s.githubOauth],
    notice: /\(a GitHub token\) from the reason for skipping before/,
    act: async () => {
      const incident = await declareViaForm({
        title: 'Orders writes failing',
        severity: 'sev1',
        services: 'orders-db',
      });
      const offer = harness.emulator.workspace
        .messages(incident.channelId)
        .find((m) => /runbook applies/.test(JSON.stringify(m.blocks ?? m.text)))!;
      await harness.emulator.clickButton({
        userId: alice,
        channelId: incident.channelId,
        messageTs: offer.ts,
        actionId: 'runbook.start',
        value: `${incident.id}:db-failover`,
      });
      await harness.settle();
      const [started] = await listRuns(database.db, { teamId: incident.teamId, incidentId: incident.id });
      const checklist = harness.emulator.workspace
        .messages(incident.channelId)
        .find((m) => /Runbook: /.test(JSON.stringify(m.blocks ?? m.text)))!;
      await harness.emulator.clickButton({
        userId: alice,
        channelId: incident.channelId,
        messageTs: checklist.ts,
        actionId: 'runbook.step_skip',
        value: `${started!.id}:check-replication`,
      });
      await submitForm(harness, alice, 'runbook_skip_step', { reason: `Replica checked with ${s.githubOauth}` });
      await harness.settle();
      return incident;
    },
    shows: (incident) => {
      expect(harness.emulator.render(incident.channelId)).toContain('Replica checked with [REDACTED]');
      return 'Replica checked with [REDACTED]';
    },
  },
];

describe('secrets typed into Firebreak are removed before they are stored or posted', () => {
  it.each(cases.map((c) => [c.field, c] as const))('%s', async (_field, c) => {
    const incident = await c.act();
    const refreshed = (await listIncidents(database.db, { teamId: harness.emulator.teamId })).find(
      (i) => i.id === incident.id,
    ) as Incident & { channelId: string };
    const shown = c.shows(refreshed);
    expect(shown).toContain('[REDACTED]');

    const stored = await storedText();
    const visible = slackText();
    for (const secret of c.secrets) {
      expect(stored).not.toContain(secret);
      expect(visible).not.toContain(secret);
    }
    expect(stored).toContain('[REDACTED]');

    const told = notices(c.typist ?? alice);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(c.notice);

    const recorded = await redactionEntries(incident.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.data).toMatchObject({ userId: c.typist ?? alice, bot: true });
  });

  it('a file whose name holds a token is recorded with the name redacted, and a notice for its thread is queued', async () => {
    const incident = await plainDeclare();
    const name = `deploy-${s.githubPat}.log`;
    await harness.emulator.event({
      type: 'message',
      subtype: 'file_share',
      channel: incident.channelId,
      channel_type: 'channel',
      user: bob,
      ts: '1700000000.000100',
      text: '',
      files: [{ id: 'F1', name, filetype: 'text', permalink: `https://x.slack.com/files/U0BOB/F1/${name}` }],
    });
    await harness.settle();
    const shared = (await listTimeline(database.db, { teamId: incident.teamId, incidentId: incident.id })).find(
      (e) => e.kind === 'file_shared',
    );
    expect(shared?.data).toMatchObject({
      files: [{ name: 'deploy-[REDACTED].log', permalink: 'https://x.slack.com/files/U0BOB/F1/deploy-[REDACTED].log' }],
      redacted: ['github_token'],
    });
    expect(await storedText()).not.toContain(s.githubPat);
    expect((await redactionEntries(incident.id)).map((e) => e.data)).toMatchObject([{ kinds: ['github_token'] }]);
    // The emulator holds no message for a crafted file_share event, so the thread reply itself cannot land here.
    const queued = await queryRows<{ payload: { kinds: string[]; threadTs: string } }>(
      database.db,
      sql`SELECT payload FROM outbox WHERE kind = 'timeline.redaction_notice'`,
    );
    expect(queued.map((q) => q.payload)).toMatchObject([{ kinds: ['github_token'], threadTs: '1700000000.000100' }]);
  });

  it('ordinary text is stored as typed and nobody is told', async () => {
    const incident = await declareViaForm({
      title: 'Rollback of a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      impact: 'The password reset page is slow',
    });
    expect(incident).toMatchObject({
      title: 'Rollback of a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      customerImpact: 'The password reset page is slow',
    });
    expect(notices(alice)).toEqual([]);
    expect(await redactionEntries(incident.id)).toEqual([]);
  });
});
