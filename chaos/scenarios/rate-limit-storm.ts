import { performance } from 'node:perf_hooks';
import { type ApiCall, type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { benchWorkspace } from '../../bench/slack-requests.ts';
import { createScratchDatabase } from '../database.ts';
import { inParallel } from '../delivery.ts';
import {
  doubledBotPosts,
  listIncidentRows,
  openEffects,
  outboxByStatus,
  sample,
  startConnectedFirebreak,
  waitUntil,
} from '../emulated-slack.ts';
import type { ChaosContext, ChaosResult, ChaosScenario } from '../scenario.ts';

const name = 'rate-limit-storm';
/** Slack's Tier 2 (conversations.create, setTopic, pins.add): 20 a minute, so 60 declares are three times over. */
export const defaultStormDeclares = 60;
/** Severity changes in one channel at once: three times chat.postMessage's burst of 5 per channel. */
const defaultChannelBurst = 15;
/** Declares in flight at once, as a busy morning's slash commands. */
const concurrency = 10;
/** Gives up waiting once nothing changed for this long (the report then says what is missing). */
const stallMs = 60_000;
const titleOf = (i: number) => `Storm ${i + 1}`;

export type RateLimitStormOptions = { declares?: number; channelBurst?: number };

/**
 * On an emulator enforcing Slack's rate limits, declares incidents three times over the Tier 2 limit at once
 * and sends a burst of severity changes into one channel; counts the 429s each Web API method got (at most
 * one is allowed) and checks everything still arrived, once.
 */
export async function runRateLimitStorm(
  context: Pick<ChaosContext, 'adminUrl' | 'declares' | 'log'>,
  options: RateLimitStormOptions = {},
): Promise<ChaosResult> {
  const declares = options.declares ?? context.declares ?? defaultStormDeclares;
  const channelBurst = options.channelBurst ?? defaultChannelBurst;
  // Its own emulator: the runner's shares one without limits, for the scenarios that measure throughput.
  const emulator = await startEmulator({ rateLimits: true });
  const database = await createScratchDatabase(context.adminUrl).catch(async (error) => {
    await emulator.close();
    throw error;
  });
  const problems: string[] = [];
  let firebreak: Awaited<ReturnType<typeof startConnectedFirebreak>> | undefined;
  try {
    firebreak = await startConnectedFirebreak(emulator, database);
    const firstCall = emulator.calls.length;
    const startedAt = performance.now();
    context.log(
      `  ${name}: ${declares} declares (${concurrency} in flight), then ${channelBurst} changes in one channel`,
    );
    const answers = new Map<number, number>();
    const command = (channelId: string, text: string) =>
      emulator.slashCommand({ userId: benchWorkspace.userId, channelId, text }).then((r) => r.status);
    await inParallel(declares, concurrency, async (i) => {
      answers.set(i, await command(benchWorkspace.channelId, `declare sev3 ${titleOf(i)}`));
    });
    const declaredAt = performance.now();
    // The burst in one channel: as soon as the first incident has its card (its declarer is in by then).
    let firstChannel: string | null | undefined;
    await waitUntil(async () => {
      const first = (await listIncidentRows(database)).find((row) => row.title === titleOf(0));
      firstChannel = first?.card_ts ? first.channel_id : undefined;
      return Boolean(firstChannel);
    }, stallMs);
    const burstAnswers: number[] = [];
    if (firstChannel)
      for (let n = 1; n <= channelBurst; n++)
        burstAnswers.push(await command(firstChannel, `sev ${n % 2 ? 'sev2' : 'sev3'} storm change ${n}`));

    let state = '';
    let changedAt = performance.now();
    const quiet = await waitUntil(async () => {
      const rows = await listIncidentRows(database);
      const open = await openEffects(database);
      const now = `${rows.filter((row) => row.card_ts).length}/${open}/${emulator.calls.length}`;
      if (now !== state) [state, changedAt] = [now, performance.now()];
      if (performance.now() - changedAt > stallMs) return true;
      return open === 0 && rows.length === declares && rows.every((row) => row.card_ts);
    }, 20 * 60_000);
    const drainedAt = performance.now();
    if (quiet === undefined || performance.now() - changedAt > stallMs) problems.push('never drained');

    const calls = emulator.calls.slice(firstCall);
    const perMethod = countCalls(calls);
    for (const [method, { limited }] of perMethod)
      if (limited > 1) problems.push(`${method} got ${limited} 429s (at most one is allowed)`);
    problems.push(...checkArrivals(emulator, await listIncidentRows(database), declares, firstChannel, channelBurst));
    const refused = [...answers.values(), ...burstAnswers].filter((status) => status !== 200).length;
    if (refused > 0) problems.push(`${refused} commands not acked 200`);
    const outbox = await outboxByStatus(database);
    if (outbox.dead) problems.push(`${outbox.dead} effects given up (dead)`);
    if (problems.length > 0 && firebreak.process.output().trim())
      problems.push(`process output (tail):\n${firebreak.process.output().slice(-1500)}`);

    const busiest = [...perMethod].sort((a, b) => b[1].calls - a[1].calls);
    return {
      name,
      figures: [
        ['declares', declares],
        ['changes in one channel', channelBurst],
        ['Web API calls', calls.length],
        ...busiest.map(([method, n]): [string, string] => [`  ${method}`, `${n.calls} (429: ${n.limited})`]),
        ['429s in all', calls.filter((call) => call.status === 429).length],
        ['effects given up (dead)', outbox.dead ?? 0],
        ['declares sent ms', Math.round(declaredAt - startedAt)],
        ['first declare → drained ms', Math.round(drainedAt - startedAt)],
      ],
      problems,
    };
  } finally {
    await firebreak?.process.stop();
    firebreak?.restore();
    await database.drop();
    await emulator.close();
  }
}

/** Calls and 429s per Web API method, from the emulator's call log. */
function countCalls(calls: ApiCall[]): Map<string, { calls: number; limited: number }> {
  const counts = new Map<string, { calls: number; limited: number }>();
  for (const call of calls) {
    const entry = counts.get(call.method) ?? { calls: 0, limited: 0 };
    entry.calls++;
    if (call.status === 429) entry.limited++;
    counts.set(call.method, entry);
  }
  return counts;
}

/** One incident, channel, card, pin and announcement per declare; every change in the busy channel posted once. */
function checkArrivals(
  emulator: Emulator,
  rows: Awaited<ReturnType<typeof listIncidentRows>>,
  declares: number,
  busyChannel: string | null | undefined,
  channelBurst: number,
): string[] {
  const problems: string[] = [];
  const missing: string[] = [];
  const doubled: string[] = [];
  for (let i = 0; i < declares; i++) {
    const matching = rows.filter((row) => row.title === titleOf(i));
    if (matching.length !== 1)
      (matching.length ? doubled : missing).push(`${titleOf(i)}: ${matching.length} incidents`);
  }
  const announcements = emulator.workspace.messages(benchWorkspace.channelId);
  for (const row of rows) {
    if (!row.channel_id || !row.card_ts) {
      missing.push(`${row.title}: no channel or card`);
      continue;
    }
    const messages = emulator.workspace.messages(row.channel_id);
    const cards = messages.filter((m) => m.bot_id && JSON.stringify(m.blocks ?? []).includes('incident_card.')).length;
    const pins = emulator.workspace.pins(row.channel_id).length;
    const announced = announcements.filter((m) =>
      JSON.stringify(m.blocks ?? []).includes(`<#${row.channel_id}>`),
    ).length;
    for (const [what, n] of [
      ['cards', cards],
      ['pins', pins],
      ['announcements', announced],
    ] as const) {
      if (n === 0) missing.push(`${row.title}: no ${what}`);
      if (n > 1) doubled.push(`${row.title}: ${n} ${what}`);
    }
    doubled.push(...doubledBotPosts(emulator, row.channel_id).map((post) => `${row.title}: ${post}`));
  }
  if (busyChannel) {
    const texts = emulator.workspace.messages(busyChannel).map((m) => m.text ?? '');
    for (let n = 1; n <= channelBurst; n++) {
      const found = texts.filter((text) => text.endsWith(`storm change ${n}`)).length;
      if (found === 0) missing.push(`storm change ${n}`);
      if (found > 1) doubled.push(`storm change ${n} ×${found}`);
    }
  } else missing.push('the busy channel never came');
  if (missing.length) problems.push(`${missing.length} missing: ${sample(missing)}`);
  if (doubled.length) problems.push(`${doubled.length} doubled: ${sample(doubled)}`);
  return problems;
}

export const rateLimitStorm: ChaosScenario = {
  name,
  description:
    "a burst three times over Slack's tier limits, on Slack's limits: at most one 429 per method, all arrives once",
  run: (context) => runRateLimitStorm(context),
};
