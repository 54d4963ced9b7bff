import { performance } from 'node:perf_hooks';
import {
  benchWorkspace,
  type SigningOptions,
  signedMessageEvent,
  signedSlashCommand,
} from '../../bench/slack-requests.ts';
import { createScratchDatabase, type ScratchDatabase } from '../database.ts';
import { type DeliveryOutcome, deliver, inParallel, retryHeaders } from '../delivery.ts';
import { type FirebreakProcess, firebreakEnv, freePort, startFirebreak, waitUntilReady } from '../firebreak-process.ts';
import type { ChaosContext, ChaosResult, ChaosScenario } from '../scenario.ts';

const name = 'kill-during-burst';
/** Deliveries in flight, as in the ingestion bench. */
const concurrency = 50;
/** Slack retries a failed delivery 3 times (after ~0 s, 1 min, 5 min); compressed here, starting once the restarted process is ready. */
const retryDelaysMs = [0, 1000, 3000] as const;
/** The timeline counts as caught up when it has not grown for this long after the last redelivery. */
const quietMs = 2000;
/** Gives up waiting for missing rows once the timeline has not grown for this long. */
const stallMs = 10_000;
const incidentTitle = 'Chaos kill during burst';
/** The ts range of this scenario's messages: "1796000000.000001", … (six digits, so CHAOS_EVENTS ≤ 999999). */
const tsBase = 1796000000;
const tsOf = (i: number) => `${tsBase}.${String(i + 1).padStart(6, '0')}`;
const eventIdOf = (i: number) => `Ev${tsBase}K${String(i + 1).padStart(6, '0')}`;

type Delivery = { first: DeliveryOutcome; retries: DeliveryOutcome[] };

/** The whole scenario's record of what Slack was told, per event index. */
type Ledger = { deliveries: Delivery[]; killedAfterAnswers: number; inFlightAtKill: number };

/**
 * Sends `events` signed message events into an incident channel, SIGKILLs Firebreak once about 40 % were answered
 * (sending on while it is down), restarts it on the same port and database, redelivers every event that got no 200
 * as Slack does (x-slack-retry-num 1…3), and checks that the timeline holds each answered or redelivered event
 * exactly once.
 */
export async function runKillDuringBurst(context: ChaosContext): Promise<ChaosResult> {
  const events = context.events;
  if (!Number.isInteger(events) || events < 10 || events > 999_999)
    throw new Error(`CHAOS_EVENTS must be an integer from 10 to 999999 (six-digit ts), not ${events}`);
  const database = await createScratchDatabase(context.adminUrl);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}/slack/events`;
  const signing: SigningOptions = { signingSecret: context.emulator.signingSecret };
  const env = firebreakEnv(context.emulator, database.url, port);
  let firebreak: FirebreakProcess | undefined;
  const problems: string[] = [];
  try {
    firebreak = startFirebreak(env);
    await waitUntilReady(firebreak, port);
    const channelId = await declareIncident(context, database, endpoint, signing);
    const incidentId = await incidentIdOf(database, channelId);
    context.log(`  ${name}: incident ${incidentId} in ${channelId}; ${events} events at ${concurrency} in flight`);

    const killAt = Math.floor(events * (0.35 + Math.random() * 0.1));
    const first = firebreak;
    const ledger = await burst(events, killAt, (i) => deliver(endpoint, messageEvent(signing, channelId, i)), first);
    const unanswered = ledger.deliveries.flatMap((d, i) => (d.first.status === 200 ? [] : [i]));
    context.log(
      `  ${name}: killed after ${ledger.killedAfterAnswers} answers (${ledger.inFlightAtKill} in flight); ${unanswered.length} unanswered; restarting`,
    );

    // Stored before the kill though their answer never left: their redeliveries must be dropped as duplicates.
    const beforeRestart = await timelineCounts(database, incidentId);
    const storedUnanswered = unanswered.filter((i) => beforeRestart.has(tsOf(i))).length;

    const restartedAt = performance.now();
    firebreak = startFirebreak(env);
    await waitUntilReady(firebreak, port);
    const readyMs = performance.now() - restartedAt;
    await redeliver(ledger, unanswered, (i, retryNum) =>
      deliver(endpoint, messageEvent(signing, channelId, i), retryHeaders(retryNum)),
    );
    // Every event either got a 200 or was redelivered: each must be on the timeline.
    const expected = new Set(ledger.deliveries.map((_, i) => tsOf(i)));
    const caughtUp = await waitForTimeline(database, incidentId, expected, restartedAt);
    const onTimeline = await timelineCounts(database, incidentId);
    const unhandled = await unhandledInbox(database);

    const lost = [...expected].filter((ts) => !onTimeline.has(ts));
    const doubled = [...onTimeline].filter(([, count]) => count > 1).map(([ts]) => ts);
    const abandoned = ledger.deliveries.flatMap((d, i) => (landedWithSlack(d) ? [] : [tsOf(i)]));
    const answered = ledger.deliveries.filter((d) => d.first.status === 200).length;
    const redelivered = unanswered.filter((i) => ledger.deliveries[i]?.retries.at(-1)?.status === 200).length;
    const retries = ledger.deliveries.reduce((sum, d) => sum + d.retries.length, 0);

    // An event Slack gave up on is lost only when it is not stored either (then it is counted in `lost`).
    if (lost.length > 0)
      problems.push(`${lost.length} events answered 200 or redelivered are not on the timeline: ${sample(lost)}`);
    if (doubled.length > 0)
      problems.push(`${doubled.length} events are on the timeline more than once: ${sample(doubled)}`);
    if (unhandled > 0) problems.push(`${unhandled} inbox rows still unhandled after catching up`);
    if (ledger.killedAfterAnswers === 0) problems.push('the process was never killed: the burst ended first');
    if (answered === 0 || unanswered.length === 0)
      problems.push(`the kill did not split the burst (${answered} answered, ${unanswered.length} unanswered)`);
    if (problems.length > 0 && firebreak.output().trim())
      problems.push(`restarted process output (tail):\n${firebreak.output().slice(-1500)}`);

    return {
      name,
      figures: [
        ['events sent', events],
        ['SIGKILL sent after (200s)', ledger.killedAfterAnswers],
        ['200s on first delivery', answered],
        ['unanswered (redelivered)', unanswered.length],
        ['  why (first delivery)', causes(ledger, unanswered)],
        ['  stored before the kill', storedUnanswered],
        ['retries sent', retries],
        ['redelivered → 200', redelivered],
        ['on the timeline', onTimeline.size],
        ['no 200 after 3 retries', abandoned.length],
        ['lost', lost.length],
        ['doubled', doubled.length],
        ['restart → ready ms', Math.round(readyMs)],
        ['restart → caught up ms', caughtUp === undefined ? 'never' : Math.round(caughtUp)],
      ],
      problems,
    };
  } finally {
    await firebreak?.stop();
    await database.drop();
  }
}

/** Slack counts a delivery as done once any attempt got a 200. */
const landedWithSlack = (d: Delivery) => d.first.status === 200 || d.retries.some((r) => r.status === 200);

/** Why first deliveries got no 200, e.g. "ECONNREFUSED 5636, UND_ERR_SOCKET 49". */
function causes(ledger: Ledger, unanswered: number[]): string {
  const counts = new Map<string, number>();
  for (const i of unanswered) {
    const outcome = ledger.deliveries[i]?.first;
    const cause = outcome?.status === undefined ? (outcome?.error ?? 'unknown') : `HTTP ${outcome.status}`;
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return [...counts].map(([cause, n]) => `${cause} ${n}`).join(', ');
}

const sample = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;

function messageEvent(signing: SigningOptions, channelId: string, i: number) {
  return signedMessageEvent(signing, { eventId: eventIdOf(i), channelId, ts: tsOf(i), text: `chaos message ${i + 1}` });
}

/** First delivery of every event; SIGKILLs `process` once `killAt` were answered 200 and keeps sending while it is down. */
async function burst(
  events: number,
  killAt: number,
  send: (i: number) => Promise<DeliveryOutcome>,
  process: FirebreakProcess,
): Promise<Ledger> {
  const deliveries: Delivery[] = [];
  const ledger: Ledger = { deliveries, killedAfterAnswers: 0, inFlightAtKill: 0 };
  let answers = 0;
  let inFlight = 0;
  let killing: Promise<void> | undefined;
  await inParallel(events, concurrency, async (i) => {
    inFlight++;
    const outcome = await send(i);
    inFlight--;
    deliveries[i] = { first: outcome, retries: [] };
    if (outcome.status === 200 && ++answers >= killAt && !killing) {
      ledger.killedAfterAnswers = answers;
      ledger.inFlightAtKill = inFlight;
      killing = process.kill9();
    }
  });
  await killing;
  return ledger;
}

/** Slack's retries of every unanswered event: up to 3, numbered, until one gets a 200. */
async function redeliver(
  ledger: Ledger,
  unanswered: number[],
  send: (i: number, retryNum: number) => Promise<DeliveryOutcome>,
): Promise<void> {
  let pending = unanswered;
  for (const [n, delayMs] of retryDelaysMs.entries()) {
    if (pending.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const failed: number[] = [];
    await inParallel(pending.length, concurrency, async (k) => {
      const i = pending[k] as number;
      const outcome = await send(i, n + 1);
      ledger.deliveries[i]?.retries.push(outcome);
      if (outcome.status !== 200) failed.push(i);
    });
    pending = failed;
  }
}

/** Declares the incident through a signed slash command and returns its channel once Firebreak created it. */
async function declareIncident(
  context: ChaosContext,
  database: ScratchDatabase,
  endpoint: string,
  signing: SigningOptions,
): Promise<string> {
  const request = signedSlashCommand(signing, {
    text: `declare sev2 ${incidentTitle}`,
    sequence: 1,
    // Where Firebreak may reply later; the emulator answers 404 there, which is fine.
    responseUrl: new URL('/chaos/response', context.emulator.apiUrl).toString(),
  });
  const answer = await deliver(endpoint, request);
  if (answer.status !== 200) throw new Error(`declare answered ${answer.status ?? JSON.stringify(answer)}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [row] = await database.sql<{ channel_id: string | null }[]>`
      SELECT channel_id FROM incidents WHERE team_id = ${benchWorkspace.teamId} AND title = ${incidentTitle}`;
    if (row?.channel_id) return row.channel_id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no incident "${incidentTitle}" with a channel 60 s after the declare`);
}

async function incidentIdOf(database: ScratchDatabase, channelId: string): Promise<number> {
  const [row] = await database.sql<{ id: number | string }[]>`
    SELECT id FROM incidents WHERE team_id = ${benchWorkspace.teamId} AND channel_id = ${channelId}`;
  return Number(row?.id);
}

/** Message rows of this scenario's ts range, per ts (the timeline's source key is msg:<channel>:<ts>). */
async function timelineCounts(database: ScratchDatabase, incidentId: number): Promise<Map<string, number>> {
  const rows = await database.sql<{ slack_ts: string; n: number }[]>`
    SELECT slack_ts, count(*)::int AS n FROM timeline_entries
     WHERE team_id = ${benchWorkspace.teamId} AND incident_id = ${incidentId} AND kind = 'message'
       AND slack_ts LIKE ${`${tsBase}.%`}
     GROUP BY slack_ts`;
  return new Map(rows.map((row) => [row.slack_ts, row.n]));
}

async function unhandledInbox(database: ScratchDatabase): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM inbox WHERE team_id = ${benchWorkspace.teamId} AND handled_at IS NULL`;
  return row?.n ?? 0;
}

/**
 * Watches the timeline until it holds every expected event and has not grown for {@link quietMs} (or stopped growing for {@link stallMs}, at most 60 s);
 * returns ms from `since` to the moment the last expected row appeared, or undefined when some never did.
 */
async function waitForTimeline(
  database: ScratchDatabase,
  incidentId: number,
  expected: Set<string>,
  since: number,
): Promise<number | undefined> {
  const deadline = performance.now() + 60_000;
  let count = -1;
  let grewAt = performance.now();
  let completeAt: number | undefined;
  while (performance.now() < deadline) {
    const counts = await timelineCounts(database, incidentId);
    if (counts.size !== count) [count, grewAt] = [counts.size, performance.now()];
    if (completeAt === undefined && [...expected].every((ts) => counts.has(ts))) completeAt = performance.now();
    if (completeAt !== undefined && performance.now() - grewAt >= quietMs) break;
    // Rows that have not come in this long will not: the report says which.
    if (performance.now() - grewAt >= stallMs) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return completeAt === undefined ? undefined : completeAt - since;
}

export const killDuringBurst: ChaosScenario = {
  name,
  description:
    'SIGKILL mid-burst of signed message events, restart, Slack-style redelivery: each event on the timeline once',
  run: runKillDuringBurst,
};
