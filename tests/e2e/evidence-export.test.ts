import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import type { EvidenceJson } from '../../src/evidence/index.ts';
import { findIncidentByNumber } from '../../src/incidents/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { allFakeSecrets, fakeSecrets } from '../support/fake-secrets.ts';
import type { Harness } from '../support/harness.ts';
import {
  alice,
  bob,
  carol,
  declared,
  general,
  openView,
  resolveThroughForm,
  run,
  submitForm,
} from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

const update = {
  status: `Rolled back the config push; token ${fakeSecrets.githubPat} revoked`,
  impact: 'EU card payments failed for ~30% of customers',
  actions: 'Watching error rates',
  next_update: '20',
  eta: 'Within the hour',
  confidence: 'medium',
};

/** An incident with everything an auditor asks about, then resolved, with a postmortem and a closed action. */
async function fullIncident() {
  const { emulator } = harness;
  const inc = await declared(harness, database, 'declare sev2 Checkout errors');
  const first = await emulator.userSays({ userId: alice, channelId: inc.channelId, text: 'Errors at 13:50' });
  await emulator.userEdits({ userId: alice, channelId: inc.channelId, ts: first.ts, text: 'Errors since 13:48' });
  const oops = await emulator.userSays({ userId: alice, channelId: inc.channelId, text: 'wrong channel, sorry' });
  await emulator.userDeletes({ userId: alice, channelId: inc.channelId, ts: oops.ts });
  await emulator.userSays({
    userId: alice,
    channelId: inc.channelId,
    text: `deploy key is ${fakeSecrets.stripeLive} and AWS ${fakeSecrets.awsAccessKeyId}`,
  });
  await run(harness, alice, inc.channelId, 'note decision: roll back the config push');
  await run(harness, alice, inc.channelId, 'sev sev1 errors now in every region');
  await emulator.slashCommand({
    userId: alice,
    channelId: inc.channelId,
    text: `handover commander <@${carol}|carol>`,
  });
  await submitForm(harness, alice, ids.views.handover, { brief: 'Rollback running; watch error rate' });
  await harness.settle();
  await run(harness, carol, inc.channelId, 'status identified');
  await emulator.slashCommand({ userId: carol, channelId: inc.channelId, text: 'update' });
  await submitForm(harness, carol, ids.views.stakeholderUpdate, update);
  await run(harness, alice, inc.channelId, `action Add an alert on checkout p99 latency <@${bob}|bob>`);
  await harness.settle();
  await resolveThroughForm(harness, carol, inc.channelId, {
    severity: 'sev1',
    change_induced: 'no',
    impact: 'Checkout failed for 30% of EU customers',
  });
  await run(harness, alice, inc.channelId, 'postmortem');
  await run(
    harness,
    bob,
    general,
    `action done ACT-1 alert fires in staging, PR 812, password=${fakeSecrets.password}`,
  );
  await harness.settle();
  return inc;
}

async function exported(channelId: string) {
  const files = harness.emulator.workspace.files(channelId).filter((f) => /-evidence-\d+\./.test(f.name));
  const markdown = files.find((f) => f.name.endsWith('.md'));
  const json = files.find((f) => f.name.endsWith('.json'));
  return { files, markdown: markdown?.content ?? '', json: json ? (JSON.parse(json.content) as EvidenceJson) : null };
}

describe('/incident export', () => {
  it('uploads the Markdown and JSON evidence of everything that happened, in one message, saying who asked and when', async () => {
    const { emulator } = harness;
    const inc = await fullIncident();
    const uploadsBefore = emulator.callsTo('files.completeUploadExternal').length;
    expect(await run(harness, alice, inc.channelId, 'export')).toMatch(/Preparing the evidence bundle…/);
    await harness.settle();

    const { files, markdown, json } = await exported(inc.channelId);
    expect(files.map((f) => f.name).sort()).toEqual(['inc-1-evidence-1.json', 'inc-1-evidence-1.md']);
    expect(emulator.callsTo('files.completeUploadExternal').length - uploadsBefore).toBe(1);
    const shared = emulator.workspace
      .messages(inc.channelId)
      .filter((m) => m.files?.some((f) => /evidence/.test(String(f.name))));
    expect(shared).toHaveLength(1);
    expect(shared[0]?.files).toHaveLength(2);
    expect(shared[0]?.text).toContain('INC-1 evidence bundle 1');
    expect(shared[0]?.text).toContain(`<@${alice}>`);

    const doc = json as EvidenceJson;
    expect(doc.schema).toBe('firebreak.evidence/v1');
    expect(doc.generatedBy).toEqual({ id: alice, name: 'alice' });
    expect(new Date(doc.generatedAt).toISOString()).toBe(doc.generatedAt);
    expect(doc.incident).toMatchObject({
      ref: 'INC-1',
      title: 'Checkout errors',
      severity: 'sev1',
      status: 'resolved',
    });
    expect(doc.incident.customerImpact).toBe('Checkout failed for 30% of EU customers');
    expect(Object.keys(doc.milestones)).toEqual(expect.arrayContaining(['declared', 'resolved']));

    const edited = doc.timeline.find((item) => item.text === 'Errors since 13:48');
    expect(edited).toMatchObject({ kind: 'message', earlierVersions: ['Errors at 13:50'], deleted: false });
    expect(edited?.actor).toEqual({ id: alice, name: 'alice' });
    expect(doc.timeline.find((item) => item.text === 'wrong channel, sorry')?.deleted).toBe(true);
    expect(doc.timeline.find((item) => item.type === 'decision')?.text).toBe('roll back the config push');
    expect(doc.timeline.some((item) => item.kind === 'evidence_exported')).toBe(true);

    expect(doc.severityHistory.map((c) => [c.from, c.to, c.by.id])).toEqual([
      [null, 'sev2', alice],
      ['sev2', 'sev1', alice],
    ]);
    expect(doc.severityHistory[1]?.reason).toBe('errors now in every region');
    expect(doc.statusHistory.map((c) => [c.from, c.to, c.by.id])).toEqual([
      [null, 'investigating', alice],
      ['investigating', 'identified', carol],
      ['identified', 'resolved', carol],
    ]);
    expect(doc.roleHistory.at(-1)).toMatchObject({
      role: 'commander',
      from: { id: alice, name: 'alice' },
      to: { id: carol, name: 'carol' },
      by: { id: alice },
      brief: 'Rollback running; watch error rate',
    });
    expect(doc.incident.roles.find((r) => r.role === 'commander')?.holder.id).toBe(carol);

    expect(doc.updates).toHaveLength(1);
    expect(doc.updates[0]).toMatchObject({
      author: { id: carol, name: 'carol' },
      impact: update.impact,
      nextUpdateMinutes: 20,
      confidence: 'medium',
    });
    expect(doc.updates[0]?.status).toContain('[REDACTED]');

    expect(doc.postmortem?.status).toBe('draft');
    expect(doc.postmortem?.versions.length).toBeGreaterThanOrEqual(1);
    expect(doc.postmortem?.versions[0]?.markdown).toContain('Checkout errors');

    expect(doc.actions).toHaveLength(1);
    const action = doc.actions[0];
    expect(action).toMatchObject({
      ref: 'ACT-1',
      text: 'Add an alert on checkout p99 latency',
      owner: { id: bob, name: 'bob' },
      status: 'done',
      closedBy: { id: bob, name: 'bob' },
    });
    expect(action?.closeNote).toMatch(/^alert fires in staging, PR 812/);
    expect(action?.history.map((e) => [e.kind, e.by.id])).toEqual([
      ['created', alice],
      ['done', bob],
    ]);

    const audit = await listAudit(database.db, { teamId: emulator.teamId, incidentId: inc.id });
    expect(doc.audit.map((e) => e.action)).toEqual(audit.map((e) => e.action));
    expect(doc.audit.at(-1)).toMatchObject({
      action: 'incident.evidence_exported',
      actor: { id: alice },
      after: { exportNumber: 1, files: ['inc-1-evidence-1.md', 'inc-1-evidence-1.json'] },
    });

    expect(markdown).toMatch(
      /^# INC-1 evidence bundle: Checkout errors\n\nGenerated \d{4}-\d\d-\d\d \d\d:\d\d UTC by alice\./,
    );
    for (const heading of [
      '## Incident',
      '## Milestones',
      '## Status history',
      '## Severity history',
      '## Role history',
      '## Stakeholder updates',
      '## Timeline',
      '## Postmortem',
      '## Corrective actions',
      '## Audit log',
    ])
      expect(markdown).toContain(`\n${heading}\n`);
    expect(markdown).toMatch(/_message_ · alice: Errors since 13:48\n {2}- earlier version: Errors at 13:50/);
    expect(markdown).toMatch(/~~deleted~~ _message_ · alice: wrong channel, sorry/);
    expect(markdown).toMatch(/sev2 → sev1 · alice: errors now in every region/);
    expect(markdown).toMatch(/investigating → identified · carol/);
    expect(markdown).toMatch(/commander: alice → carol · by alice; brief: Rollback running; watch error rate/);
    expect(markdown).toMatch(/### ACT-1: Add an alert on checkout p99 latency/);
    expect(markdown).toMatch(/- Closed: .* by bob; evidence: alert fires in staging, PR 812/);
    expect(markdown).toMatch(/### Version 1: .* \(/);

    const entries = await listTimeline(database.db, { teamId: emulator.teamId, incidentId: inc.id });
    expect(entries.filter((e) => e.kind === 'evidence_exported').map((e) => e.actorId)).toEqual([alice]);
  });

  it('keeps secrets out of both files, even text stored before it was redacted at write time', async () => {
    const inc = await fullIncident();
    // An action closed before closing notes were redacted kept the note as typed.
    await database.db.execute(
      sql`UPDATE actions SET close_note = ${`verified with ${fakeSecrets.githubOauth}`} WHERE incident_id = ${inc.id}`,
    );
    await database.db.execute(
      sql`UPDATE action_events SET note = ${`verified with ${fakeSecrets.githubOauth}`} WHERE kind = 'done'`,
    );
    await run(harness, alice, inc.channelId, 'export');
    await harness.settle();
    const { markdown, json } = await exported(inc.channelId);
    const text = `${markdown}\n${JSON.stringify(json)}`;
    expect(json?.actions[0]?.closeNote).toBe('verified with [REDACTED]');
    for (const secret of allFakeSecrets) expect(text).not.toContain(secret);
    expect(markdown).toContain('[REDACTED]');
  });

  it('numbers each export of an incident in its file names', async () => {
    const inc = await declared(harness, database, 'declare sev3 Slow search');
    await harness.emulator.userJoins({ userId: bob, channelId: inc.channelId });
    await run(harness, alice, inc.channelId, 'export');
    await harness.settle();
    await run(harness, bob, inc.channelId, 'export');
    await harness.settle();
    const names = (await exported(inc.channelId)).files.map((f) => f.name).sort();
    expect(names).toEqual([
      'inc-1-evidence-1.json',
      'inc-1-evidence-1.md',
      'inc-1-evidence-2.json',
      'inc-1-evidence-2.md',
    ]);
    const second = JSON.parse(
      harness.emulator.workspace.files(inc.channelId).find((f) => f.name === 'inc-1-evidence-2.json')!.content,
    ) as EvidenceJson;
    expect(second.generatedBy.id).toBe(bob);
  });

  it('shares the bundle once when the answer to the upload is lost and the effect is retried', async () => {
    const inc = await declared(harness, database, 'declare sev3 Slow search');
    harness.emulator.faults.add('files.completeUploadExternal', { kind: 'lost' });
    const looked = harness.emulator.callsTo('conversations.history').length;
    await run(harness, alice, inc.channelId, 'export');
    await harness.settle();
    const shared = harness.emulator.workspace.messages(inc.channelId).filter((m) => m.files?.length);
    expect(shared).toHaveLength(1);
    expect(shared[0]?.files?.map((f) => f.name)).toEqual(['inc-1-evidence-1.md', 'inc-1-evidence-1.json']);
    expect(harness.emulator.callsTo('files.completeUploadExternal')).toHaveLength(1);
    // The retry looked for its upload before uploading again.
    expect(harness.emulator.callsTo('conversations.history').length).toBeGreaterThan(looked);
  });

  it('outside an incident channel says where to run it and uploads nothing', async () => {
    await declared(harness, database, 'declare sev3 Slow search');
    expect(await run(harness, alice, general, 'export')).toMatch(/Run this in an incident channel/);
    await harness.settle();
    expect(harness.emulator.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });

  it('says it takes nothing after it, and queues nothing', async () => {
    const inc = await declared(harness, database, 'declare sev3 Slow search');
    expect(await run(harness, alice, inc.channelId, 'export everything')).toMatch(/takes nothing after it/);
    await harness.settle();
    expect(harness.emulator.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });

  it('refuses a non-member of a private incident, using its channel, and uploads nothing', async () => {
    const { emulator } = harness;
    await emulator.slashCommand({ userId: alice, channelId: general, text: '' });
    const form = await openView(harness, alice, ids.views.declare);
    await emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { title: 'Vault breach', severity: 'sev1', private: ['private'] },
    });
    await harness.settle();
    const secret = await findIncidentByNumber(database.db, { teamId: emulator.teamId, number: 1 });
    const channelId = secret?.channelId as string;
    expect(emulator.workspace.channel(channelId)?.members).not.toContain(bob);
    const reply = await emulator.craftedCommand({ userId: bob, channelId, text: 'export' });
    expect((reply.json as { text?: string }).text).toMatch(/Run this in an incident channel/);
    await harness.settle();
    expect(emulator.callsTo('files.completeUploadExternal')).toHaveLength(0);
    const entries = await listTimeline(database.db, { teamId: emulator.teamId, incidentId: secret?.id as number });
    expect(entries.some((e) => e.kind === 'evidence_exported')).toBe(false);
    // A member gets it.
    expect(await run(harness, alice, channelId, 'export')).toMatch(/Preparing the evidence bundle/);
    await harness.settle();
    expect((await exported(channelId)).json?.incident.private).toBe(true);
  });
});
