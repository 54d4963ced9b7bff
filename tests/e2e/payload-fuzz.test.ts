import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFollowUps } from '../../src/follow-ups/index.ts';
import { findIncidentByNumber } from '../../src/incidents/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { ListenerRouter } from '../../src/slack/listener-router.ts';
import { subcommands } from '../../src/slack/listeners/commands/incident-command.ts';
import { registerListeners } from '../../src/slack/listeners/index.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  capturedLogger,
  databaseFingerprint,
  deliverAsSlack,
  type SlackSaw,
  workspaceFingerprint,
} from '../support/fuzz-delivery.ts';
import { type FuzzTarget, slackMax, type ValidRequest, validRequestFor } from '../support/fuzz-payloads.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { heavyTestsRunHere } from '../support/heavy-tests.ts';
import { alice, carol, general } from '../support/lifecycle.ts';
import { listenerTarget } from '../support/listener-targets.ts';

// Every registered command, button, form, shortcut and event, sent as Slack would never send it (or a
// forger would): fields missing, of another type, longer than Slack allows, naming records that do not
// exist or are another workspace's, from another workspace, with a trigger_id already used, or sent twice.
// Each is answered as Slack needs within its 3 seconds, fails nothing unexpectedly, is logged at warn or
// error with its cause, and changes nothing anyone else can see.
const { logger, lines } = capturedLogger();
const otherTeam = 'T0OTHERTEAM';
const unhandled: unknown[] = [];

let database: TestDatabase;
let harness: Harness;
let ours: FuzzTarget;
let foreign: FuzzTarget;
let unknown: FuzzTarget;
let sent = 0;

async function target(number: number): Promise<FuzzTarget> {
  return listenerTarget(database.db, harness.emulator.teamId, number);
}

const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  database = await createTestDatabase();
  // Each refusal may ask Slack for a channel's members: a loaded machine must not turn one into a timeout.
  harness = await startHarness(database, { rateLimits: false, logger, slackTimeoutMs: 10_000 });
  for (const title of ['Checkout slow', 'Elsewhere']) {
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: `declare sev2 ${title}` });
    await harness.settle();
  }
  for (const number of [1, 2]) {
    const { id, channelId } = (await findIncidentByNumber(database.db, { teamId: harness.emulator.teamId, number }))!;
    for (const text of ['runbook db-failover', `action Add an alert on p99 latency <@${carol}|carol>`, 'postmortem'])
      await harness.emulator.slashCommand({ userId: alice, channelId: channelId!, text });
    await addFollowUps(database.db, [
      { teamId: harness.emulator.teamId, incidentId: id, kind: 'write_runbook', text: 'Write one', at: new Date() },
    ]);
  }
  await harness.settle();
  [ours, foreign] = [await target(1), await target(2)];
  // The second incident becomes another workspace's: its ids are real, just not this team's.
  const moves: Array<[string, string, number]> = [
    ['incidents', 'id', foreign.incident.id],
    ['runbook_runs', 'id', foreign.runId],
    ['runbook_run_steps', 'run_id', foreign.runId],
    ['actions', 'incident_id', foreign.incident.id],
    ['follow_ups', 'incident_id', foreign.incident.id],
    ['postmortems', 'incident_id', foreign.incident.id],
  ];
  for (const [table, column, id] of moves)
    await database.db.execute(sql.raw(`UPDATE ${table} SET team_id = '${otherTeam}' WHERE ${column} = ${id}`));
  unknown = {
    incident: { ...ours.incident, id: 987_654, number: 987_654 },
    runId: 987_654,
    stepId: 'no-such-step',
    actionNumber: 987_654,
    followUpId: 987_654,
  };
}, 90_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await harness?.stop();
  await database?.destroy();
});
/**
 * What a case must come to. refused: a warn/error line with its cause or code, and nothing changed;
 * dropped: a duplicate, dropped as one and nothing changed; answered: only answered in time and
 * without an unexpected failure (a value of the right shape that Slack's own client would have refused).
 */
type Outcome = 'refused' | 'dropped' | 'answered';
/** One fuzzed request: what is sent first (a valid request it replays; may change things), how it is sent, and what it must come to. */
type FuzzCase = { label: string; prepare?: () => Promise<unknown>; send: () => Promise<SlackSaw>; outcome: Outcome };

const saw = (reply: { status: number; body: string; json?: unknown; timedOut?: boolean }): SlackSaw => ({
  status: reply.status,
  body: reply.body,
  json: reply.json,
  timedOut: Boolean(reply.timedOut),
});

function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}

/** A copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
function withValue(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  const keys = path.split('.');
  const holder = (keys.length === 1 ? copy : valueAt(copy, keys.slice(0, -1).join('.'))) as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}

/** Missing, null, of another type, and past Slack's longest (with whether that must be refused). */
function wrongValues(original: unknown, maxLength?: number, freeText = false): Array<[string, unknown, Outcome]> {
  const wrong: Array<[string, unknown, Outcome]> = [
    ['missing', undefined, 'refused'],
    ['null', null, 'refused'],
  ];
  if (typeof original === 'string')
    wrong.push(['a number', 42, 'refused'], ['an object', { value: original }, 'refused']);
  else if (Array.isArray(original))
    wrong.push(['an object', { 0: original[0] }, 'refused'], ['a string', 'x', 'refused']);
  else wrong.push(['a string', 'x', 'refused'], ['an array', [original], 'refused'], ['a number', 7, 'refused']);
  if (maxLength !== undefined && typeof original === 'string') {
    const past = freeText ? 'answered' : 'refused';
    wrong.push(
      [`${maxLength + 1} characters`, `${original} ${'x'.repeat(maxLength)}`.slice(0, maxLength + 1), past],
      ['100,000 characters', `${original} ${'9'.repeat(100_000)}`, past],
    );
  }
  return wrong;
}

// Which of the many mutations each listener gets this run: a seeded sample, so the file stays quick
// while another FUZZ_SEED (CI sets one per run) walks other mutations; a failure names its seed.
const seed = Number(process.env.FUZZ_SEED ?? 20261204);
function sampled<T>(all: T[], count: number, salt: number): T[] {
  if (all.length <= count) return all;
  return fc.sample(fc.shuffledSubarray(all, { minLength: count, maxLength: count }), {
    seed: seed + salt,
    numRuns: 1,
  })[0] as T[];
}

/** The fields Slack puts in every interaction payload from alice (what craftedInteraction adds). */
function interactionIdentity(teamId = harness.emulator.teamId): Record<string, unknown> {
  return {
    token: 'emulator-verification-token',
    api_app_id: harness.emulator.appId,
    team: { id: teamId, domain: 'fuzzed' },
    user: { id: alice, username: 'alice', name: 'alice', team_id: teamId },
    is_enterprise_install: false,
    enterprise: null,
  };
}

// Slack gives every modal its own id: two cases with the same view id and state would be one double submission.
function anotherView(payload: Record<string, unknown>): Record<string, unknown> {
  const view = payload.view;
  if (typeof view !== 'object' || view === null || Array.isArray(view) || !('id' in view)) return payload;
  return { ...payload, view: { ...view, id: `V0FUZZ${++sent}` } };
}

/** A trigger_id and response_url the emulator issued and nothing used yet (those of an `/incident help`). */
async function freshHandles(): Promise<{ trigger_id: string; response_url: string }> {
  const help = await harness.emulator.craftedCommand({
    userId: alice,
    channelId: ours.incident.channelId,
    text: 'help',
  });
  return { trigger_id: help.triggerId, response_url: help.responseUrl as string };
}

/** Sends `body` once, then again: the second must be dropped as the duplicate it is. */
function twice(
  label: string,
  body: () => Promise<Record<string, unknown> | URLSearchParams>,
  outcome: Outcome = 'dropped',
): FuzzCase {
  let once: Record<string, unknown> | URLSearchParams | undefined;
  return {
    label,
    prepare: async () => {
      once = await body();
      return deliverAsSlack(harness.emulator, once);
    },
    send: () => deliverAsSlack(harness.emulator, once as Record<string, unknown>),
    outcome,
  };
}

type Interaction = Extract<ValidRequest, { kind: 'interaction' }>;

function interactionCases(
  valid: Interaction,
  naming: (t: FuzzTarget) => Record<string, unknown>,
  salt: number,
): FuzzCase[] {
  const crafted = (payload: Record<string, unknown>) => async () =>
    saw(
      await harness.emulator.craftedInteraction({
        userId: alice,
        channelId: ours.incident.channelId,
        payload: anotherView(payload),
      }),
    );
  const raw = (fields: Record<string, unknown>) => async () =>
    deliverAsSlack(
      harness.emulator,
      anotherView({ ...valid.payload, ...interactionIdentity(), ...(await freshHandles()), ...fields }),
    );
  const fields: FuzzCase[] = valid.required.flatMap(({ path, maxLength, freeText, mayBeEmpty }) =>
    wrongValues(valueAt(valid.payload, path), maxLength, freeText).map(([what, value, outcome]) => ({
      label: `${path} ${what}`,
      send: crafted(withValue(valid.payload, path, value)),
      outcome: mayBeEmpty && (what === 'missing' || what === 'null') ? ('answered' as const) : outcome,
    })),
  );
  const onMessage =
    (valid.payload.container as { type?: string } | undefined)?.type === 'message' ||
    valid.payload.type === 'message_action';
  const identity: FuzzCase[] = [
    { label: 'no team', send: raw({ team: undefined, user: { id: alice } }), outcome: 'refused' },
    { label: 'no user', send: raw({ user: undefined }), outcome: 'refused' },
    { label: 'user a string', send: raw({ user: alice }), outcome: 'refused' },
    { label: 'from another team', send: raw(interactionIdentity(otherTeam)), outcome: 'refused' },
    ...(valid.payload.type === 'view_submission'
      ? []
      : [{ label: 'no trigger_id', send: raw({ trigger_id: undefined }), outcome: 'refused' as const }]),
    ...(onMessage
      ? [{ label: 'no response_url', send: raw({ response_url: undefined }), outcome: 'refused' as const }]
      : []),
  ];
  const deadAnswer: FuzzCase[] = onMessage
    ? [
        {
          label: 'a response_url Slack no longer takes',
          send: raw({ response_url: `${harness.emulator.baseUrl}/response/expired` }),
          outcome: 'answered',
        },
      ]
    : [];
  const records: FuzzCase[] = valid.namesRecord
    ? [
        { label: 'an unknown id', send: crafted(naming(unknown)), outcome: 'refused' },
        { label: "another team's ids", send: crafted(naming(foreign)), outcome: 'refused' },
      ]
    : [];
  const replays: FuzzCase[] = [
    twice('sent twice', async () =>
      anotherView({
        ...naming(valid.namesRecord ? unknown : ours),
        ...interactionIdentity(),
        ...(await freshHandles()),
      }),
    ),
  ];
  let opened: { triggerId: string; responseUrl?: string } | undefined;
  // A shortcut's trigger_id is its inbox key: sent again, it is the same shortcut, dropped; a button's is not.
  if (valid.opensModal)
    replays.push({
      label: 'a trigger_id already used to open a modal',
      prepare: async () => {
        opened = await harness.emulator.craftedInteraction({
          userId: alice,
          channelId: ours.incident.channelId,
          payload: valid.payload,
        });
      },
      send: async () => {
        if (!opened) throw new Error('nothing was opened');
        const again = structuredClone(valid.payload) as { actions?: Array<{ action_ts: string }>; action_ts?: string };
        if (again.actions?.[0]) again.actions[0].action_ts = `9.${++sent}`;
        else again.action_ts = `9.${++sent}`;
        return deliverAsSlack(harness.emulator, {
          ...again,
          ...interactionIdentity(),
          trigger_id: opened.triggerId,
          response_url: opened.responseUrl,
        });
      },
      outcome: valid.payload.type === 'message_action' ? 'dropped' : 'refused',
    });
  // Every required field is dropped in every run; its other wrong values are sampled.
  const dropped = fields.filter((f) => f.label.endsWith(' missing'));
  const others = fields.filter((f) => !dropped.includes(f));
  return [
    ...records,
    ...replays,
    ...deadAnswer,
    ...dropped,
    ...sampled(identity, 1, salt),
    ...sampled(others, 3, salt),
  ];
}

function commandForm(fields: Record<string, string | string[] | undefined>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const one of value === undefined ? [] : [value].flat()) form.append(key, one);
  return form;
}

type Command = Extract<ValidRequest, { kind: 'command' }>;

function commandCases(valid: Command, salt: number): FuzzCase[] {
  const crafted =
    (text: string, channelId = valid.channelId) =>
    async () =>
      saw(await harness.emulator.craftedCommand({ userId: alice, channelId, text }));
  const body = async (overrides: Record<string, string | string[] | undefined>) =>
    commandForm({
      token: 'emulator-verification-token',
      team_id: harness.emulator.teamId,
      team_domain: 'fuzzed',
      channel_id: valid.channelId,
      channel_name: 'fuzzed',
      user_id: alice,
      user_name: 'alice',
      command: ids.command,
      text: valid.text,
      api_app_id: harness.emulator.appId,
      is_enterprise_install: 'false',
      ...(await freshHandles()),
      ...overrides,
    });
  const raw = (overrides: Record<string, string | string[] | undefined>) => async () =>
    deliverAsSlack(harness.emulator, await body(overrides));
  const named = /INC-\d+/.test(valid.text);
  const records: FuzzCase[] = valid.namesRecord
    ? [
        // Named: an incident that does not exist, typed anywhere; channel-scoped: run where no incident is.
        {
          label: 'an unknown incident',
          send: crafted(valid.text.replace(/INC-\d+/, 'INC-987654'), general),
          outcome: 'refused',
        },
        {
          label: "another team's incident channel",
          send: crafted(valid.text.replace(/INC-\d+ ?/, ''), foreign.incident.channelId),
          outcome: 'refused',
        },
      ]
    : [];
  const unknownText = named ? valid.text.replace(/INC-\d+/, 'INC-987654') : valid.text;
  const identity: FuzzCase[] = [
    { label: 'no team_id', send: raw({ team_id: undefined }), outcome: 'refused' },
    { label: 'no user_id', send: raw({ user_id: undefined }), outcome: 'refused' },
    { label: 'no channel_id', send: raw({ channel_id: undefined }), outcome: 'refused' },
    { label: 'no trigger_id', send: raw({ trigger_id: undefined }), outcome: 'refused' },
    { label: 'no response_url', send: raw({ response_url: undefined }), outcome: 'refused' },
    { label: 'text twice (an array)', send: raw({ text: [valid.text, valid.text] }), outcome: 'refused' },
    { label: 'from another team', send: raw({ team_id: otherTeam }), outcome: 'refused' },
    // The work may be done; only its answer cannot be delivered (a request replayed after 30 minutes).
    {
      label: 'a response_url Slack no longer takes',
      send: raw({ response_url: `${harness.emulator.baseUrl}/response/expired` }),
      outcome: 'answered',
    },
  ];
  return [
    ...records,
    // `/incident help` is answered in its acknowledgement and never stored, so there is nothing to drop.
    twice(
      'sent twice',
      () => body({ text: unknownText, ...(named || !valid.namesRecord ? {} : { channel_id: general }) }),
      valid.text === 'help' ? 'answered' : 'dropped',
    ),
    // A message holds up to 40,000 characters; past that only a forger sends it. Either may be stored.
    {
      label: `text of ${slackMax.message} characters`,
      send: crafted(`${valid.text} ${'x'.repeat(slackMax.message)}`.slice(0, slackMax.message)),
      outcome: 'answered',
    },
    { label: 'text of 100,000 characters', send: crafted(`${valid.text} ${'9'.repeat(100_000)}`), outcome: 'answered' },
    ...sampled(identity, 2, salt),
  ];
}

type Event = Extract<ValidRequest, { kind: 'event' }>;

function eventCases(valid: Event, salt: number): FuzzCase[] {
  const envelope = (event: Record<string, unknown>, teamId = harness.emulator.teamId) => ({
    token: 'emulator-verification-token',
    team_id: teamId,
    api_app_id: harness.emulator.appId,
    event: { ...event, event_ts: `1700000009.${++sent}` },
    type: 'event_callback',
    event_id: `Ev0FUZZ${sent}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: harness.emulator.botUserId, is_bot: true }],
  });
  // An event without a field it may lack, or with text past Slack's longest, is recorded or ignored.
  const fields: FuzzCase[] = valid.required.flatMap((field) =>
    wrongValues(valid.event[field], field === 'text' ? slackMax.message : undefined, true).map(
      ([what, value, outcome]) => ({
        label: `${field} ${what}`,
        send: async () => saw(await harness.emulator.event(withValue(valid.event, field, value))),
        // Slack sends a message without text (a file, blocks only) with none or an empty one.
        outcome: what === 'missing' || (field === 'text' && what === 'null') ? ('answered' as const) : outcome,
      }),
    ),
  );
  const onForeignChannel = {
    ...valid.event,
    channel: foreign.incident.channelId,
    channel_id: foreign.incident.channelId,
  };
  const identity: FuzzCase[] = [
    {
      label: 'no team_id',
      send: () =>
        deliverAsSlack(harness.emulator, { ...envelope(valid.event), team_id: undefined, authorizations: undefined }),
      outcome: 'refused',
    },
    {
      label: 'no event',
      send: () => deliverAsSlack(harness.emulator, { ...envelope(valid.event), event: undefined }),
      outcome: 'refused',
    },
  ];
  return [
    {
      label: 'from another team',
      send: () => deliverAsSlack(harness.emulator, envelope(onForeignChannel, otherTeam)),
      outcome: 'refused',
    },
    twice('sent twice', async () => envelope(onForeignChannel)),
    ...sampled(identity, 1, salt),
    ...fields.filter((f) => f.label.endsWith(' missing')),
    ...sampled(
      fields.filter((f) => !f.label.endsWith(' missing')),
      3,
      salt,
    ),
  ];
}

function casesFor(registration: string, salt: number): FuzzCase[] | undefined {
  const valid = validRequestFor(registration, ours);
  if (!valid) return undefined;
  if (valid.kind === 'command') return commandCases(valid, salt);
  if (valid.kind === 'event') return eventCases(valid, salt);
  return interactionCases(valid, (t) => (validRequestFor(registration, t) as Interaction).payload, salt);
}

let before: string[] | undefined;

const leaks = (text: string) =>
  [harness.emulator.botToken, harness.emulator.signingSecret].some((secret) => text.includes(secret));

/** Sends one case and lists what went wrong. */
async function problemsOf(fuzz: FuzzCase): Promise<string[]> {
  if (fuzz.prepare) {
    await fuzz.prepare();
    await harness.settle();
    before = undefined;
  }
  // The last case's end state is this one's start (each case waits until everything it queued is done).
  before ??= [await databaseFingerprint(database), workspaceFingerprint(harness.emulator, alice)];
  lines.length = 0;
  const reply = await fuzz.send();
  // What a request queued (effects, a replay) must be done well within this; past it something is stuck.
  const settled = await harness.settle(8000).then(
    () => true,
    () => false,
  );
  const after = [await databaseFingerprint(database), workspaceFingerprint(harness.emulator, alice)];
  const changed = { database: after[0] !== before[0], workspace: after[1] !== before[1] };
  before = after;
  const crashed = lines.filter(
    (l) =>
      l.msg === 'listener failed' ||
      /unhandled error|uncaught|replaying a request left unhandled|replay failed/i.test(l.msg) ||
      /^(TypeError|ReferenceError|RangeError)$/.test(String(l.err?.type)),
  );
  const mustChangeNothing = fuzz.outcome !== 'answered';
  return [
    reply.timedOut && 'Slack gave up waiting (3 s)',
    !reply.timedOut && reply.status !== 200 && `HTTP ${reply.status} (${reply.body.slice(0, 80)})`,
    !settled && 'work it queued is still not done 8 s later',
    fuzz.outcome === 'refused' &&
      !lines.some((l) => l.level >= 40 && (l.cause || l.code)) &&
      'no warn/error log with a cause',
    fuzz.outcome === 'dropped' &&
      !lines.some((l) => l.msg === 'inbox: duplicate delivery dropped') &&
      'not dropped as a duplicate',
    crashed.length > 0 && `failed unexpectedly: ${crashed.map((l) => `${l.msg} ${l.err?.message ?? ''}`).join('; ')}`,
    unhandled.length > 0 && `unhandled rejection: ${String(unhandled.splice(0))}`,
    leaks(JSON.stringify([lines, reply.body])) && 'the bot token or signing secret was logged or answered',
    mustChangeNothing && changed.database && 'the database changed',
    mustChangeNothing && changed.workspace && 'the workspace changed',
  ].filter((p): p is string => typeof p === 'string');
}

const router = new ListenerRouter();
registerListeners(router.asApp(), { logger: pino({ level: 'silent' }) } as unknown as SlackServices);
const registrations = router
  .registrations()
  .flatMap((id) =>
    id === `command:${ids.command}` ? Object.keys(subcommands).map((name) => `command:${ids.command} ${name}`) : [id],
  );

describe.skipIf(!heavyTestsRunHere)('the payload fuzzer', () => {
  it('has a valid request to fuzz for every registered listener (a new one needs its own)', () => {
    const target = {
      incident: { id: 1, number: 1, channelId: 'C0X' },
      runId: 1,
      stepId: 's',
      actionNumber: 1,
      followUpId: 1,
    };
    expect(registrations.length).toBeGreaterThan(50);
    expect(registrations.filter((r) => !validRequestFor(r, target as unknown as FuzzTarget))).toEqual([]);
  });
});

describe.skipIf(!heavyTestsRunHere)(`every listener, sent payloads Slack would never send (FUZZ_SEED=${seed})`, () => {
  it.each(registrations.map((r, index) => [r, index] as const))(
    '%s',
    async (registration, index) => {
      const cases = casesFor(registration, index) ?? [];
      expect(cases.length).toBeGreaterThan(0);
      const failures: Record<string, string[]> = {};
      for (const fuzz of cases) {
        const problems = await problemsOf(fuzz);
        if (problems.length > 0) failures[fuzz.label] = problems;
        if (problems.length > 0 && process.env.FUZZ_DEBUG)
          console.log(fuzz.label, JSON.stringify(lines).slice(0, 3000));
      }
      expect(failures).toEqual({});
    },
    60_000,
  );
});
