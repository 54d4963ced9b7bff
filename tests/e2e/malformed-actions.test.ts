import { Writable } from 'node:stream';
import type { App } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFollowUps } from '../../src/follow-ups/index.ts';
import { findIncidentByNumber } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { ids } from '../../src/slack/ids.ts';
import { registerActions } from '../../src/slack/listeners/actions/index.ts';
import { registerEvents } from '../../src/slack/listeners/events/index.ts';
import { registerShortcuts } from '../../src/slack/listeners/shortcuts/index.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { alice, bob, carol, general, openView } from '../support/lifecycle.ts';
import { listenerTarget, type ListenerTarget as Target, valueFor } from '../support/listener-targets.ts';

// Every registered button, select, shortcut and event, sent with payloads Slack would never send (or a
// forger would): each is answered in time, logged with its cause, told to the person, and stores nothing.
type LogLine = { level: number; msg: string; cause?: unknown; code?: unknown; err?: unknown };
const logLines: LogLine[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as LogLine);
      done();
    },
  }),
);

type Constraint = string | RegExp;

/** What each kind's index registers, read by registering onto a recorder instead of Bolt. */
function registered(): { actions: Constraint[]; shortcuts: string[]; events: string[] } {
  const found = { actions: [] as Constraint[], shortcuts: [] as string[], events: [] as string[] };
  const recorder = {
    action: (c: Constraint | { action_id: Constraint }) =>
      found.actions.push(typeof c === 'object' && 'action_id' in c ? c.action_id : c),
    shortcut: (c: string) => found.shortcuts.push(c),
    event: (c: string) => found.events.push(c),
  } as unknown as App;
  const services = {} as SlackServices;
  registerActions(recorder, services);
  registerShortcuts(recorder, services);
  registerEvents(recorder, services);
  return found;
}

/** A concrete action_id a constraint matches (a pattern is sampled). */
function actionIdOf(constraint: Constraint): string {
  return typeof constraint === 'string' ? constraint : fc.sample(fc.stringMatching(constraint), { seed: 3 })[0]!;
}
const constraintKey = (c: Constraint) => (typeof c === 'string' ? c : c.source);

let database: TestDatabase;
let harness: Harness;
let ours: Target;
let secret: Target;
let foreign: Target;
const otherTeam = 'T0OTHERTEAM';

async function target(number: number): Promise<Target> {
  return listenerTarget(database.db, harness.emulator.teamId, number);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Hundreds of refusals each ask Slack for a channel's members: a loaded machine must not turn one into a timeout.
  harness = await startHarness(database, { rateLimits: false, logger, slackTimeoutMs: 10_000 });
  // One at a time, so the numbers are 1 (public), 2 (private) and 3 (to become another team's).
  await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'declare sev2 Checkout slow' });
  await harness.settle();
  await harness.emulator.slashCommand({ userId: alice, channelId: general, text: '' });
  const form = await openView(harness, alice, ids.views.declare);
  await harness.emulator.submitView({
    userId: alice,
    viewId: form.id,
    values: { title: 'Vault breach', severity: 'sev1', impact: 'keys', private: ['private'] },
  });
  await harness.settle();
  await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'declare sev3 Elsewhere' });
  await harness.settle();
  for (const number of [1, 2, 3]) {
    const { id, channelId } = (await findIncidentByNumber(database.db, { teamId: harness.emulator.teamId, number }))!;
    await harness.emulator.slashCommand({ userId: alice, channelId: channelId!, text: 'runbook db-failover' });
    // An action (owned by carol, so bob is neither owner nor member of the private one) and a proposal.
    // A private incident's action goes only to a member: carol is invited first.
    await harness.emulator.userJoins({ userId: carol, channelId: channelId!, inviterId: alice });
    await harness.emulator.slashCommand({
      userId: alice,
      channelId: channelId!,
      text: `action Add an alert on p99 latency <@${carol}|carol>`,
    });
    await addFollowUps(database.db, [
      {
        teamId: harness.emulator.teamId,
        incidentId: id,
        kind: 'write_runbook',
        text: 'Write a runbook',
        at: new Date(),
      },
    ]);
  }
  await harness.settle();
  [ours, secret, foreign] = [await target(1), await target(2), await target(3)];
  expect([ours.incident.isPrivate, secret.incident.isPrivate, foreign.incident.isPrivate]).toEqual([
    false,
    true,
    false,
  ]);
  // The third incident becomes another workspace's: its ids are real, just not this team's.
  const moves: Array<[string, string, number]> = [
    ['incidents', 'id', foreign.incident.id],
    ['runbook_runs', 'id', foreign.runId],
    ['runbook_run_steps', 'run_id', foreign.runId],
    ['actions', 'incident_id', foreign.incident.id],
    ['follow_ups', 'incident_id', foreign.incident.id],
  ];
  for (const [table, column, id] of moves)
    await database.db.execute(sql.raw(`UPDATE ${table} SET team_id = '${otherTeam}' WHERE ${column} = ${id}`));
}, 90_000);
afterAll(async () => {
  await harness?.stop();
  await database?.destroy();
});

/** Every row of every table but the inbox (each request is stored there) and the user-name cache. */
async function fingerprint(): Promise<string> {
  const tables = await queryRows<{ tablename: string }>(
    database.db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const rows: string[] = [];
  for (const { tablename } of tables.filter((t) => !/inbox|slack_user/.test(t.tablename)))
    rows.push(JSON.stringify(await queryRows(database.db, sql.raw(`SELECT * FROM "${tablename}" ORDER BY 1`))));
  return rows.join('\n');
}

type Case = { label: string; userId: string; channelId: string; payload: Record<string, unknown> };
/** told: the person hears what went wrong; logged (default): a warn/error line with its cause or code. */
type Expect = { told: boolean; refusal?: string; logged?: boolean };

/** Sends one case and lists what went wrong: status, logs, the person's answer, the database. */
function problemsOf(sent: Case, expect: Expect): Promise<string[]> {
  return problemsSending(() => harness.emulator.craftedInteraction(sent), sent.userId, expect);
}

async function problemsSending(
  send: () => Promise<{ status: number; body: string }>,
  userId: string,
  expect: Expect,
): Promise<string[]> {
  await harness.settle();
  const before = await fingerprint();
  const answersBefore = harness.emulator.workspace.responses().filter((r) => r.userId === userId).length;
  logLines.length = 0;
  const reply = await send();
  await harness.settle();
  const answers = harness.emulator.workspace.responses().filter((r) => r.userId === userId);
  const told = answers.length > answersBefore ? JSON.stringify(answers.at(-1)) : '';
  return [
    reply.status !== 200 && `HTTP ${reply.status} (${reply.body.slice(0, 80)})`,
    expect.logged !== false &&
      !logLines.some((l) => l.level >= 40 && (l.cause || l.code)) &&
      'no warn/error log with a cause',
    expect.refusal && !logLines.some((l) => l.code === expect.refusal) && `not refused as ${expect.refusal}`,
    logLines.some((l) => l.msg === 'listener failed') && 'failed as an unexpected error (retried by the inbox)',
    expect.told && !told && 'the person was told nothing',
    expect.told && told.length > 1500 && 'the answer is not short',
    (await fingerprint()) !== before && 'something was stored',
  ].filter((p): p is string => typeof p === 'string');
}

// Buttons that name no record: only the shape of their value can be wrong.
const namesNoRecord = new Set<string>([ids.actions.homeDeclare, ids.actions.statsExport]);

function blockActions(actionId: string, action: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: ours.incident.channelId },
    channel: { id: ours.incident.channelId, name: 'forged' },
    message: { ts: '1700000000.000100', text: '', type: 'message', blocks: [] },
    state: { values: {} },
    actions: [{ action_id: actionId, block_id: 'forged', type: 'button', action_ts: '1.2', ...action }],
    ...extra,
  };
}

/** A forged click that names `t`'s incident or run in every place a listener may read it from. */
function namingClick(actionId: string, value: string, t: Target) {
  const metadata = JSON.stringify({ incidentId: t.incident.id, page: 0 });
  const view = { id: 'V0FORGED', hash: 'h', type: 'modal', private_metadata: metadata, state: { values: {} } };
  const message = {
    ts: '1700000000.000100',
    text: '',
    type: 'message',
    blocks: [{ type: 'actions', block_id: 'card_actions', elements: [{ type: 'button', value }] }],
  };
  const action =
    actionId === ids.actions.cardStatus
      ? { type: 'static_select', selected_option: { value: 'mitigated', text: { type: 'plain_text', text: 'm' } } }
      : { value };
  return blockActions(actionId, action, { message, view });
}

const wrongValues: Array<[string, Record<string, unknown>]> = [
  ['value missing', {}],
  ['value a number', { value: 42 }],
  ['value an object', { value: { id: 1 } }],
  ['value an array', { value: ['1'] }],
  ['value past 2000 characters', { value: '1'.repeat(2600) }],
  ['a select without selected_option', { type: 'static_select' }],
  ['a select with selected_option null', { type: 'static_select', selected_option: null }],
];

const listeners = registered();

describe('every registered listener is fuzzed', () => {
  it('covers what the indexes register, and nothing else', () => {
    expect(listeners.actions.length).toBeGreaterThan(0);
    expect(listeners.shortcuts.length).toBeGreaterThan(0);
    expect(listeners.events.length).toBeGreaterThan(0);
    expect(Object.keys(valueFor).sort()).toEqual(listeners.actions.map(constraintKey).sort());
  });
});

describe('a button or select with a malformed payload is refused, logged and answered in time', () => {
  it.each(listeners.actions.map((c) => [constraintKey(c), c] as const))('%s', async (_, constraint) => {
    const actionId = actionIdOf(constraint);
    const make = valueFor[constraintKey(constraint)]!;
    const cases: Array<Case & { refusal?: string }> = [
      ...wrongValues.map(([label, action]) => ({
        label,
        userId: alice,
        channelId: ours.incident.channelId,
        payload: blockActions(actionId, action),
      })),
      ...(namesNoRecord.has(constraintKey(constraint))
        ? []
        : (
            [
              [
                'an unknown id',
                {
                  ...ours,
                  incident: { ...ours.incident, id: 987654 },
                  runId: 987654,
                  actionNumber: 987654,
                  followUpId: 987654,
                },
                alice,
              ],
              ["another team's incident", foreign, alice],
              ['a private incident the clicker is not in', secret, bob],
            ] as const
          ).map(([label, t, userId]) => ({
            label,
            userId,
            channelId: ours.incident.channelId,
            payload: namingClick(actionId, make(t), t),
            refusal: 'incident.not_visible',
          }))),
    ];
    for (const { refusal, ...sent } of cases)
      expect(await problemsOf(sent, { told: true, ...(refusal ? { refusal } : {}) }), sent.label).toEqual([]);
  });

  it('an empty actions array', async () => {
    const payload = { ...blockActions('x', {}), actions: [] };
    const problems = await problemsOf(
      { label: 'empty', userId: alice, channelId: ours.incident.channelId, payload },
      { told: true },
    );
    expect(problems).toEqual([]);
  });
});

describe('a message shortcut with a malformed payload is refused, logged and answered in time', () => {
  const shortcut = (callbackId: string, fields: Record<string, unknown>) => ({
    type: 'message_action',
    callback_id: callbackId,
    message_ts: '1700000000.000200',
    channel: { id: ours.incident.channelId, name: 'forged' },
    message: { type: 'message', ts: '1700000000.000200', user: alice, text: 'the db is on fire' },
    ...fields,
  });
  const malformed: Array<[string, Record<string, unknown>]> = [
    ['message missing', { message: undefined }],
    ['message a string', { message: 'x' }],
    ['message text a number', { message: { type: 'message', ts: '1.2', user: alice, text: 5 } }],
    ['channel missing', { channel: undefined }],
    ['message_ts missing', { message_ts: undefined }],
  ];
  it.each(listeners.shortcuts)('%s', async (callbackId) => {
    for (const [label, fields] of malformed) {
      const sent = { label, userId: alice, channelId: ours.incident.channelId, payload: shortcut(callbackId, fields) };
      expect(await problemsOf(sent, { told: true }), label).toEqual([]);
    }
  });

  // A direct message is another kind of conversation than the channels incidents live in: the shortcut
  // only opens a form there (a picker or the declare form), and nothing is stored until it is submitted.
  it.each(listeners.shortcuts)('%s on a direct message stores nothing and fails nothing', async (callbackId) => {
    const payload = shortcut(callbackId, { channel: { id: 'D0ALICEDM', name: 'directmessage' } });
    const sent = { label: 'direct message', userId: alice, channelId: ours.incident.channelId, payload };
    expect(await problemsOf(sent, { told: false, logged: false })).toEqual([]);
  });
});

describe('an event whose fields have the wrong types is refused and logged, and stores nothing', () => {
  // A well-formed event of each registered type, in the incident channel: each would be recorded as it is.
  const wellFormed = (): Record<string, Record<string, unknown>> => {
    const channel = ours.incident.channelId;
    const item = { type: 'message', channel, ts: '1700000000.000300' };
    return {
      message: {
        type: 'message',
        channel,
        user: alice,
        text: 'rolled back',
        ts: '1700000001.000100',
      },
      reaction_added: { type: 'reaction_added', user: alice, reaction: 'pushpin', item, event_ts: '1700000002.1' },
      reaction_removed: { type: 'reaction_removed', user: alice, reaction: 'pushpin', item, event_ts: '1700000002.2' },
      pin_added: {
        type: 'pin_added',
        user: alice,
        channel_id: channel,
        item: { type: 'message', channel, message: { ts: item.ts, text: 'x', user: alice } },
        event_ts: '1700000002.3',
      },
      pin_removed: {
        type: 'pin_removed',
        user: alice,
        channel_id: channel,
        item: { type: 'message', channel, message: { ts: item.ts, text: 'x', user: alice } },
        event_ts: '1700000002.4',
      },
      member_joined_channel: {
        type: 'member_joined_channel',
        user: bob,
        channel,
        event_ts: '1700000002.5',
      },
      member_left_channel: {
        type: 'member_left_channel',
        user: bob,
        channel,
        event_ts: '1700000002.6',
      },
      app_home_opened: {
        type: 'app_home_opened',
        user: alice,
        channel: 'D0ALICEDM',
        tab: 'home',
        event_ts: '1700000002.7',
      },
    };
  };

  it('has a well-formed event for each registered type', () => {
    expect(Object.keys(wellFormed()).sort()).toEqual([...listeners.events].sort());
  });

  it.each(listeners.events)('%s', async (type) => {
    const event = wellFormed()[type]!;
    for (const field of Object.keys(event).filter((key) => key !== 'type'))
      for (const wrong of [42, { id: 'x' }, ['x'], true]) {
        const problems = await problemsSending(() => harness.emulator.event({ ...event, [field]: wrong }), alice, {
          told: false,
        });
        expect(problems, `${field} = ${JSON.stringify(wrong)}`).toEqual([]);
      }
  });
});
