import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishPostmortem } from '../../src/postmortems/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { alice, bob, channelText, declared, general, incident, run, submitForm } from '../support/lifecycle.ts';
import { manualClock } from '../support/services.ts';

let database: TestDatabase;
let harness: Harness;
const clock = manualClock(new Date());
useTestDatabase((created) => {
  database = created;
});
beforeEach(async () => {
  clock.set(new Date());
  harness = await startHarness(database, { clock });
});
afterEach(async () => {
  await harness?.stop();
});

const minute = 60_000;
const day = 24 * 60 * minute;

describe('private incidents', () => {
  it('moves a public incident to a private channel, and refuses non-members and going back', async () => {
    const inc = await declared(harness, database, 'declare sev2 Leaked customer export');
    expect(await run(harness, bob, general, 'roles INC-1')).toMatch(/Roles in INC-1/);

    expect(await run(harness, alice, inc.channelId, 'private')).toMatch(/INC-1 is becoming private/);
    await harness.settle();
    const moved = await incident(harness, database, 1);
    expect(moved.isPrivate).toBe(true);
    const privateChannel = harness.emulator.workspace.channel(moved.channelId as string);
    expect(privateChannel).toMatchObject({ is_private: true });
    expect(privateChannel?.members).toEqual(expect.arrayContaining([alice, harness.emulator.botUserId]));
    expect(harness.emulator.workspace.pins(moved.channelId as string)).toHaveLength(1);

    const old = harness.emulator.workspace.channel(inc.channelId);
    expect(old).toMatchObject({ name: 'inc-1-moved-private', is_archived: true });
    expect(channelText(harness, inc.channelId)).toMatch(/INC-1 is now private/);
    const shared = harness.emulator.workspace
      .messages('C0INCIDENTS')
      .map((m: { text?: string; blocks?: unknown }) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`)
      .join('\n');
    expect(shared).not.toMatch(/Leaked customer export/);
    expect(shared).not.toContain(alice);

    for (const command of [
      'roles INC-1',
      'status INC-1 identified',
      'sev INC-1 sev1 worse',
      'role INC-1 comms <@U0BOB|bob>',
    ]) {
      const answer = await run(harness, bob, general, command);
      expect(answer).toMatch(/There is no INC-1 that you can see/);
      expect(answer).not.toMatch(/Leaked/);
    }
    expect((await incident(harness, database, 1)).status).toBe('investigating');
    expect(await run(harness, alice, moved.channelId as string, 'public')).toMatch(/INC-1 stays private/);
    expect(await run(harness, alice, moved.channelId as string, 'private')).toMatch(/already private/);
    // A severity upgrade of a private incident is not announced anywhere shared.
    await run(harness, alice, moved.channelId as string, 'sev sev0 scope grew');
    await harness.settle();
    expect(
      harness.emulator.workspace
        .messages('C0INCIDENTS')
        .map((m: { text?: string }) => m.text ?? '')
        .join('\n'),
    ).not.toMatch(/escalated/);
    const kinds = (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id })).map(
      (e) => e.kind,
    );
    expect(kinds).toContain('made_private');
  });
});

describe('role nudges and archiving', () => {
  it('nudges once per empty role per interval, never after resolve, then warns and archives', async () => {
    const inc = await declared(harness, database, 'declare sev1 Payments down');
    const nudges = () =>
      channelText(harness, inc.channelId).match(/still has no Comms lead after 10 minutes/g)?.length ?? 0;
    clock.advance(9 * minute);
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(nudges()).toBe(0);
    clock.advance(minute);
    await harness.app.jobs.runDue();
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(nudges()).toBe(1);
    expect(channelText(harness, inc.channelId)).toMatch(/<@U0ALICE> INC-1 still has no Comms lead/);
    clock.advance(10 * minute);
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(nudges()).toBe(2);

    // Back to the real time, so card edits queued now are due for the outbox.
    clock.set(new Date());
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'resolve' });
    await submitForm(harness, alice, 'incident_resolve', { severity: 'sev1', change_induced: 'no' });
    await harness.settle();
    const resolved = await incident(harness, database, 1);
    expect(resolved.status).toBe('resolved');
    const resolvedAt = resolved.resolvedAt as Date;
    clock.advance(30 * minute);
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(nudges()).toBe(2);

    // A SEV1 needs a postmortem, which lives in the channel: it stays open until that is published.
    clock.set(new Date(resolvedAt.getTime() + 8 * day));
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(channelText(harness, inc.channelId)).not.toMatch(/will be archived tomorrow/);
    expect(harness.emulator.workspace.channel(inc.channelId)?.is_archived).toBe(false);
    const publishedAt = clock.now();
    await publishPostmortem(harness.app.deps, { teamId: inc.teamId, incidentId: inc.id, actorId: alice });
    await harness.settle();

    clock.set(new Date(publishedAt.getTime() + 6 * day + minute));
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(channelText(harness, inc.channelId)).toMatch(
      /will be archived tomorrow \(7 days after its postmortem was published\)/,
    );
    expect(harness.emulator.workspace.channel(inc.channelId)?.is_archived).toBe(false);
    clock.set(new Date(publishedAt.getTime() + 7 * day + minute));
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(harness.emulator.workspace.channel(inc.channelId)?.is_archived).toBe(true);
    const kinds = (await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId: inc.id })).map(
      (e) => e.kind,
    );
    expect(kinds).toContain('channel_archived');
  });

  it('re-opening cancels the archive', async () => {
    const inc = await declared(harness, database, 'declare sev3 Minor blip');
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'resolve' });
    await submitForm(harness, alice, 'incident_resolve', { severity: 'sev3', change_induced: 'no' });
    await harness.settle();
    await run(harness, alice, inc.channelId, 'reopen');
    await harness.settle();
    clock.advance(8 * day);
    await harness.app.jobs.runDue();
    await harness.settle();
    expect(harness.emulator.workspace.channel(inc.channelId)?.is_archived).toBe(false);
  });
});
