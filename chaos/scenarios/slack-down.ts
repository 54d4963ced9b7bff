import { performance } from 'node:perf_hooks';
import type { Emulator } from '@firebreak/slack-emulator';
import { benchWorkspace } from '../../bench/slack-requests.ts';
import { createScratchDatabase, type ScratchDatabase } from '../database.ts';
import {
  doubledBotPosts,
  type IncidentRow,
  listIncidentRows,
  openEffects,
  outboxByStatus,
  sample,
  searchable,
  startConnectedFirebreak,
  waitForEmptyOutbox,
  waitUntil,
} from '../emulated-slack.ts';
import type { ChaosContext, ChaosResult, ChaosScenario } from '../scenario.ts';
import { freshSeed, seededRandom } from '../seeded-random.ts';
import { type OutageMix, startSlackOutage } from '../slack-outage.ts';
import {
  capitalise,
  type Decision,
  decideWhileDown,
  type Expected,
  openForms,
  roleNames,
  users,
} from './slack-down-decisions.ts';

const name = 'slack-down';
/** The issue's outage: a quarter of an hour (CHAOS_SLACK_DOWN_SECONDS shortens it). */
export const defaultOutageSeconds = 900;
/** The issue's promise: everything decided while Slack was away is there within a minute of its return. */
const deliveredWithinMs = 60_000;
/** How long to wait for the drain before calling what is missing lost. */
const drainTimeoutMs = 180_000;

export type SlackDownOptions = {
  outageSeconds?: number;
  /** Incidents declared before Slack goes (2–4; default 3); one more is declared while it is down. */
  incidents?: number;
  seed?: number;
  mix?: OutageMix;
};

/**
 * Declares incidents, takes Slack's Web API down (every call 5xx, hung past the app's timeout, or done with
 * its answer lost) for `outageSeconds`, keeps deciding through signed commands and form submissions, brings
 * Slack back, and checks that each decided post reached its channel exactly once, in the order decided, within
 * a minute, and that every pinned card shows the final state.
 */
export async function runSlackDown(context: ChaosContext, options: SlackDownOptions = {}): Promise<ChaosResult> {
  const outageMs = (options.outageSeconds ?? defaultOutageSeconds) * 1000;
  const incidents = options.incidents ?? 3;
  if (!(incidents >= 2 && incidents <= 4)) throw new Error(`slack-down needs 2 to 4 incidents, not ${incidents}`);
  const seed = options.seed ?? freshSeed();
  const random = seededRandom(seed);
  const { emulator } = context;
  const database = await createScratchDatabase(context.adminUrl);
  const firebreak = await startConnectedFirebreak(emulator, database).catch(async (error) => {
    await database.drop();
    throw error;
  });
  const problems: string[] = [];
  let outage: ReturnType<typeof startSlackOutage> | undefined;
  try {
    const command = (userId: string, channelId: string, text: string) =>
      emulator.slashCommand({ userId, channelId, text }).then((r) => r.status);
    for (let k = 0; k < incidents; k++)
      await command(users.alice, benchWorkspace.channelId, `declare sev3 Slack down ${k + 1}`);
    const rows = await waitForIncidents(database, incidents);
    await waitForEmptyOutbox(database);
    const expected = rows.map((): Expected => ({ severity: 'sev3', status: 'investigating', roles: new Map() }));
    await openForms(emulator, database, rows, expected, command);
    context.log(`  ${name}: seed ${seed}; ${incidents} incidents; Slack down for ${outageMs / 1000} s`);

    const downAtSlack = emulator.clock.now();
    outage = startSlackOutage(emulator, random, options.mix);
    const downAt = performance.now();
    const decisions = await decideWhileDown(emulator, rows, expected, outageMs, command);
    const waitLeft = outageMs - (performance.now() - downAt);
    if (waitLeft > 0) await new Promise((resolve) => setTimeout(resolve, waitLeft));
    const backAtSlack = emulator.clock.now();
    outage.end();
    const backAt = performance.now();
    context.log(
      `  ${name}: Slack is back after ${Math.round((backAt - downAt) / 1000)} s; ${decisions.length} decisions`,
    );

    const all = await listIncidentRows(database);
    const newcomer = all.find((row) => row.title === 'Slack down while down');
    const decided = decisions.filter((d) => d.post);
    const postsIn = (row: IncidentRow) =>
      row.channel_id ? emulator.workspace.messages(row.channel_id).filter((m) => m.bot_id && m.ts !== row.card_ts) : [];
    const allPosted = async () => {
      const now = await listIncidentRows(database);
      const arrived = decided.every((d) => {
        const row = now[d.incident];
        return row && postsIn(row).some((m) => searchable(m).includes(d.post as string));
      });
      return arrived && now.every((row) => row.card_ts) && (await openEffects(database)) === 0;
    };
    const drainMs = await waitUntil(allPosted, drainTimeoutMs);
    const drained = drainMs === undefined ? 'never' : Math.round(drainMs);
    if (drainMs === undefined) problems.push(`not drained ${drainTimeoutMs / 1000} s after Slack came back`);
    else if (drainMs > deliveredWithinMs)
      problems.push(`drained ${Math.round(drainMs / 1000)} s after Slack came back: over the promised minute`);

    // Hung calls are logged when their hang ends: counted once the drain is over.
    const faults = outage.faultCounts();
    // By arrival: a hung call is logged only when its hang ends.
    const callsWhileDown = emulator.calls.filter((call) => call.at >= downAtSlack && call.at < backAtSlack).length;
    const final = await listIncidentRows(database);
    const order = checkPosts(final, decided, postsIn);
    problems.push(...order.problems);
    problems.push(...(await checkCards(emulator, database, final, expected)));
    if (!newcomer) problems.push('the incident declared while Slack was down was not stored');
    for (const row of final) {
      if (!row.channel_id) {
        problems.push(`${row.title}: no channel`);
        continue;
      }
      const doubled = doubledBotPosts(emulator, row.channel_id);
      if (doubled.length > 0) problems.push(`${row.title}: bot posts doubled: ${sample(doubled)}`);
      const cards = emulator.workspace
        .messages(row.channel_id)
        .filter((m) => m.bot_id && JSON.stringify(m.blocks ?? []).includes('incident_card.')).length;
      if (cards !== 1) problems.push(`${row.title}: ${cards} cards`);
      const pins = emulator.workspace.pins(row.channel_id).length;
      if (pins !== 1) problems.push(`${row.title}: ${pins} pins`);
    }
    const channels = emulator.workspace.channels().filter((c: { name: string }) => c.name.includes('slack-down-while'));
    if (channels.length !== 1) problems.push(`${channels.length} channels for the incident declared while down`);
    const unanswered = decisions.filter((d) => d.answered !== 200);
    if (unanswered.length > 0)
      problems.push(
        `${unanswered.length} requests not acked 200: ${sample(unanswered.map((d) => `${d.sentAs} → ${d.answered}`))}`,
      );
    const outbox = await outboxByStatus(database);
    if (outbox.dead) problems.push(`${outbox.dead} effects given up (dead)`);
    const [attempts] = await database.sql<{ max: number }[]>`SELECT coalesce(max(attempts), 0)::int AS max FROM outbox`;
    if (problems.length > 0 && firebreak.process.output().trim())
      problems.push(`process output (tail):\n${firebreak.process.output().slice(-1500)}`);

    const byKind = new Map<string, number>();
    for (const d of decisions) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
    return {
      name,
      figures: [
        ['seed (CHAOS_SEED)', seed],
        ['Slack down for s', Math.round((backAt - downAt) / 1000)],
        ['incidents (+1 declared while down)', incidents],
        ['decisions while down', decisions.length],
        ['  by kind', [...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')],
        ['  acked 200', decisions.length - unanswered.length],
        ['Web API calls arriving while down', callsWhileDown],
        [
          '  answered with a fault',
          Object.entries(faults)
            .map(([kind, n]) => `${kind} ${n}`)
            .join(', '),
        ],
        ['most attempts of one effect', attempts?.max ?? 0],
        ['posts decided while down', decided.length],
        ['  in their channel once, in order', order.inOrder],
        ['  missing', order.missing],
        ['  doubled', order.doubled],
        ['  out of order', order.outOfOrder],
        ['effects given up (dead)', outbox.dead ?? 0],
        ['Slack back → drained ms', drained],
      ],
      problems,
    };
  } finally {
    outage?.end();
    firebreak.restore();
    await firebreak.process.stop();
    await database.drop();
  }
}

/** Waits until `n` incidents have a channel and a card. */
async function waitForIncidents(database: ScratchDatabase, n: number): Promise<IncidentRow[]> {
  let rows: IncidentRow[] = [];
  const took = await waitUntil(async () => {
    rows = await listIncidentRows(database);
    return rows.length >= n && rows.every((row) => row.channel_id && row.card_ts);
  }, 60_000);
  if (took === undefined) throw new Error(`${rows.length} of ${n} incidents have a channel and card after 60 s`);
  return rows;
}

/** Each decided post once in its channel, and in the order decided. */
function checkPosts(
  rows: IncidentRow[],
  decided: Decision[],
  postsIn: (row: IncidentRow) => ReturnType<Emulator['workspace']['messages']>,
) {
  const problems: string[] = [];
  const missing: string[] = [];
  const doubled: string[] = [];
  const outOfOrder: string[] = [];
  for (const [k, row] of rows.entries()) {
    const posts = postsIn(row).map(searchable);
    let lastAt = -1;
    for (const d of decided.filter((d) => d.incident === k)) {
      const at = posts.flatMap((text, i) => (text.includes(d.post as string) ? [i] : []));
      if (at.length === 0) missing.push(`${row.title}: ${d.sentAs}`);
      if (at.length > 1) doubled.push(`${row.title}: ${d.sentAs} ×${at.length}`);
      const first = at[0];
      if (first !== undefined && first < lastAt) outOfOrder.push(`${row.title}: ${d.sentAs}`);
      if (first !== undefined) lastAt = first;
    }
  }
  if (missing.length) problems.push(`${missing.length} decided posts missing: ${sample(missing)}`);
  if (doubled.length) problems.push(`${doubled.length} decided posts doubled: ${sample(doubled)}`);
  if (outOfOrder.length) problems.push(`${outOfOrder.length} decided posts out of order: ${sample(outOfOrder)}`);
  return {
    problems,
    missing: missing.length,
    doubled: doubled.length,
    outOfOrder: outOfOrder.length,
    inOrder: decided.length - missing.length - doubled.length - outOfOrder.length,
  };
}

/** The stored state is what was decided, and each pinned card shows it: severity, status, every role holder. */
async function checkCards(
  emulator: Emulator,
  database: ScratchDatabase,
  rows: IncidentRow[],
  expected: Expected[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const [k, want] of expected.entries()) {
    const row = rows[k] as IncidentRow;
    if (row.severity !== want.severity || row.status !== want.status)
      problems.push(`${row.title}: stored ${row.severity}/${row.status}, decided ${want.severity}/${want.status}`);
    const holders = await database.sql<{ role: string; user_id: string }[]>`
      SELECT role, user_id FROM incident_roles WHERE team_id = ${benchWorkspace.teamId} AND incident_id = ${row.id}`;
    for (const [role, userId] of want.roles)
      if (!holders.some((h) => h.role === role && h.user_id === userId))
        problems.push(`${row.title}: ${role} is not <@${userId}> as decided`);
    const card = row.card_ts && row.channel_id ? emulator.workspace.message(row.channel_id, row.card_ts) : undefined;
    if (!card) {
      problems.push(`${row.title}: no card`);
      continue;
    }
    const shown = JSON.stringify(card.blocks ?? []);
    const shows = (text: string) => shown.includes(JSON.stringify(text).slice(1, -1));
    if (!shows(`*Severity*\n${want.severity.toUpperCase()}`))
      problems.push(`${row.title}: card severity is not ${want.severity}`);
    if (!shows(`*Status*\n${capitalise(want.status)}`))
      problems.push(`${row.title}: card status is not ${want.status}`);
    for (const holder of holders)
      if (!shows(`*${roleNames[holder.role] ?? holder.role}*\n<@${holder.user_id}>`))
        problems.push(`${row.title}: card does not show <@${holder.user_id}> as ${holder.role}`);
  }
  return problems;
}

export const slackDown: ChaosScenario = {
  name,
  description:
    "Slack's Web API down (5xx, hangs, lost answers) while decisions go on: each post once, in order, within a minute of its return",
  run: (context) =>
    runSlackDown(context, {
      outageSeconds: process.env.CHAOS_SLACK_DOWN_SECONDS ? Number(process.env.CHAOS_SLACK_DOWN_SECONDS) : undefined,
      seed: context.seed,
    }),
};
