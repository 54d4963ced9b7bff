import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { findIncidentById, listIncidents } from '../../src/incidents/index.ts';
import { foldTimeline, listTimeline } from '../../src/timeline/index.ts';
import { wallClock as wallClockForTest } from '../../src/timeline/time-spec.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

const alice = 'U0ALICE';
const bob = 'U0BOB';

async function declare(title = 'Checkout errors') {
  const { emulator } = harness;
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: `declare sev2 ${title}` });
  await harness.settle();
  const incidents = await listIncidents(database.db, { teamId: emulator.teamId });
  const incident = incidents.at(-1)!;
  return { incident, channelId: incident.channelId! };
}

async function items(incidentId: number) {
  return foldTimeline(await listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId }));
}

async function settledItems(incidentId: number) {
  await harness.settle();
  return items(incidentId);
}

async function entries(incidentId: number) {
  return listTimeline(database.db, { teamId: harness.emulator.teamId, incidentId });
}

describe('capturing an incident channel', () => {
  it('records messages, thread replies, file shares, edits, deletes and joins; ignores bots and other channels', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    await emulator.userJoins({ userId: bob, channelId });
    const first = await emulator.userSays({
      userId: alice,
      channelId,
      text: 'Errors started at 13:50, <@U0BOB> can you look?',
    });
    const reply = await emulator.userSays({ userId: bob, channelId, text: 'on it', threadTs: first.ts });
    await emulator.userEdits({ userId: bob, channelId, ts: reply.ts, text: 'on it, checking payments-api' });
    const oops = await emulator.userSays({ userId: alice, channelId, text: 'wrong channel' });
    await emulator.userDeletes({ userId: alice, channelId, ts: oops.ts });
    await emulator.event({
      type: 'message',
      subtype: 'file_share',
      channel: channelId,
      channel_type: 'channel',
      user: bob,
      ts: '1700000000.000100',
      text: '',
      files: [
        { id: 'F1', name: 'graph.png', filetype: 'png', permalink: 'https://x.slack.com/files/U0BOB/F1/graph.png' },
      ],
    });
    await emulator.event({
      type: 'message',
      subtype: 'bot_message',
      channel: channelId,
      bot_id: 'B0OTHER',
      ts: '1700000001.000100',
      text: 'deploy bot says hi',
    });
    await emulator.event({
      type: 'member_left_channel',
      user: bob,
      channel: channelId,
      channel_type: 'C',
      event_ts: '1700000002.000100',
    });
    await emulator.userSays({ userId: alice, channelId: 'C0INCIDENTS', text: 'not an incident channel' });
    await harness.settle();

    const all = await items(incident.id);
    const messages = all.filter((i) => i.kind === 'message');
    expect(messages.map((m) => m.text)).toEqual([
      'Errors started at 13:50, <@U0BOB> can you look?',
      'on it, checking payments-api',
      'wrong channel',
    ]);
    const edited = messages[1]!;
    expect(edited.previousTexts).toEqual(['on it']);
    expect(edited.threadTs).toBe(first.ts);
    expect(messages[2]?.deleted).toBe(true);
    const stored = await entries(incident.id);
    expect(stored.find((e) => e.sourceKey === `msg:${channelId}:${first.ts}`)?.data.mentions).toEqual([bob]);
    expect(all.find((i) => i.kind === 'file_shared')?.files).toEqual([
      { name: 'graph.png', filetype: 'png', permalink: 'https://x.slack.com/files/U0BOB/F1/graph.png' },
    ]);
    expect(all.filter((i) => i.kind === 'joined' || i.kind === 'left').map((i) => `${i.kind}:${i.actorId}`)).toEqual([
      'left:U0BOB',
      'joined:U0BOB',
    ]);
    expect(stored.some((e) => e.text.includes('deploy bot') || e.text.includes('not an incident channel'))).toBe(false);
  });

  it('keeps exactly one entry per event across retries, replicas and shortcuts, in Slack ts order', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    const late = {
      type: 'message',
      channel: channelId,
      channel_type: 'channel',
      user: alice,
      ts: '1700000300.000001',
      text: 'third',
    };
    const early = {
      type: 'message',
      channel: channelId,
      channel_type: 'channel',
      user: alice,
      ts: '1700000100.000001',
      text: 'first',
    };
    await emulator.event(late, { eventId: 'EvLATE' });
    await emulator.event(late, { eventId: 'EvLATE', retryNum: 1, retryReason: 'http_timeout' });
    await emulator.event(early, { eventId: 'EvEARLY' });
    const replica = await harness.startReplica();
    const primaryUrl = emulator.appUrl;
    emulator.appUrl = replica.url;
    await emulator.event(late, { eventId: 'EvLATE', retryNum: 2 });
    // Slack can deliver one message twice under different event ids to different processes.
    await emulator.event({ ...early }, { eventId: 'EvEARLY-again' });
    emulator.appUrl = primaryUrl;
    const middle = await emulator.userSays({ userId: alice, channelId, text: 'second, also via shortcut' });
    await emulator.messageShortcut({ userId: alice, channelId, messageTs: middle.ts, callbackId: 'add_to_timeline' });
    await harness.settle();
    const messages = (await entries(incident.id)).filter((e) => e.kind === 'message');
    expect(messages.map((m) => m.text)).toEqual(['first', 'third', 'second, also via shortcut']);
    const folded = (await items(incident.id)).filter((i) => i.kind === 'message');
    expect(folded.find((i) => i.ts === middle.ts)?.key).toBe(true);
  });

  it('does not lose an edit that arrives before its message', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    const ts = '1700000500.000001';
    await emulator.event({
      type: 'message',
      subtype: 'message_changed',
      channel: channelId,
      channel_type: 'channel',
      ts: '1700000600.000001',
      event_ts: '1700000600.000001',
      message: {
        type: 'message',
        user: alice,
        ts,
        text: 'rolled back v42',
        edited: { user: alice, ts: '1700000600.000001' },
      },
      previous_message: { type: 'message', user: alice, ts, text: 'rolling back' },
    });
    await harness.settle();
    let folded = (await items(incident.id)).filter((i) => i.ts === ts);
    expect(folded.map((i) => [i.text, i.previousTexts])).toEqual([['rolled back v42', ['rolling back']]]);
    await emulator.event({
      type: 'message',
      channel: channelId,
      channel_type: 'channel',
      user: alice,
      ts,
      text: 'rolling back',
    });
    await harness.settle();
    folded = (await items(incident.id)).filter((i) => i.ts === ts);
    expect(folded.map((i) => [i.text, i.previousTexts, i.occurredAt.toISOString()])).toEqual([
      ['rolled back v42', ['rolling back'], new Date(1700000500000).toISOString()],
    ]);
  });
});

describe('key moments', () => {
  it('flags with a pushpin reaction or a pin and unflags when removed', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    const said = await emulator.userSays({ userId: alice, channelId, text: 'root cause: expired cert' });
    await emulator.userReacts({ userId: alice, channelId, ts: said.ts, name: 'pushpin' });
    expect((await settledItems(incident.id)).find((i) => i.ts === said.ts)?.key).toBe(true);
    await emulator.userUnreacts({ userId: alice, channelId, ts: said.ts, name: 'pushpin' });
    expect((await settledItems(incident.id)).find((i) => i.ts === said.ts)?.key).toBe(false);
    const pin = {
      user: alice,
      channel_id: channelId,
      item: { type: 'message', channel: channelId, message: { ts: said.ts } },
    };
    await emulator.event({ type: 'pin_added', ...pin, event_ts: '9999999990.000001' });
    expect((await settledItems(incident.id)).find((i) => i.ts === said.ts)?.key).toBe(true);
    await emulator.event({ type: 'pin_removed', ...pin, event_ts: '9999999991.000001' });
    expect((await settledItems(incident.id)).find((i) => i.ts === said.ts)?.key).toBe(false);
  });

  it('adds a message from another channel with the shortcut; with two open incidents the user picks one', async () => {
    const { emulator } = harness;
    const { incident: first } = await declare('First');
    const { incident: second } = await declare('Second');
    const said = await emulator.userSays({
      userId: alice,
      channelId: 'C0INCIDENTS',
      text: 'customer report: <@U0BOB> saw 500s',
    });
    const opened = await emulator.messageShortcut({
      userId: alice,
      channelId: 'C0INCIDENTS',
      messageTs: said.ts,
      callbackId: 'add_to_timeline',
    });
    expect(opened.status).toBe(200);
    const view = await eventuallyView(alice, 'timeline_add_message');
    await emulator.submitView({ userId: alice, viewId: view.id, values: { incident: String(second.id) } });
    await harness.settle();
    const added = (await items(second.id)).find((i) => i.ts === said.ts);
    expect(added).toMatchObject({
      key: true,
      actorId: alice,
      channelId: 'C0INCIDENTS',
      text: 'customer report: <@U0BOB> saw 500s',
    });
    expect(added?.permalink).toContain(said.ts.replace('.', ''));
    expect((await items(first.id)).some((i) => i.ts === said.ts)).toBe(false);
  });
});

function eventuallyView(userId: string, callbackId: string) {
  return eventually(() =>
    harness.emulator.workspace
      .views(userId)
      .filter((v) => v.callback_id === callbackId && v.isOpen)
      .at(-1),
  );
}

describe('notes and milestones', () => {
  it('adds typed and back-dated notes in the incident timezone', async () => {
    await harness.stop();
    harness = await startHarness(database, {
      rateLimits: false,
      config: { ...(await startConfig()), timezone: 'America/New_York' },
    });
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    const reply = await emulator.slashCommand({
      userId: alice,
      channelId,
      text: 'note decision: roll back payments-api to v42',
    });
    expect(reply.json?.text).toMatch(/Noted as \*decision\*/);
    await emulator.slashCommand({
      userId: alice,
      channelId,
      text: 'note at yesterday 23:50 hypothesis: cert expired <!channel>',
    });
    await emulator.slashCommand({ userId: alice, channelId, text: 'note 2020-01-15T09:30 first alert fired' });
    const bad = await emulator.slashCommand({ userId: alice, channelId, text: 'note at 25:99 nope' });
    expect(bad.json?.text).toMatch(/Give the time as `14:05`/);
    const notes = (await items(incident.id)).filter((i) => i.kind === 'note');
    expect(notes.map((n) => [n.noteType ?? '', n.text])).toEqual([
      ['', 'first alert fired'],
      ['hypothesis', 'cert expired <!channel>'],
      ['decision', 'roll back payments-api to v42'],
    ]);
    expect(notes[0]?.occurredAt.toISOString()).toBe('2020-01-15T14:30:00.000Z');
    const yesterday = wallClockForTest(notes[1]!.occurredAt, 'America/New_York');
    const today = wallClockForTest(new Date(), 'America/New_York');
    expect([yesterday.hour, yesterday.minute]).toEqual([23, 50]);
    expect(
      Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(yesterday.year, yesterday.month - 1, yesterday.day),
    ).toBe(86_400_000);
    // The confirmation echoes the note escaped: <!channel> cannot ping anyone.
    expect(
      emulator.workspace
        .responses()
        .map((r) => r.text ?? '')
        .join('\n'),
    ).not.toContain('<!channel>');
  });

  it('sets and corrects milestones from the command and the card, audited and mirrored on the incident', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    await emulator.slashCommand({ userId: alice, channelId, text: 'milestone started 2020-01-15T13:52Z' });
    await emulator.slashCommand({ userId: alice, channelId, text: 'milestone started 2020-01-15T13:40Z' });
    const unknown = await emulator.slashCommand({ userId: alice, channelId, text: 'milestone finished 13:00' });
    expect(unknown.json?.text).toMatch(/not a milestone/);
    await harness.settle();
    expect(
      (await findIncidentById(database.db, { teamId: emulator.teamId, id: incident.id }))?.startedAt?.toISOString(),
    ).toBe('2020-01-15T13:40:00.000Z');
    const audit = (await listAudit(database.db, { teamId: emulator.teamId, incidentId: incident.id })).filter(
      (a) => a.action === 'milestone.set',
    );
    expect(audit.map((a) => [a.actorId, a.before, a.after])).toEqual([
      [alice, { name: 'started', at: null }, { name: 'started', at: '2020-01-15T13:52:00.000Z' }],
      [alice, { name: 'started', at: '2020-01-15T13:52:00.000Z' }, { name: 'started', at: '2020-01-15T13:40:00.000Z' }],
    ]);
    const card = emulator.workspace.messages(channelId)[0]!;
    expect(JSON.stringify(card.blocks)).toContain('<!date^1579095600^');

    await emulator.clickButton({ userId: alice, channelId, messageTs: card.ts, actionId: 'incident_card.milestones' });
    const form = await eventuallyView(alice, 'timeline_milestones');
    await emulator.submitView({ userId: alice, viewId: form.id, values: { mitigated: 1579100000 } });
    await harness.settle();
    const milestones = (await items(incident.id)).filter((i) => i.kind === 'milestone').map((i) => i.text);
    expect(milestones).toEqual(['started (corrected)', 'started', 'mitigated']);

    await emulator.clickButton({ userId: alice, channelId, messageTs: card.ts, actionId: 'incident_card.note' });
    const note = await eventuallyView(alice, 'timeline_note');
    await emulator.submitView({
      userId: alice,
      viewId: note.id,
      values: { note_text: 'paged DB team', note_type: 'action' },
    });
    await harness.settle();
    expect((await items(incident.id)).find((i) => i.kind === 'note')).toMatchObject({
      noteType: 'action',
      text: 'paged DB team',
    });
  });
});

describe('secrets', () => {
  it('stores pasted secrets redacted and says so in thread without repeating them', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    // Built at run time so no token-shaped string sits in the repository.
    const fakeToken = ['xoxb', '123456789', 'abcdefghij'].join('-');
    const secretText = `try ${fakeToken} and postgres://admin:hunter2@db:5432 and AKIAIOSFODNN7EXAMPLE`;
    const said = await emulator.userSays({ userId: alice, channelId, text: secretText });
    await emulator.event(
      { type: 'message', channel: channelId, channel_type: 'channel', user: alice, ts: said.ts, text: secretText },
      { eventId: 'EvDupSecret' },
    );
    await harness.settle();
    const stored = await entries(incident.id);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(fakeToken);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(stored.find((e) => e.kind === 'message')?.text).toBe(
      'try [REDACTED] and postgres://admin:[REDACTED]@db:5432 and [REDACTED]',
    );
    expect(stored.filter((e) => e.kind === 'secret_redacted')).toHaveLength(1);
    const notices = emulator.workspace.replies(channelId, said.ts);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toMatch(/secrets removed \(slack token, aws access key, url password\)/);
    expect(notices[0]?.text).not.toContain('hunter2');
  });
});

describe('/incident timeline', () => {
  it('shows key moments and counts, pages with Next/Previous, and exports Markdown and CSV', async () => {
    const { emulator } = harness;
    const { incident, channelId } = await declare();
    for (let i = 1; i <= 23; i++)
      await emulator.slashCommand({ userId: alice, channelId, text: `note observation: step ${i} for <@U0BOB>` });
    await emulator.userSays({ userId: alice, channelId, text: 'plain chatter' });
    await harness.settle();
    await emulator.slashCommand({ userId: alice, channelId, text: 'timeline' });
    const view = await eventuallyView(alice, 'timeline_view');
    const first = emulator.renderView(view.id);
    expect(first).toContain('Key moments 1–20 of 24');
    expect(first).toMatch(/observation: 23/);
    expect(first).toContain('@bob');
    expect(first).not.toContain('plain chatter');
    await emulator.clickViewButton({ userId: alice, viewId: view.id, actionId: 'timeline.next' });
    await harness.settle();
    const second = emulator.renderView(view.id);
    expect(second).toContain('Key moments 21–24 of 24');
    expect(second).toContain('Previous');
    await emulator.clickViewButton({ userId: alice, viewId: view.id, actionId: 'timeline.export' });
    await harness.settle();
    const files = emulator.workspace.files(channelId);
    expect(files.map((f) => f.name).sort()).toEqual(['inc-1-timeline-export-1.csv', 'inc-1-timeline-export-1.md']);
    const markdown = files.find((f) => f.name.endsWith('.md'))!.content;
    expect(markdown).toContain('# INC-1 timeline: Checkout errors');
    expect(markdown).toContain('step 23 for @bob');
    expect(markdown).toContain('plain chatter');
    const csv = files.find((f) => f.name.endsWith('.csv'))!.content;
    expect(csv.split('\n')[0]).toBe(
      'occurred_at_utc,kind,type,what,actor_id,actor,text,key,deleted,edited,thread_ts,slack_ts,files',
    );
    expect(emulator.callsTo('files.getUploadURLExternal')).toHaveLength(2);
    expect((await entries(incident.id)).filter((e) => e.kind === 'timeline_exported')).toHaveLength(1);
    // The announced count is the number of entries in the files, the export's own entry included.
    const announced = emulator.workspace.messages(channelId).find((m) => m.files?.length)!;
    const inMarkdown = markdown.split('\n').filter((line) => line.startsWith('- **')).length;
    expect(markdown).toContain('_timeline exported_ · alice: Timeline exported as Markdown and CSV');
    expect(announced.text).toContain(`timeline export (${inMarkdown} entries)`);
    expect(csv.trim().split('\n')).toHaveLength(inMarkdown + 1);
  });

  it('numbers each export of an incident in its file names', async () => {
    const { emulator } = harness;
    const { channelId } = await declare();
    await emulator.slashCommand({ userId: alice, channelId, text: 'timeline' });
    const view = await eventuallyView(alice, 'timeline_view');
    await emulator.clickViewButton({ userId: alice, viewId: view.id, actionId: 'timeline.export' });
    await harness.settle();
    await emulator.clickViewButton({ userId: alice, viewId: view.id, actionId: 'timeline.export' });
    await harness.settle();
    expect(
      emulator.workspace
        .files(channelId)
        .map((f) => f.name)
        .filter((name) => name.endsWith('.md'))
        .sort(),
    ).toEqual(['inc-1-timeline-export-1.md', 'inc-1-timeline-export-2.md']);
  });
});

async function startConfig() {
  const { loadConfig } = await import('../../src/config/load-config.ts');
  return loadConfig(undefined);
}
