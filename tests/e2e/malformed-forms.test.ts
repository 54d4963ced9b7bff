import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db.ts';
import { ids } from '../../src/slack/ids.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { formState, valueKeyOf } from '../support/form-state.ts';
import type { Harness } from '../support/harness.ts';
import { alice, clickOn, declared, general, openView } from '../support/lifecycle.ts';

type LogLine = { level: number; msg: string; cause?: unknown; err?: unknown };
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

let database: TestDatabase;
let harness: Harness;
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { logger, rateLimits: false },
);

const refusedLog = 'request refused: its payload could not be read';

type OpenedForm = { id: string; callback_id: string; private_metadata?: string; blocks: unknown[] };
type Mutation = { label: string; state: unknown };

/** Everything a submission could change, in one comparable value. */
async function stored(): Promise<unknown> {
  return queryRows(
    database.db,
    sql`SELECT (SELECT md5(coalesce(string_agg(i::text, ',' ORDER BY i.id), '')) FROM incidents i) AS incidents,
      (SELECT count(*)::int FROM timeline_entries) AS timeline, (SELECT count(*)::int FROM incident_milestones) AS milestones,
      (SELECT count(*)::int FROM stakeholder_updates) AS updates, (SELECT count(*)::int FROM audit_log) AS audit,
      (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM action_events) AS action_events`,
  );
}

const wrongTyped = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);
// Where Slack sends a string, another string is a value to check, not a malformed payload.
const stringKeys = ['value', 'selected_user', 'selected_date', 'selected_time'];

/** A seeded table of submissions with one value of the wrong type each, plus a missing and a broken state. */
function mutations(form: OpenedForm, values: Record<string, unknown>, seed: number): Mutation[] {
  const valid = formState(form.blocks, values);
  const inputs = Object.entries(valid).map(([blockId, entry]) => {
    const [actionId, state] = Object.entries(entry)[0]!;
    return { blockId, actionId, key: valueKeyOf(String((state as { type: string }).type)) };
  });
  const picks = fc.sample(fc.tuple(fc.nat({ max: inputs.length - 1 }), wrongTyped, fc.boolean()), {
    seed,
    numRuns: 40,
  });
  const table: Mutation[] = [
    { label: 'state missing', state: undefined },
    { label: 'state.values a string', state: { values: 'x' } },
  ];
  // Slack sends null for an empty field, never an entry without its value key.
  for (const input of inputs.slice(0, 2)) {
    const state = structuredClone(valid);
    delete (state[input.blockId]![input.actionId] as Record<string, unknown>)[input.key];
    table.push({ label: `${input.actionId} without ${input.key}`, state: { values: state } });
  }
  for (const [index, bad, wholeEntry] of picks) {
    const input = inputs[index]!;
    if (!wholeEntry && typeof bad === 'string' && stringKeys.includes(input.key)) continue;
    const state = structuredClone(valid);
    const entry = state[input.blockId]![input.actionId] as Record<string, unknown>;
    if (wholeEntry) state[input.blockId]![input.actionId] = bad;
    else entry[input.key] = bad;
    table.push({
      label: `${input.actionId}${wholeEntry ? '' : `.${input.key}`} = ${JSON.stringify(bad)}`,
      state: { values: state },
    });
  }
  return table.slice(0, 16);
}

async function submitEach(form: OpenedForm, values: Record<string, unknown>, seed: number): Promise<void> {
  await harness.settle();
  const before = await stored();
  for (const mutation of mutations(form, values, seed)) {
    logLines.length = 0;
    const started = performance.now();
    const reply = await harness.emulator.craftedInteraction({
      userId: alice,
      payload: {
        type: 'view_submission',
        view: {
          id: form.id,
          hash: `h${Math.random()}`,
          type: 'modal',
          callback_id: form.callback_id,
          private_metadata: form.private_metadata ?? '',
          blocks: [],
          ...(mutation.state === undefined ? {} : { state: mutation.state }),
        },
      },
    });
    await harness.settle();
    const problems = [
      reply.status !== 200 && `HTTP ${reply.status}`,
      performance.now() - started > 3000 && 'answered after 3 s',
      !['update', 'errors'].includes((reply.json as { response_action?: string })?.response_action ?? '') &&
        `answer ${JSON.stringify(reply.json)}`,
      !logLines.some((line) => line.level >= 50 && line.msg === refusedLog && line.cause) &&
        'no error log with a cause',
      logLines.some((line) => line.msg === 'listener failed') && 'failed as an unexpected error (retried by the inbox)',
      JSON.stringify(await stored()) !== JSON.stringify(before) && 'something was stored',
    ].filter(Boolean);
    expect(problems, mutation.label).toEqual([]);
  }
}

describe('form submissions with a value of the wrong type are refused, logged and answered in time', () => {
  it('declare', async () => {
    await harness.emulator.slashCommand({ userId: alice, channelId: general, text: '' });
    const form = await eventually(() => harness.emulator.workspace.views(alice).at(-1)! as OpenedForm);
    await submitEach(form, { title: 'Fuzzed', severity: 'sev2' }, 1);
  });

  it.each([
    ['severity', ids.actions.cardSeverity, ids.views.severity, { severity: 'sev1', reason: 'All regions' }],
    ['resolve', ids.actions.cardResolve, ids.views.resolve, { severity: 'sev1', change_induced: 'no', impact: 'x' }],
    ['note', ids.actions.cardNote, ids.views.note, { note_text: 'paged DB team', note_type: 'action' }],
    ['milestones', ids.actions.cardMilestones, ids.views.milestones, { mitigated: 1579100000 }],
    [
      'update',
      ids.actions.cardUpdate,
      ids.views.stakeholderUpdate,
      { status: 'a', impact: 'b', actions: 'c', next_update: '20' },
    ],
    ['action', ids.actions.actionAdd, ids.views.actionCreate, { action_text: 'Add an alert', action_owner: alice }],
  ])('%s', async (_, button, callbackId, values) => {
    const inc = await declared(harness, database);
    await clickOn(harness, alice, inc.channelId, inc.cardTs, button);
    const form = (await openView(harness, alice, callbackId)) as unknown as OpenedForm;
    await submitEach(form, values, 7);
  });

  it.each([
    ['action done', ids.actions.actionDone, ids.views.actionDone, { action_evidence: 'PR 812' }],
    ['action snooze', ids.actions.actionSnooze, ids.views.actionSnooze, { action_reason: 'vendor late' }],
    ['action reassign', ids.actions.actionReassign, ids.views.actionReassign, { action_owner: 'U0BOB' }],
    ['action wont do', ids.actions.actionWontDo, ids.views.actionWontDo, { action_reason: 'retired' }],
  ])('%s', async (_, button, callbackId, values) => {
    const inc = await declared(harness, database);
    await harness.emulator.slashCommand({
      userId: alice,
      channelId: inc.channelId,
      text: 'action Add an alert <@U0BOB|bob>',
    });
    await harness.settle();
    const dm = harness.emulator.workspace.channelByName('@bob')!;
    const message = harness.emulator.workspace.messages(dm.id).at(-1)!;
    await harness.emulator.clickButton({ userId: 'U0BOB', channelId: dm.id, messageTs: message.ts, actionId: button });
    const form = (await openView(harness, 'U0BOB', callbackId)) as unknown as OpenedForm;
    await submitEach(form, values, 7);
  });
});
