import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { businessDaysBetween, postmortemDueDate } from '../../src/postmortems/business-days.ts';
import {
  findPostmortem,
  findVersion,
  type HumanSectionId,
  type HumanSections,
  humanSectionIds,
  listSectionEdits,
  listVersions,
  type Postmortem,
} from '../../src/postmortems/index.ts';
import { writtenMarkdown } from '../../src/postmortems/postmortem-model.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { fakeSecrets } from '../support/fake-secrets.ts';
import type { Harness } from '../support/harness.ts';
import {
  alice,
  bob,
  carol,
  declared,
  general,
  incident,
  openView,
  resolveThroughForm,
  run,
} from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

type Declared = Awaited<ReturnType<typeof declared>>;

async function resolved(text = 'declare sev1 Checkout errors spiking'): Promise<Declared> {
  const inc = await declared(harness, database, text);
  await run(harness, alice, inc.channelId, 'note decision: roll back payments-api to v41');
  await run(harness, alice, inc.channelId, 'milestone detected 11:50');
  await resolveThroughForm(harness, alice, inc.channelId, {
    severity: 'sev1',
    change_induced: 'yes',
    change: 'Deploy 42 of payments-api',
    impact: 'EU card payments failed',
  });
  return inc;
}

async function postmortemOf(inc: Declared): Promise<Postmortem> {
  const postmortem = await findPostmortem(database.db, { teamId: inc.teamId, incidentId: inc.id });
  if (!postmortem) throw new Error('no postmortem');
  return postmortem;
}

async function latestMarkdown(inc: Declared): Promise<string> {
  const postmortem = await postmortemOf(inc);
  const version = await findVersion(database.db, {
    teamId: inc.teamId,
    postmortemId: postmortem.id,
    version: postmortem.version,
  });
  return version?.markdown ?? '';
}

function postmortemMessageTs(inc: Declared): string {
  const message = harness.emulator.workspace
    .messages(inc.channelId)
    .find((m: { text?: string }) => /Postmortem for INC-/.test(m.text ?? ''));
  if (!message) throw new Error('no postmortem message');
  return message.ts;
}

const click = (userId: string, inc: Declared, actionId: string) =>
  harness.emulator.clickButton({
    userId,
    channelId: inc.channelId,
    messageTs: postmortemMessageTs(inc),
    actionId,
    value: String(inc.id),
  });

describe('postmortems', () => {
  it('drafts on resolve from the record, with the card line and the four buttons', async () => {
    const inc = await resolved();
    const postmortem = await postmortemOf(inc);
    expect(postmortem).toMatchObject({ status: 'draft', ownerId: alice });
    // Five business days after resolution, in the configured time zone (UTC), weekends skipped.
    const resolvedAt = (await incident(harness, database, 1)).resolvedAt as Date;
    const due = postmortemDueDate(resolvedAt, 5, {
      timezone: 'UTC',
      businessDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: [],
    });
    expect(postmortem.dueDate).toBe(due.date);
    expect(
      businessDaysBetween(resolvedAt.toISOString().slice(0, 10), due.date, {
        timezone: 'UTC',
        businessDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        holidays: [],
      }),
    ).toBe(5);
    const markdown = await latestMarkdown(inc);
    for (const heading of [
      '## Summary',
      '## Customer impact and duration',
      '## Detection',
      '## Response metrics',
      '## Key timeline',
      '## Trigger',
      '## Contributing factors',
      '## What went well',
      '## What went poorly',
      '## Where we got lucky',
      '## Related incidents',
      '## Corrective actions',
      '## Participants',
    ])
      expect(markdown).toContain(heading);
    expect(markdown).toContain('EU card payments failed');
    expect(markdown).toContain('Change-induced: Deploy 42 of payments-api.');
    expect(markdown).toContain('roll back payments-api to v41');
    expect(markdown).toMatch(/Time to acknowledge \| unknown — set the \*acknowledged\* milestone/);
    const message = harness.emulator.workspace
      .messages(inc.channelId)
      .find((m: { text?: string }) => /Postmortem for INC-1/.test(m.text ?? ''));
    expect(message?.text).toContain(`draft · due ${postmortem.dueDate} · owner <@U0ALICE>`);
    const rendered = harness.emulator.render(inc.channelId);
    expect(rendered).toMatch(/\[Write up\] \[Regenerate\] \[Request review\] \[Publish\]/);
    expect(rendered).toContain(`Postmortem: draft · due ${postmortem.dueDate} · owner @alice`);
    const kinds = (await listTimeline(database.db, { teamId: inc.teamId, incidentId: inc.id })).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'postmortem_drafted')).toHaveLength(1);
  });

  it('keeps what people wrote across regenerations, flags blame and versions every change', async () => {
    const inc = await resolved();
    await click(bob, inc, 'postmortem.write_up');
    const form = await openView(harness, bob, 'postmortem_write_up');
    const written = {
      summary: 'Card payments failed for 40 minutes after a config change.',
      contributing_factors: '[x] The config check does not cover currency tables\nBob failed to check the config',
      went_well: 'The rollback took two minutes.',
    };
    const saved = await harness.emulator.submitView({ userId: bob, viewId: form.id, values: written });
    expect(saved.outcome).toBe('updated');
    expect(harness.emulator.renderView(form.id)).toMatch(/failed to/);
    await harness.settle();
    let markdown = await latestMarkdown(inc);
    expect(markdown).toContain(written.summary);
    expect(markdown).toContain('**Validated:** The config check does not cover currency tables');
    expect(markdown).toContain('_Not yet validated:_ Bob failed to check the config');

    // The record changes; regenerating keeps every written word.
    await run(harness, alice, inc.channelId, 'note observation: error rate back under 0.1%');
    await click(alice, inc, 'postmortem.regenerate');
    await harness.settle();
    markdown = await latestMarkdown(inc);
    expect(markdown).toContain('error rate back under 0.1%');
    expect(markdown).toContain(written.summary);
    expect(markdown).toContain('The rollback took two minutes.');

    const postmortem = await postmortemOf(inc);
    const edits = await listSectionEdits(database.db, { teamId: inc.teamId, postmortemId: postmortem.id });
    expect(edits.map((e) => [e.section, e.previousText, e.editedBy])).toEqual([
      ['summary', '', bob],
      ['contributing_factors', '', bob],
      ['went_well', '', bob],
    ]);
    // Nothing new in the record: a second regenerate makes no version.
    const before = (await postmortemOf(inc)).version;
    await click(alice, inc, 'postmortem.regenerate');
    await harness.settle();
    expect((await postmortemOf(inc)).version).toBe(before);
  });

  it('keeps random written text through any sequence of write-ups, notes and regenerates done in Slack', async () => {
    const inc = await resolved();
    const line = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,:;!?#*_()&'"-]{0,40}$/);
    const text = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
    const written = fc.record(
      Object.fromEntries(humanSectionIds.map((id) => [id, text])) as Record<HumanSectionId, fc.Arbitrary<string>>,
    );
    const step = fc.oneof(
      written.map((sections) => ({ kind: 'write' as const, sections })),
      line.map((note) => ({ kind: 'note' as const, note })),
      fc.constant({ kind: 'regenerate' as const }),
    );
    let expected: HumanSections = {};
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'write') {
            await click(bob, inc, 'postmortem.write_up');
            const form = await openView(harness, bob, 'postmortem_write_up');
            await harness.emulator.submitView({ userId: bob, viewId: form.id, values: s.sections });
            expected = Object.fromEntries(humanSectionIds.map((id) => [id, s.sections[id].trim()]));
          } else if (s.kind === 'note') await run(harness, alice, inc.channelId, `note ${s.note}`);
          else await click(alice, inc, 'postmortem.regenerate');
          await harness.settle();
        }
        expect((await postmortemOf(inc)).human).toEqual(expected);
        const canvas = harness.emulator.renderCanvas(inc.channelId);
        for (const id of ['summary', 'went_well', 'went_poorly', 'lucky'] as const)
          if (expected[id]) expect(canvas).toContain(writtenMarkdown(expected[id] as string));
      }),
      { numRuns: 4 },
    );
  }, 120_000);

  it('two people pressing Regenerate at once make one new version', async () => {
    const inc = await resolved();
    await run(harness, alice, inc.channelId, 'note observation: queue drained');
    const before = (await postmortemOf(inc)).version;
    await Promise.all([click(alice, inc, 'postmortem.regenerate'), click(bob, inc, 'postmortem.regenerate')]);
    await harness.settle();
    expect((await postmortemOf(inc)).version).toBe(before + 1);
  });

  it('goes through review to publication; flagged phrases need an audited reason', async () => {
    const inc = await resolved();
    await click(alice, inc, 'postmortem.write_up');
    const form = await openView(harness, alice, 'postmortem_write_up');
    await harness.emulator.submitView({
      userId: alice,
      viewId: form.id,
      values: { summary: 'It was human error.' },
    });
    await click(alice, inc, 'postmortem.request_review');
    const review = await openView(harness, alice, 'postmortem_review');
    await harness.emulator.submitView({ userId: alice, viewId: review.id, values: { reviewers: [bob] } });
    await harness.settle();
    expect((await postmortemOf(inc)).status).toBe('in_review');
    const dm = harness.emulator.workspace.channelByName('@bob');
    expect(dm && harness.emulator.workspace.messages(dm.id).at(-1)?.text).toMatch(
      /asks you to review the postmortem of INC-1/,
    );

    // Carol neither owns nor reviews it.
    await click(carol, inc, 'postmortem.publish');
    await harness.settle();
    expect((await postmortemOf(inc)).status).toBe('in_review');

    await click(bob, inc, 'postmortem.publish');
    const reason = await openView(harness, bob, 'postmortem_publish');
    expect(harness.emulator.renderView(reason.id)).toMatch(/human error/);
    await harness.emulator.submitView({
      userId: bob,
      viewId: reason.id,
      values: { reason: 'Quoting the customer report verbatim' },
    });
    await harness.settle();
    const published = await postmortemOf(inc);
    expect(published).toMatchObject({ status: 'published', publishedBy: bob, publishedOnTime: true });
    expect(published.publishedVersion).toBe(published.version);
    const audit = await listAudit(database.db, { teamId: inc.teamId, incidentId: inc.id });
    expect(audit.find((a) => a.action === 'postmortem.published')?.after).toMatchObject({
      reason: 'Quoting the customer report verbatim',
    });
    await eventually(() => {
      const files = harness.emulator.workspace.messages(inc.channelId).flatMap((m) => m.files ?? []);
      return files.some((f) => f.name === `inc-1-postmortem-v${published.version}.md`);
    });

    // A later write-up starts a new draft version; the published one stays as it was.
    await click(alice, inc, 'postmortem.write_up');
    const again = await openView(harness, alice, 'postmortem_write_up');
    await harness.emulator.submitView({
      userId: alice,
      viewId: again.id,
      values: { summary: 'Card payments failed after a config change.' },
    });
    await harness.settle();
    const redraft = await postmortemOf(inc);
    expect(redraft).toMatchObject({ status: 'draft', publishedVersion: published.version });
    expect(redraft.version).toBe(published.version + 1);
    const versions = await listVersions(database.db, { teamId: inc.teamId, postmortemId: redraft.id });
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: redraft.version }, (_, i) => redraft.version - i),
    );
    expect(await run(harness, alice, inc.channelId, 'postmortem versions')).toMatch(/_published_/);
  });

  it('takes a pasted secret out of a write-up before storing it, and tells the writer', async () => {
    const inc = await resolved();
    await click(bob, inc, 'postmortem.write_up');
    const form = await openView(harness, bob, 'postmortem_write_up');
    await harness.emulator.submitView({
      userId: bob,
      viewId: form.id,
      values: { went_poorly: `The runbook pasted a token: ${fakeSecrets.githubPat}` },
    });
    await harness.settle();
    const postmortem = await postmortemOf(inc);
    expect(postmortem.human.went_poorly).toBe('The runbook pasted a token: [REDACTED]');
    expect(await latestMarkdown(inc)).not.toContain(fakeSecrets.githubPat);
    expect(JSON.stringify(harness.emulator.calls)).not.toContain(fakeSecrets.githubPat);
    const notices = harness.emulator
      .callsTo('chat.postEphemeral')
      .filter((c) => /removed something that looked like a secret/.test(String(c.args.text)));
    expect(notices).toHaveLength(1);
  });

  it('/incident postmortem creates one for any incident, from anywhere, and changes its owner', async () => {
    const inc = await declared(harness, database, 'declare sev3 Slow admin page');
    expect(await run(harness, bob, general, 'postmortem INC-1')).toMatch(/Postmortem drafted for INC-1/);
    expect(await run(harness, bob, general, 'postmortem INC-1')).toMatch(/Postmortem for INC-1: draft/);
    expect(await run(harness, alice, inc.channelId, 'postmortem owner <@U0CAROL>')).toMatch(/now owns/);
    expect((await postmortemOf(inc)).ownerId).toBe(carol);
    expect(await run(harness, alice, inc.channelId, 'postmortem export 9')).toMatch(/there is no version 9/);
    expect(await run(harness, alice, inc.channelId, 'postmortem frobnicate')).toMatch(/Use `\/incident postmortem`/);
  });
});
