import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { alice, general, incident, run } from '../support/lifecycle.ts';
import { manualClock } from '../support/services.ts';

// Everything Firebreak said about the incident carries this word; after the move it may appear only
// in the new private channel (and in what people typed themselves, which Slack lets no app delete).
const marker = 'QUOKKA7731';

let database: TestDatabase;
let harness: Harness;
useTestDatabase((created) => {
  database = created;
});
beforeEach(async () => {
  const base = await loadConfig(undefined);
  const config = {
    ...base,
    channels: { ...base.channels, stakeholders: { sev1: ['#incidents', '#exec-updates'], sev0: ['#exec-updates'] } },
  };
  harness = await startHarness(database, { config, clock: manualClock(new Date()) });
  harness.emulator.workspace.addChannel({ name: 'exec-updates', members: ['U0DAVE'] });
});
afterEach(async () => {
  await harness?.stop();
});

const update = {
  status: `${marker} keys rotated`,
  impact: `${marker} vault readable`,
  actions: 'Rotating every key',
  eta: 'Within the hour',
  confidence: 'medium',
};

/** A public SEV1 that has posted everywhere Firebreak posts: channel, announcement thread, stakeholders, source thread, files. */
async function publicIncidentThatSpoke() {
  const { emulator } = harness;
  const said = await emulator.userSays({
    userId: 'U0BOB',
    channelId: general,
    text: `${marker} vault breach suspected`,
  });
  await emulator.messageShortcut({
    userId: alice,
    channelId: general,
    messageTs: said.ts,
    callbackId: 'declare_from_message',
  });
  const declareForm = await eventually(() =>
    emulator.workspace.views(alice).find((v) => v.callback_id === 'declare_incident' && v.isOpen),
  );
  await emulator.submitView({ userId: alice, viewId: declareForm.id, values: { severity: 'sev1' } });
  await harness.settle();
  const declared = await incident(harness, database, 1);
  const channelId = declared.channelId as string;

  await run(harness, alice, channelId, `sev sev0 ${marker} keys exfiltrated`);
  await emulator.slashCommand({ userId: alice, channelId, text: 'update' });
  const updateForm = await eventually(() =>
    emulator.workspace.views(alice).find((v) => v.callback_id === 'stakeholder_update' && v.isOpen),
  );
  await emulator.submitView({ userId: alice, viewId: updateForm.id, values: update });
  await emulator.slashCommand({ userId: alice, channelId, text: 'timeline' });
  const timelineView = await eventually(() =>
    emulator.workspace.views(alice).find((v) => v.callback_id === 'timeline_view' && v.isOpen),
  );
  await emulator.clickViewButton({ userId: alice, viewId: timelineView.id, actionId: 'timeline.export' });
  await emulator.userSays({ userId: alice, channelId, text: `${marker}: people's own words stay` });
  await harness.settle();

  // Firebreak did speak in every shared place before the move.
  const botText = (channel: string) => botMessages(channel).join('\n');
  expect(botText('C0INCIDENTS')).toContain(marker);
  expect(botText(emulator.workspace.channelByName('exec-updates')!.id)).toContain(marker);
  expect(emulator.workspace.replies(general, said.ts).some((m) => m.user === emulator.botUserId)).toBe(true);
  expect(emulator.workspace.files(channelId)).toHaveLength(2);
  return { channelId, sourceTs: said.ts };
}

function botMessages(channel: string, threads = true): string[] {
  const { workspace, botUserId } = harness.emulator;
  const top = workspace.messages(channel);
  const all = threads ? top.flatMap((m) => [m, ...workspace.replies(channel, m.ts).filter((r) => r.ts !== m.ts)]) : top;
  return all
    .filter((m) => m.user === botUserId)
    .map((m) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])} ${JSON.stringify(m.files ?? [])}`);
}

describe('moving a public incident private', () => {
  it('removes everything Firebreak posted outside the new private channel and says so there', async () => {
    const { emulator } = harness;
    const { channelId: oldChannelId } = await publicIncidentThatSpoke();

    expect(await run(harness, alice, oldChannelId, 'private')).toMatch(/INC-1 is becoming private/);
    await harness.settle();
    const moved = await incident(harness, database, 1);
    const privateChannel = moved.channelId as string;

    for (const channel of emulator.workspace.channels()) {
      if (channel.id === privateChannel) continue;
      for (const text of botMessages(channel.id))
        expect(text, `bot message left in #${channel.name}`).not.toContain(marker);
    }
    // Old channel: only the pointer is left of Firebreak's messages, the topic names nothing, and it is archived.
    const old = emulator.workspace.channel(oldChannelId)!;
    expect(botMessages(oldChannelId).map((m) => m.split(' ')[0])).toEqual([':lock:']);
    expect(old.topic.value).toBe('INC-1 moved to a private channel.');
    expect(old.is_archived).toBe(true);
    // The exports are gone, the announcement is the redacted line, people's own words are untouched.
    expect(emulator.workspace.files()).toEqual([]);
    expect(botMessages('C0INCIDENTS', false).map((m) => m.split(' ').slice(0, 3).join(' '))).toEqual([
      ':lock: INC-1 is',
    ]);
    expect(emulator.workspace.messages(oldChannelId).some((m) => m.text === `${marker}: people's own words stay`)).toBe(
      true,
    );

    const report = emulator.workspace.messages(privateChannel).find((m) => m.text?.startsWith(':broom:'));
    expect(report?.text).toMatch(
      /removed \d+ messages and 2 uploaded files it had posted outside this channel and cleared the old channel's topic\./,
    );
    expect(report?.text).not.toContain('could not remove');
    expect(report?.text).toContain('Messages people wrote in the old channel stay there');
    const cleanup = (await listTimeline(database.db, { teamId: emulator.teamId, incidentId: moved.id })).filter(
      (e) => e.kind === 'private_cleanup',
    );
    expect(cleanup).toHaveLength(1);
  });

  it('reports what Slack refused to delete, and archives the old channel after the removals', async () => {
    const { emulator } = harness;
    const { channelId: oldChannelId } = await publicIncidentThatSpoke();
    emulator.faults.add('chat.delete', { kind: 'refuse', error: 'cant_delete_message' });
    emulator.faults.add('files.delete', { kind: 'refuse', error: 'cant_delete_file' });

    await run(harness, alice, oldChannelId, 'private');
    await harness.settle();
    const moved = await incident(harness, database, 1);
    const report = emulator.workspace.messages(moved.channelId as string).find((m) => m.text?.startsWith(':broom:'));
    expect(report?.text).toMatch(/and 1 uploaded file it had posted/);
    expect(report?.text).toMatch(
      /\*It could not remove:\*\n• a message in <#C\w+>: Slack refused to delete it; delete it by hand\n• an uploaded file: Slack refused to delete it; delete it by hand/,
    );
    expect(emulator.workspace.files()).toHaveLength(1);
    expect(emulator.workspace.channel(oldChannelId)?.is_archived).toBe(true);
    // The archive came after every deletion (an archived channel cannot be edited).
    const calls = emulator.calls.map((c) => c.method);
    expect(calls.lastIndexOf('chat.delete')).toBeLessThan(calls.indexOf('conversations.archive'));
  });
});
